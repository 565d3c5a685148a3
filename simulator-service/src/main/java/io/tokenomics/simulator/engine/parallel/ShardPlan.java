package io.tokenomics.simulator.engine.parallel;

import io.tokenomics.simulator.engine.model.ModelArchitecture;

/**
 * Per-GPU dimensions of a model split by {@link Parallelism}: attention heads and FFN widths are sliced by the tensor
 * degree, experts are spread over the expert degree, layers over pipeline stages. GQA KV heads are sliced while
 * there are at least as many as tensor GPUs and replicated beyond; an MLA latent is replicated on every tensor GPU.
 *
 * <p>With attention data parallelism ({@link Parallelism#attentionDataParallel()}) the non-expert layers are not
 * sliced ({@link Parallelism#attentionTensor()} = 1): every rank holds all heads, the dense MLP, the shared experts
 * and the whole vocabulary, and runs them on its own {@code 1 / attentionRanks} of the sequences; only the routed
 * experts are split (by expert and expert-tensor parallelism).
 *
 * @param attentionRanks ranks that each serve their own share of a stage's sequences (1 without attention DP)
 */
public record ShardPlan(double queryHeadsPerGpu, double kvHeadsPerGpu, double kvShards, double ffnWidthPerGpu,
                        double expertWidthPerGpu, double sharedExpertWidthPerGpu, double localExperts,
                        double vocabPerGpu, int layersPerStage, int attentionRanks) {

    public static ShardPlan of(ModelArchitecture m, Parallelism p) {
        int at = p.attentionTensor();
        double kvShards = m.usesMla() ? 1 : Math.min(at, m.kvHeads());
        return new ShardPlan((double) m.attentionHeads() / at, m.usesMla() ? 1 : m.kvHeads() / kvShards, kvShards,
                (double) m.denseIntermediateSize() / at, (double) m.expertIntermediateSize() / p.expertTensor(),
                (double) m.sharedExperts() * m.expertIntermediateSize() / at,
                m.isMoe() ? (double) m.routedExperts() / p.expert() : 0, (double) m.vocabSize() / at,
                (m.layers() + p.pipeline() - 1) / p.pipeline(), p.attentionRanks());
    }
}

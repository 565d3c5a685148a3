package io.tokenomics.simulator.engine.parallel;

import io.tokenomics.simulator.engine.model.ModelArchitecture;

/**
 * Per-GPU dimensions of a model split by {@link Parallelism}: attention heads and FFN widths are sliced by the tensor
 * degree, experts are spread over the expert degree, layers over pipeline stages. GQA KV heads are sliced while
 * there are at least as many as tensor GPUs and replicated beyond; an MLA latent is replicated on every tensor GPU.
 */
public record ShardPlan(double queryHeadsPerGpu, double kvHeadsPerGpu, double kvShards, double ffnWidthPerGpu,
                        double expertWidthPerGpu, double sharedExpertWidthPerGpu, double localExperts,
                        double vocabPerGpu, int layersPerStage) {

    public static ShardPlan of(ModelArchitecture m, Parallelism p) {
        int tp = p.tensor();
        double kvShards = m.usesMla() ? 1 : Math.min(tp, m.kvHeads());
        return new ShardPlan((double) m.attentionHeads() / tp, m.usesMla() ? 1 : m.kvHeads() / kvShards, kvShards,
                (double) m.denseIntermediateSize() / tp, (double) m.expertIntermediateSize() / p.expertTensor(),
                (double) m.sharedExperts() * m.expertIntermediateSize() / tp,
                m.isMoe() ? (double) m.routedExperts() / p.expert() : 0, (double) m.vocabSize() / tp,
                (m.layers() + p.pipeline() - 1) / p.pipeline());
    }
}

package io.tokenomics.simulator.engine.memory;

import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.parallel.ShardPlan;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;

/**
 * Weight bytes per GPU after sharding and quantization, KV bytes per token, activation workspace and reserve, and
 * from them the KV tokens a replica holds. Linear-layer weights use the quantized precision; embeddings, LM head
 * and routers stay BF16.
 */
public final class MemoryPlanner {
    private MemoryPlanner() {
    }

    public static MemoryPlan plan(ServingConfiguration config, ServingLimits limits) {
        return plan(config, limits, null, false);
    }

    /**
     * The plan of a replica that also holds a speculative drafter ({@code draft}: its serving configuration next to
     * the target, null for none): the drafter's weights per GPU (without the embedding table and LM head when
     * {@code draftSharesEmbeddings}, as an MTP head reads the target's), and its KV cache for every token the target
     * holds (the draft model keeps its own cache of each sequence's context). Transient activations of the two models
     * do not coexist, so the workspace is the larger of the two.
     */
    public static MemoryPlan plan(ServingConfiguration config, ServingLimits limits, ServingConfiguration draft,
                                  boolean draftSharesEmbeddings) {
        ModelArchitecture m = config.model();
        ShardPlan s = ShardPlan.of(m, config.parallelism());
        double targetWeights = weightBytesPerGpu(config, true);
        double draftWeights = draft == null ? 0 : weightBytesPerGpu(draft, !draftSharesEmbeddings);
        double weights = targetWeights + draftWeights;
        double kvPerToken = kvBytesPerTokenPerGpu(config) + (draft == null ? 0 : kvBytesPerTokenPerGpu(draft));
        double workspace = activationWorkspaceBytes(m, s, limits);
        if (draft != null) {
            workspace = Math.max(workspace, activationWorkspaceBytes(draft.model(),
                    ShardPlan.of(draft.model(), draft.parallelism()), limits));
        }
        double memory = config.accelerator().memoryBytes();
        double free = memory - weights - workspace - limits.frameworkReserveBytes();
        double kvBytes = Math.max(0, free * limits.kvCacheMemoryFraction());
        long maxTokens = (long) Math.floor(kvBytes / kvPerToken);
        double needForMinimum = limits.minKvTokens() * kvPerToken / limits.kvCacheMemoryFraction();
        double shortfall = Math.max(0, needForMinimum - free);
        return new MemoryPlan(memory, weights, kvPerToken, workspace, limits.frameworkReserveBytes(), kvBytes,
                Math.max(0, maxTokens), limits.minKvTokens(), shortfall, draftWeights);
    }

    /**
     * Weight bytes on the most loaded GPU: the layers of the stage with the most, quantized (routers BF16), plus the
     * embedding table and LM head in BF16 when {@code withEmbeddings}.
     */
    static double weightBytesPerGpu(ServingConfiguration config, boolean withEmbeddings) {
        ModelArchitecture m = config.model();
        ShardPlan s = ShardPlan.of(m, config.parallelism());
        double wb = config.quantization().weights().bytesPerValue();
        double bf16 = Precision.BF16.bytesPerValue();
        // the GPUs that slice the non-expert layers: the tensor group, or 1 under attention data parallelism (every
        // rank holds attention, dense MLP, shared experts, embedding and LM head whole; routed experts stay sharded)
        int tp = config.parallelism().attentionTensor();
        int pp = config.parallelism().pipeline();

        double attention = m.attentionParametersPerLayer() / tp * wb;
        double denseFfn = m.denseFfnParameters() / tp * wb;
        double moeFfn = m.isMoe()
                ? (s.localExperts() * 3.0 * m.hiddenSize() * s.expertWidthPerGpu()
                + 3.0 * m.hiddenSize() * s.sharedExpertWidthPerGpu()) * wb + (double) m.hiddenSize() * m.routedExperts() * bf16
                : 0;
        double layerAverage = attention + (m.denseLayers() * denseFfn + m.moeLayers() * moeFfn) / m.layers();
        double embedding = (double) m.vocabSize() * m.hiddenSize() / tp * bf16;
        double head = m.tiedEmbeddings() ? (pp == 1 ? 0 : embedding) : embedding;
        double ends = pp == 1 ? embedding + head : Math.max(embedding, head);
        return layerAverage * s.layersPerStage() + (withEmbeddings ? ends : 0);
    }

    /**
     * KV-cache bytes one token occupies on one GPU of the stage with the most layers: its layers' KV divided over
     * the GPUs that slice its heads. Under attention data parallelism a token's whole KV sits on the one rank that
     * serves its sequence, so this is the average over the stage's ranks (whole KV / attention ranks), and the
     * replica's {@link MemoryPlan#maxKvTokens()} is the sum of the ranks' caches.
     */
    public static double kvBytesPerTokenPerGpu(ServingConfiguration config) {
        ModelArchitecture m = config.model();
        ShardPlan s = ShardPlan.of(m, config.parallelism());
        double perGpu = kvBytesPerTokenPerLayer(m, config.quantization().kvCache()) / s.kvShards() * s.layersPerStage();
        return s.attentionRanks() == 1 ? perGpu : perGpu / s.attentionRanks();
    }

    /** KV-cache bytes per token per layer for the whole model (before sharding). */
    public static double kvBytesPerTokenPerLayer(ModelArchitecture m, Precision kvPrecision) {
        return m.kvValuesPerTokenPerLayer() * kvPrecision.bytesPerValue();
    }

    /**
     * Peak transient activations of one iteration: per token the residual stream, normed input, QKV and MLP
     * intermediates in BF16, plus FP32 logits for every sequence.
     */
    static double activationWorkspaceBytes(ModelArchitecture m, ShardPlan s, ServingLimits limits) {
        double qkvWidth = s.queryHeadsPerGpu() * (m.queryKeyHeadDim() + m.valueHeadDim())
                + 2.0 * s.kvHeadsPerGpu() * m.queryKeyHeadDim();
        int ranks = s.attentionRanks();
        if (ranks > 1) {
            // attention DP: a rank runs the non-expert layers on its share of the tokens and the logits of its share
            // of the sequences, then holds every rank's tokens (all-gathered) and their expert rows in the MoE layer
            double ownTokens = Math.ceil((double) limits.maxBatchTokens() / ranks);
            double ownSequences = Math.ceil((double) limits.maxBatchSequences() / ranks);
            double nonExpert = (4.0 * m.hiddenSize() + qkvWidth
                    + 3.0 * Math.max(s.ffnWidthPerGpu(), s.sharedExpertWidthPerGpu())) * 2.0;
            double expertRows = m.expertsPerToken() * s.localExperts() / m.routedExperts();
            double gathered = (2.0 * m.hiddenSize() + expertRows * (m.hiddenSize() + 3.0 * s.expertWidthPerGpu()))
                    * 2.0;
            return ownTokens * nonExpert + limits.maxBatchTokens() * gathered + ownSequences * s.vocabPerGpu() * 4.0;
        }
        double ffnWidth = Math.max(s.ffnWidthPerGpu(),
                m.isMoe() ? m.expertsPerToken() * s.expertWidthPerGpu() + s.sharedExpertWidthPerGpu() : 0);
        double perToken = (4.0 * m.hiddenSize() + qkvWidth + 3.0 * ffnWidth) * 2.0;
        return limits.maxBatchTokens() * perToken + limits.maxBatchSequences() * s.vocabPerGpu() * 4.0;
    }
}

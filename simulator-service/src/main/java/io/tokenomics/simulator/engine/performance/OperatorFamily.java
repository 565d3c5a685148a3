package io.tokenomics.simulator.engine.performance;

/** Operator families with their own efficiency curve and their own calibration residuals. */
public enum OperatorFamily {
    /** Dense linear layers (QKV, output, MLP, LM head, MLA projections). */
    GEMM,
    /** Grouped expert GEMMs of MoE layers (routed and shared experts, router). */
    MOE_GEMM,
    /** Decode attention: streams the KV cache of every sequence. */
    ATTENTION_DECODE,
    /** Prefill (causal) attention over new tokens and their prior context. */
    ATTENTION_PREFILL,
    /** Norms, activations, residual adds, embedding gather, sampling. */
    ELEMENTWISE,
    /** Tensor/expert/pipeline-parallel communication. */
    COLLECTIVE;

    public static final OperatorFamily[] VALUES = values();
}

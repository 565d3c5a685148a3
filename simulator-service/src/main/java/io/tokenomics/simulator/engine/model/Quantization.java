package io.tokenomics.simulator.engine.model;

/**
 * Precisions of a deployment: weights of the linear layers, activations entering them (which picks the tensor-core
 * path: FP8 activations run on FP8 tensor cores, BF16 activations with FP8 weights are weight-only quantization), and
 * the KV cache. Embeddings, norms and the router stay in BF16.
 */
public record Quantization(Precision weights, Precision activations, Precision kvCache) {
    public static final Quantization BF16 = new Quantization(Precision.BF16, Precision.BF16, Precision.BF16);
    /** FP8 weights and activations (W8A8) with an FP8 KV cache, as in TensorRT-LLM's FP8 checkpoints. */
    public static final Quantization FP8 = new Quantization(Precision.FP8, Precision.FP8, Precision.FP8);
    /** NVFP4 weights and activations with an FP8 KV cache. */
    public static final Quantization FP4 = new Quantization(Precision.FP4, Precision.FP4, Precision.FP8);

    /** The usual scheme named by one precision word (BF16, FP8, INT8, FP4/NVFP4). */
    public static Quantization named(String precision) {
        Precision p = Precision.parse(precision);
        return switch (p) {
            case BF16, FP16, FP32 -> new Quantization(p, p, p);
            case FP8 -> FP8;
            case INT8 -> new Quantization(Precision.INT8, Precision.INT8, Precision.FP8);
            case FP4 -> FP4;
            case INT4 -> new Quantization(Precision.INT4, Precision.BF16, Precision.BF16);
        };
    }
}

package io.tokenomics.simulator.engine.memory;

/**
 * Engine settings that size memory.
 *
 * @param maxBatchSequences      most sequences in one iteration (sizes the logits buffer)
 * @param maxBatchTokens         most tokens in one iteration (sizes the activation workspace)
 * @param kvCacheMemoryFraction  share of the memory left after weights, workspace and reserve given to the KV cache
 *                               (TensorRT-LLM's kv_cache_free_gpu_mem_fraction)
 * @param frameworkReserveBytes  CUDA context, library workspaces, communication buffers (assumption: 1.5 GiB)
 * @param minKvTokens            KV tokens a replica must hold to count as fitting (one request of this length)
 */
public record ServingLimits(int maxBatchSequences, int maxBatchTokens, double kvCacheMemoryFraction,
                            double frameworkReserveBytes, long minKvTokens) {
    public static final double GIB = 1L << 30;
    public static final ServingLimits DEFAULT = new ServingLimits(512, 8192, 0.90, 1.5 * GIB, 4096);

    public ServingLimits {
        if (maxBatchSequences <= 0 || maxBatchTokens <= 0 || minKvTokens < 0) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
        if (!(kvCacheMemoryFraction > 0 && kvCacheMemoryFraction <= 1)) {
            throw new IllegalArgumentException("KV cache memory fraction must be in (0, 1]");
        }
    }

    public ServingLimits withMaxBatchSequences(int sequences) {
        return new ServingLimits(sequences, maxBatchTokens, kvCacheMemoryFraction, frameworkReserveBytes, minKvTokens);
    }

    public ServingLimits withKvCacheMemoryFraction(double fraction) {
        return new ServingLimits(maxBatchSequences, maxBatchTokens, fraction, frameworkReserveBytes, minKvTokens);
    }
}

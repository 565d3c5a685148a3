package io.tokenomics.simulator.engine.performance;

/**
 * The walking skeleton's performance model: a decode step must at least stream every weight byte from HBM once, so
 * {@code step time >= weight bytes per accelerator / memory bandwidth}. It ignores KV-cache reads, compute,
 * communication and efficiency below peak bandwidth, so it is a lower bound on step time (an upper bound on
 * single-sequence decode speed), not a prediction. The operator-level model replaces it.
 */
public final class WeightStreamingBound {
    public static final String METHOD = "skeleton-weight-streaming-bound";

    private WeightStreamingBound() {
    }

    /**
     * @param parameterCount               model parameters (all of them: every weight is read once per step)
     * @param bitsPerWeight                storage bits per weight (16 for BF16, 8 for FP8, 4 for FP4)
     * @param acceleratorCount             accelerators the weights are sharded over (tensor parallel)
     * @param memoryBandwidthBytesPerSecond peak memory bandwidth of one accelerator
     * @param memoryBytes                  memory capacity of one accelerator
     */
    public static DecodeBound estimate(long parameterCount, int bitsPerWeight, int acceleratorCount,
                                       double memoryBandwidthBytesPerSecond, double memoryBytes) {
        if (parameterCount <= 0 || bitsPerWeight <= 0 || acceleratorCount <= 0) {
            throw new IllegalArgumentException("parameters, bits per weight and accelerator count must be positive");
        }
        if (!(memoryBandwidthBytesPerSecond > 0) || !(memoryBytes > 0)) {
            throw new IllegalArgumentException("memory bandwidth and capacity must be positive");
        }
        double weightBytes = (double) parameterCount * bitsPerWeight / 8.0;
        double weightBytesPerAccelerator = weightBytes / acceleratorCount;
        double stepSeconds = weightBytesPerAccelerator / memoryBandwidthBytesPerSecond;
        return new DecodeBound(weightBytes, weightBytesPerAccelerator, stepSeconds, 1.0 / stepSeconds,
                weightBytesPerAccelerator <= memoryBytes);
    }

    /**
     * @param weightsFitInMemory whether each accelerator can hold its share of the weights at all
     */
    public record DecodeBound(double weightBytes, double weightBytesPerAccelerator, double decodeStepSeconds,
                              double outputTokensPerSecond, boolean weightsFitInMemory) {
    }
}

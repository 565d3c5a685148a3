package io.tokenomics.simulator.engine.performance;

/**
 * Predicted cost of one engine iteration of one replica.
 *
 * @param seconds              time for the batch to pass every pipeline stage (equals the step time without PP)
 * @param stageIntervalSeconds time of the slowest pipeline stage: with enough micro-batches in flight, a new
 *                             iteration can start this often
 * @param lowSeconds           10th-percentile plausible time (from per-family calibration residuals)
 * @param highSeconds          90th-percentile plausible time
 * @param prefillSeconds       share of {@code seconds} attributable to prefill tokens (shared layers split by tokens)
 * @param decodeSeconds        share attributable to decode tokens
 * @param energyJoules         facility energy of the replica's GPUs for the iteration (GPU + host overhead, x PUE);
 *                             NaN when the accelerator has no power figure
 * @param averageGpuPowerWatts average board power of one GPU during the iteration (NaN without a power figure)
 * @param flopsPerGpu          FLOPs one GPU executes
 * @param bytesPerGpu          HBM bytes one GPU moves
 * @param familySeconds        seconds per {@link OperatorFamily} (indexed by ordinal), kernel overheads included
 */
public record IterationCost(double seconds, double stageIntervalSeconds, double lowSeconds, double highSeconds,
                            double prefillSeconds, double decodeSeconds, double energyJoules,
                            double averageGpuPowerWatts, double flopsPerGpu, double bytesPerGpu, long prefillTokens,
                            long decodeTokens, double[] familySeconds) {

    public double secondsOf(OperatorFamily family) {
        return familySeconds[family.ordinal()];
    }

    /** Energy attributed to each prefill token (prefill share of the iteration's energy / prefill tokens). */
    public double joulesPerPrefillToken() {
        return prefillTokens == 0 ? 0 : energyJoules * prefillSeconds / seconds / prefillTokens;
    }

    /** Energy attributed to each decode token. */
    public double joulesPerDecodeToken() {
        return decodeTokens == 0 ? 0 : energyJoules * decodeSeconds / seconds / decodeTokens;
    }
}

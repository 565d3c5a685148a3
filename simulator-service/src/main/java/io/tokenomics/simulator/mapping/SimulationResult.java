package io.tokenomics.simulator.mapping;

/**
 * What a run produced. SI units.
 *
 * @param method names the performance model, so a reader knows how far to trust the figures
 */
public record SimulationResult(
        String method,
        double weightBytes,
        double weightBytesPerAccelerator,
        double decodeStepSeconds,
        double outputTokensPerSecond,
        int acceleratorCount) {
}

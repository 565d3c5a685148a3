package io.tokenomics.contract.events;

/**
 * A simulation finished. Figures are SI units: seconds, bytes, bytes per second, tokens per second.
 *
 * @param acceleratorId          catalog id of the accelerator simulated
 * @param acceleratorCount       accelerators serving one model replica
 * @param decodeStepSeconds      predicted time of one decode iteration
 * @param outputTokensPerSecond  predicted output tokens per second of the replica
 * @param method                 which model produced the figures (e.g. {@code skeleton-weight-streaming-bound})
 */
public record SimulationCompleted(
        String simulationId,
        String acceleratorId,
        int acceleratorCount,
        double decodeStepSeconds,
        double outputTokensPerSecond,
        String method) {
}

package io.tokenomics.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A simulation finished. Figures are SI units: seconds, bytes, bytes per second, tokens per second.
 * <p>
 * The first six components are always present. The others are optional per-phase and range figures of one replica
 * (null = not reported, and left out of the JSON), added compatibly: consumers read them when a producer supplies
 * them, producers of the six-figure form are unchanged.
 *
 * @param acceleratorId          catalog id of the accelerator simulated
 * @param acceleratorCount       accelerators serving one model replica
 * @param decodeStepSeconds      predicted time of one decode iteration
 * @param outputTokensPerSecond  predicted output tokens per second of the replica
 * @param method                 which model produced the figures (e.g. {@code skeleton-weight-streaming-bound})
 * @param outputTokensPerSecondLow  lower end of the confidence range of {@code outputTokensPerSecond}
 * @param outputTokensPerSecondHigh upper end of that range
 * @param inputTokensPerSecond   prompt tokens prefilled per second of prefill-busy time
 * @param prefillBusySeconds     replica time spent on prefill over the simulated window
 * @param decodeBusySeconds      replica time spent on decode over the window
 * @param inputTokens            prompt tokens prefilled over the window
 * @param outputTokens           output tokens decoded over the window
 * @param averageWatts           average power of the replica's accelerators
 * @param usefulOutputFraction   share (0-1] of output tokens useful to the user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationCompleted(
        String simulationId,
        String acceleratorId,
        int acceleratorCount,
        double decodeStepSeconds,
        double outputTokensPerSecond,
        String method,
        Double outputTokensPerSecondLow,
        Double outputTokensPerSecondHigh,
        Double inputTokensPerSecond,
        Double prefillBusySeconds,
        Double decodeBusySeconds,
        Double inputTokens,
        Double outputTokens,
        Double averageWatts,
        Double usefulOutputFraction) {

    /** The six-figure form (no per-phase or range figures). */
    public SimulationCompleted(String simulationId, String acceleratorId, int acceleratorCount, double decodeStepSeconds,
                               double outputTokensPerSecond, String method) {
        this(simulationId, acceleratorId, acceleratorCount, decodeStepSeconds, outputTokensPerSecond, method, null, null,
                null, null, null, null, null, null, null);
    }
}

package io.tokenomics.pricing.domain;

import io.tokenomics.contract.events.SimulationCompleted;

/**
 * What the pricing domain needs from a simulation, in SI units. Only the first four figures exist in today's
 * {@code simulation.completed.v1}; the optional ones are used as soon as a producer supplies them.
 *
 * @param outputTokensPerSecond     output tokens per second of decode-busy time of one replica (required)
 * @param outputTokensPerSecondLow  lower end of the simulator's confidence range, optional
 * @param outputTokensPerSecondHigh upper end of the simulator's confidence range, optional
 * @param inputTokensPerSecond      input (prompt) tokens per second of prefill-busy time, optional
 * @param prefillBusySeconds        replica busy time on prefill over the simulated window, optional
 * @param decodeBusySeconds         replica busy time on decode over the simulated window, optional
 * @param inputTokens               input tokens prefilled over the window, optional
 * @param outputTokens              output tokens decoded over the window, optional
 * @param averageWatts              predicted or measured average power of the replica's accelerators, optional
 * @param usefulOutputFraction      share (0-1] of output tokens that are useful to the user, optional
 */
public record SimulationFigures(
        String simulationId,
        String acceleratorId,
        int acceleratorCount,
        double outputTokensPerSecond,
        Double outputTokensPerSecondLow,
        Double outputTokensPerSecondHigh,
        Double inputTokensPerSecond,
        Double prefillBusySeconds,
        Double decodeBusySeconds,
        Double inputTokens,
        Double outputTokens,
        Double averageWatts,
        Double usefulOutputFraction,
        String method) {

    /** The figures today's event carries; everything else is absent. */
    public static SimulationFigures of(SimulationCompleted event) {
        return new SimulationFigures(event.simulationId(), event.acceleratorId(), event.acceleratorCount(),
                event.outputTokensPerSecond(), null, null, null, null, null, null, null, null, null, event.method());
    }

    /** Decode rate per busy second: from the window when both figures exist, else the reported rate. */
    public double decodeRate() {
        if (decodeBusySeconds != null && outputTokens != null && decodeBusySeconds > 0 && outputTokens > 0) {
            return outputTokens / decodeBusySeconds;
        }
        return outputTokensPerSecond;
    }

    /** Prefill rate per busy second, or null when the simulator gave no prefill figures. */
    public Double prefillRate() {
        if (prefillBusySeconds != null && inputTokens != null && prefillBusySeconds > 0 && inputTokens > 0) {
            return inputTokens / prefillBusySeconds;
        }
        return inputTokensPerSecond != null && inputTokensPerSecond > 0 ? inputTokensPerSecond : null;
    }
}

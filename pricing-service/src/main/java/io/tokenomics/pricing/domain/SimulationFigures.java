package io.tokenomics.pricing.domain;

import io.tokenomics.contract.events.SimulationCompleted;

/**
 * What the pricing domain needs from a simulation, in SI units. The first four figures are always in
 * {@code simulation.completed.v1}; the optional ones are read from the event's optional components when the producer
 * supplies them (a value that is not finite and positive, or a useful fraction outside (0, 1], counts as absent).
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

    /** The event's figures; optional ones that are absent or unusable are null. */
    public static SimulationFigures of(SimulationCompleted event) {
        Double useful = event.usefulOutputFraction();
        return new SimulationFigures(event.simulationId(), event.acceleratorId(), event.acceleratorCount(),
                event.outputTokensPerSecond(), positive(event.outputTokensPerSecondLow()),
                positive(event.outputTokensPerSecondHigh()), positive(event.inputTokensPerSecond()),
                positive(event.prefillBusySeconds()), positive(event.decodeBusySeconds()), positive(event.inputTokens()),
                positive(event.outputTokens()), positive(event.averageWatts()),
                useful != null && Double.isFinite(useful) && useful > 0 && useful <= 1 ? useful : null, event.method());
    }

    private static Double positive(Double value) {
        return value != null && Double.isFinite(value) && value > 0 ? value : null;
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

package io.tokenomics.simulator.mapping;

import io.tokenomics.simulator.domain.RequestTrace;

import java.time.OffsetDateTime;

/** An uploaded trace as the API shows it: its summary, not its content. */
public record TraceView(String id, String name, String format, long bytes, long requests, double firstTimestamp,
                        double lastTimestamp, double meanInputTokens, double meanOutputTokens, int maxInputTokens,
                        int maxOutputTokens, double arrivalRate, OffsetDateTime createdAt) {
    public static TraceView of(RequestTrace t) {
        return new TraceView(t.id, t.name, t.format, t.bytes, t.requests, t.firstTimestamp, t.lastTimestamp,
                t.meanInput, t.meanOutput, t.maxInput, t.maxOutput, arrivalRate(t), t.createdAt);
    }

    /** Mean offered load: requests per second over the trace's span (all at once: the count per second). */
    public static double arrivalRate(RequestTrace t) {
        double span = t.lastTimestamp - t.firstTimestamp;
        return t.requests > 1 && span > 0 ? (t.requests - 1) / span : t.requests;
    }
}

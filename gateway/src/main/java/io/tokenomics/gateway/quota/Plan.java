package io.tokenomics.gateway.quota;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * A customer tier. {@code requestsPerMinute} and {@code burst} bound API calls through the gateway; the job limits are
 * forwarded to simulator-service, which enforces them.
 */
public record Plan(
        String name,
        @Positive @Max(10_000_000) int requestsPerMinute,
        @Positive @Max(10_000_000) int burst,
        @Positive long maxRequestsPerSimulation,
        @Positive @Max(1_000_000) int maxSweepPoints,
        @Positive @Max(100_000) int maxConcurrentJobs) {

    public double tokensPerSecond() {
        return requestsPerMinute / 60.0;
    }

    /** The header value services read: {@code name; jobs=…; requests=…; sweep-points=…}. */
    public String headerValue() {
        return name + "; jobs=" + maxConcurrentJobs + "; requests=" + maxRequestsPerSimulation
                + "; sweep-points=" + maxSweepPoints;
    }
}

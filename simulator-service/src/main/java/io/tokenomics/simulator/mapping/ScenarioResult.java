package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result document of a scenario-form simulation. SI units: seconds, tokens per second, joules.
 *
 * @param method                       names the engine, so a reader knows how far to trust the figures
 * @param assumptions                  what the method assumes, in words
 * @param requestsPerSecond            served request rate over all replicas (the offered rate unless saturated)
 * @param outputTokensPerSecond        output tokens per second over all replicas
 * @param outputTokensPerSecondPerReplica what one replica produces (the figure pricing prices per replica)
 * @param outputTokensPerSecondPerGpu  throughput per GPU: the x axis of a sweep's Pareto frontier
 * @param tokensPerSecondPerUser       decode speed one request sees (1 / TPOT): the y axis of the frontier
 * @param concurrencyPerReplica        sequences decoding at once in one replica at the operating point
 * @param maxConcurrencyPerReplica     most sequences one replica holds (batch limit and KV cache)
 * @param saturated                    true when the offered load exceeds what the replicas serve: a queue builds up
 *                                     and the latencies include the average wait over {@code requestCount} requests
 * @param durationSeconds              time to serve {@code requestCount} requests at the served rate
 * @param joulesPerOutputToken         facility energy per output token (prefill included); null without a power figure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioResult(
        String method,
        String assumptions,
        int replicas,
        int gpusPerReplica,
        int totalGpus,
        long requestCount,
        double offeredRequestsPerSecond,
        double requestsPerSecond,
        double inputTokensPerSecond,
        double outputTokensPerSecond,
        double outputTokensPerSecondPerReplica,
        double outputTokensPerSecondPerGpu,
        double tokensPerSecondPerUser,
        double ttftSeconds,
        double tpotSeconds,
        double e2eLatencySeconds,
        double decodeStepSeconds,
        double prefillSecondsPerRequest,
        int concurrencyPerReplica,
        long maxConcurrencyPerReplica,
        boolean saturated,
        double durationSeconds,
        Double joulesPerOutputToken,
        Memory memory,
        Slo slo) {

    public record Memory(double weightGiBPerGpu, double kvCacheGiBPerGpu, double kvBytesPerToken, long maxKvTokens,
                         String explanation) {
    }

    public record Slo(Double ttftSeconds, Double tpotSeconds, boolean ttftMet, boolean tpotMet, boolean met) {
    }
}

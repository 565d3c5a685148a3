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
 * @param completedRequests            requests that finished (discrete-event engine; null for estimates)
 * @param dropped                      requests that did not finish, by reason (discrete-event engine)
 * @param outputTokensPerSecondPerMegawatt output tokens per second per MW of facility power (discrete-event engine)
 * @param goodputRequestsPerSecond     completed requests per second that met their SLO (discrete-event engine)
 * @param gpuBusyFraction              share of GPU time spent in iterations (discrete-event engine)
 * @param joulesPerOutputTokenRange    energy per output token at part 1's 10-90 % step-time range
 * @param preemptions                  sequences preempted (recompute) because a decode step found no KV block
 * @param latency                      TTFT / TPOT / end-to-end / admission-queueing percentiles over all requests
 * @param kvCache                      KV-cache occupancy over the run
 * @param phases                       per-phase figures of one replica (discrete-event engine)
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
        Slo slo,
        Long completedRequests,
        java.util.Map<String, Long> dropped,
        Double outputTokensPerSecondPerMegawatt,
        Double goodputRequestsPerSecond,
        Double gpuBusyFraction,
        Range joulesPerOutputTokenRange,
        Long preemptions,
        Latency latency,
        KvCache kvCache,
        Phases phases) {

    /** Without per-phase figures. */
    public ScenarioResult(String method, String assumptions, int replicas, int gpusPerReplica, int totalGpus,
                          long requestCount, double offeredRequestsPerSecond, double requestsPerSecond,
                          double inputTokensPerSecond, double outputTokensPerSecond,
                          double outputTokensPerSecondPerReplica, double outputTokensPerSecondPerGpu,
                          double tokensPerSecondPerUser, double ttftSeconds, double tpotSeconds,
                          double e2eLatencySeconds, double decodeStepSeconds, double prefillSecondsPerRequest,
                          int concurrencyPerReplica, long maxConcurrencyPerReplica, boolean saturated,
                          double durationSeconds, Double joulesPerOutputToken, Memory memory, Slo slo,
                          Long completedRequests, java.util.Map<String, Long> dropped,
                          Double outputTokensPerSecondPerMegawatt, Double goodputRequestsPerSecond,
                          Double gpuBusyFraction, Range joulesPerOutputTokenRange, Long preemptions, Latency latency,
                          KvCache kvCache) {
        this(method, assumptions, replicas, gpusPerReplica, totalGpus, requestCount, offeredRequestsPerSecond,
                requestsPerSecond, inputTokensPerSecond, outputTokensPerSecond, outputTokensPerSecondPerReplica,
                outputTokensPerSecondPerGpu, tokensPerSecondPerUser, ttftSeconds, tpotSeconds, e2eLatencySeconds,
                decodeStepSeconds, prefillSecondsPerRequest, concurrencyPerReplica, maxConcurrencyPerReplica,
                saturated, durationSeconds, joulesPerOutputToken, memory, slo, completedRequests, dropped,
                outputTokensPerSecondPerMegawatt, goodputRequestsPerSecond, gpuBusyFraction,
                joulesPerOutputTokenRange, preemptions, latency, kvCache, null);
    }

    /**
     * Per-phase figures of one replica (the cluster's divided by its replicas) over the simulated run, as
     * {@code simulation.completed} carries them to pricing.
     *
     * @param prefillBusySeconds       busy time on prefill (mixed iterations split by their tokens)
     * @param decodeBusySeconds        busy time on decode
     * @param inputTokens              prompt tokens of the completed requests
     * @param outputTokens             output tokens of the completed requests
     * @param inputTokensPerPrefillSecond prompt tokens per prefill-busy second
     * @param outputTokensPerDecodeSecond output tokens per decode-busy second
     * @param outputTokensPerDecodeSecondRange that rate at part 1's 90 % / 10 % step-time range
     * @param averageWatts             average power of the replica's accelerators and their hosts, without PUE
     * @param usefulOutputFraction     share of output tokens useful to the user
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Phases(double prefillBusySeconds, double decodeBusySeconds, double inputTokens, double outputTokens,
                         Double inputTokensPerPrefillSecond, Double outputTokensPerDecodeSecond,
                         Range outputTokensPerDecodeSecondRange, Double averageWatts, Double usefulOutputFraction) {
    }

    /** A result of an estimate without request-level figures (the steady-state engine). */
    public ScenarioResult(String method, String assumptions, int replicas, int gpusPerReplica, int totalGpus,
                          long requestCount, double offeredRequestsPerSecond, double requestsPerSecond,
                          double inputTokensPerSecond, double outputTokensPerSecond,
                          double outputTokensPerSecondPerReplica, double outputTokensPerSecondPerGpu,
                          double tokensPerSecondPerUser, double ttftSeconds, double tpotSeconds,
                          double e2eLatencySeconds, double decodeStepSeconds, double prefillSecondsPerRequest,
                          int concurrencyPerReplica, long maxConcurrencyPerReplica, boolean saturated,
                          double durationSeconds, Double joulesPerOutputToken, Memory memory, Slo slo) {
        this(method, assumptions, replicas, gpusPerReplica, totalGpus, requestCount, offeredRequestsPerSecond,
                requestsPerSecond, inputTokensPerSecond, outputTokensPerSecond, outputTokensPerSecondPerReplica,
                outputTokensPerSecondPerGpu, tokensPerSecondPerUser, ttftSeconds, tpotSeconds, e2eLatencySeconds,
                decodeStepSeconds, prefillSecondsPerRequest, concurrencyPerReplica, maxConcurrencyPerReplica,
                saturated, durationSeconds, joulesPerOutputToken, memory, slo, null, null, null, null, null, null, null,
                null, null, null);
    }

    public record Memory(double weightGiBPerGpu, double kvCacheGiBPerGpu, double kvBytesPerToken, long maxKvTokens,
                         String explanation) {
    }

    /**
     * @param attainment share of the completed requests that met both objectives (discrete-event engine; the
     *                   objectives count as met when their 99th percentile is within the target)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slo(Double ttftSeconds, Double tpotSeconds, boolean ttftMet, boolean tpotMet, boolean met,
                      Double attainment) {
        public Slo(Double ttftSeconds, Double tpotSeconds, boolean ttftMet, boolean tpotMet, boolean met) {
            this(ttftSeconds, tpotSeconds, ttftMet, tpotMet, met, null);
        }
    }

    public record Range(double low, double high) {
    }

    /** Seconds over the requests: mean and percentiles. */
    public record Percentiles(double mean, double p50, double p90, double p95, double p99, double max) {
    }

    public record Latency(Percentiles ttft, Percentiles tpot, Percentiles e2e, Percentiles queueing) {
    }

    /**
     * @param peakBlocks          most KV blocks one replica held at once
     * @param blocksPerReplica    KV blocks of one replica
     * @param peakFraction        peak of the occupancy (share of the blocks in use)
     * @param meanFraction        time-average occupancy over the run
     */
    public record KvCache(long peakBlocks, long blocksPerReplica, double peakFraction, double meanFraction) {
    }
}

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
 * @param timeSeries                   queue length, KV occupancy and running sequences over simulated time
 *                                     (discrete-event engine; null for estimates)
 * @param latencyDistribution          TTFT / TPOT / E2E histograms (discrete-event engine; null for estimates)
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
        Phases phases,
        Series timeSeries,
        Distribution latencyDistribution) {

    /** Without time series and latency distribution. */
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
                          KvCache kvCache, Phases phases) {
        this(method, assumptions, replicas, gpusPerReplica, totalGpus, requestCount, offeredRequestsPerSecond,
                requestsPerSecond, inputTokensPerSecond, outputTokensPerSecond, outputTokensPerSecondPerReplica,
                outputTokensPerSecondPerGpu, tokensPerSecondPerUser, ttftSeconds, tpotSeconds, e2eLatencySeconds,
                decodeStepSeconds, prefillSecondsPerRequest, concurrencyPerReplica, maxConcurrencyPerReplica,
                saturated, durationSeconds, joulesPerOutputToken, memory, slo, completedRequests, dropped,
                outputTokensPerSecondPerMegawatt, goodputRequestsPerSecond, gpuBusyFraction,
                joulesPerOutputTokenRange, preemptions, latency, kvCache, phases, null, null);
    }

    /** This result with its time series and latency distribution (discrete-event engine). */
    public ScenarioResult withCharts(Series series, Distribution distribution) {
        return new ScenarioResult(method, assumptions, replicas, gpusPerReplica, totalGpus, requestCount,
                offeredRequestsPerSecond, requestsPerSecond, inputTokensPerSecond, outputTokensPerSecond,
                outputTokensPerSecondPerReplica, outputTokensPerSecondPerGpu, tokensPerSecondPerUser, ttftSeconds,
                tpotSeconds, e2eLatencySeconds, decodeStepSeconds, prefillSecondsPerRequest, concurrencyPerReplica,
                maxConcurrencyPerReplica, saturated, durationSeconds, joulesPerOutputToken, memory, slo,
                completedRequests, dropped, outputTokensPerSecondPerMegawatt, goodputRequestsPerSecond,
                gpuBusyFraction, joulesPerOutputTokenRange, preemptions, latency, kvCache, phases, series,
                distribution);
    }

    /**
     * The run over simulated time in at most {@value io.tokenomics.simulator.service.ResultCharts#MAX_POINTS}
     * evenly spaced buckets (parallel arrays; {@code timeSeconds} = bucket start), each value the time-average in its
     * bucket.
     *
     * @param queueLength      requests waiting for admission, summed over all replicas of the job
     * @param kvOccupancy      share (0..1) of KV blocks in use, averaged over the replicas
     * @param runningSequences sequences in the running batches, summed over the replicas
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Queue length (summed over replicas), "
            + "KV occupancy (0..1, mean over replicas) and running sequences (summed) over simulated time: parallel "
            + "arrays, at most 240 evenly spaced buckets, timeSeconds = bucket start, values time-averaged in a bucket")
    public record Series(double[] timeSeconds, double[] queueLength, double[] kvOccupancy,
                         double[] runningSequences) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && java.util.Arrays.equals(timeSeconds, s.timeSeconds)
                    && java.util.Arrays.equals(queueLength, s.queueLength)
                    && java.util.Arrays.equals(kvOccupancy, s.kvOccupancy)
                    && java.util.Arrays.equals(runningSequences, s.runningSequences);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(java.util.Arrays.hashCode(timeSeconds), java.util.Arrays.hashCode(queueLength),
                    java.util.Arrays.hashCode(kvOccupancy), java.util.Arrays.hashCode(runningSequences));
        }

        @Override
        public String toString() {
            return "Series[" + timeSeconds.length + " points]";
        }
    }

    /** Seconds from {@code lowerSeconds} to {@code upperSeconds} and the requests whose value fell there. */
    public record Bucket(double lowerSeconds, double upperSeconds, long count) {
    }

    /** Log-spaced latency histograms over all requests (min to max, empty ends trimmed); counts sum to the values. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "TTFT, TPOT and E2E latency "
            + "histograms: about 36 log-spaced buckets from the smallest to the largest value (empty ends trimmed), "
            + "counts summing to the requests recorded")
    public record Distribution(java.util.List<Bucket> ttft, java.util.List<Bucket> tpot, java.util.List<Bucket> e2e) {
    }

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
                joulesPerOutputTokenRange, preemptions, latency, kvCache, null, null, null);
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

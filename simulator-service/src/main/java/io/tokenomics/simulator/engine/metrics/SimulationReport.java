package io.tokenomics.simulator.engine.metrics;

import java.util.List;
import java.util.Map;

/**
 * What one simulation run measured. Latencies in seconds; rates per second of simulated time; the run's duration is
 * from 0 to the last completion (or the horizon). Deterministic: the same scenario and seed give an equal report.
 *
 * @param dropped             requests not completed, by reason (conservation: arrived = completed + sum of dropped)
 * @param interactivityP50    output tokens per second one user sees at the median time per output token
 * @param gpuBusyFraction     share of GPU time spent in iterations
 * @param peakKvBlocks        most KV blocks any replica held at once (never above {@code kvBlocksPerReplica})
 * @param queueLength         requests waiting for admission, summed over the replicas, over time
 * @param kvOccupancy         share of KV blocks in use, averaged over the replicas, over time
 * @param runningSequences    sequences in the running batches, summed over the replicas, over time
 */
public record SimulationReport(String scenario, long seed, double simulatedSeconds, long arrived, long completed,
                               Map<String, Long> dropped, LatencySummary ttft, LatencySummary tpot,
                               LatencySummary e2e, LatencySummary queueing, List<ClassReport> classes,
                               Throughput throughput, double goodputRequestsPerSecond, double interactivityP50,
                               double gpuBusyFraction, long preemptions, PrefixCache prefixCache, Energy energy,
                               LittlesLaw littlesLaw, TimeSeries.Points queueLength, TimeSeries.Points kvOccupancy,
                               int replicas, int gpus, long iterations, long events, long peakKvBlocks,
                               long kvBlocksPerReplica, Phases phases, TimeSeries.Points runningSequences) {

    /** Without the running-sequences series (null; reports stored before it existed read back this way too). */
    public SimulationReport(String scenario, long seed, double simulatedSeconds, long arrived, long completed,
                            Map<String, Long> dropped, LatencySummary ttft, LatencySummary tpot,
                            LatencySummary e2e, LatencySummary queueing, List<ClassReport> classes,
                            Throughput throughput, double goodputRequestsPerSecond, double interactivityP50,
                            double gpuBusyFraction, long preemptions, PrefixCache prefixCache, Energy energy,
                            LittlesLaw littlesLaw, TimeSeries.Points queueLength, TimeSeries.Points kvOccupancy,
                            int replicas, int gpus, long iterations, long events, long peakKvBlocks,
                            long kvBlocksPerReplica, Phases phases) {
        this(scenario, seed, simulatedSeconds, arrived, completed, dropped, ttft, tpot, e2e, queueing, classes,
                throughput, goodputRequestsPerSecond, interactivityP50, gpuBusyFraction, preemptions, prefixCache,
                energy, littlesLaw, queueLength, kvOccupancy, replicas, gpus, iterations, events, peakKvBlocks,
                kvBlocksPerReplica, phases, null);
    }

    /** Without per-phase figures (null). */
    public SimulationReport(String scenario, long seed, double simulatedSeconds, long arrived, long completed,
                            Map<String, Long> dropped, LatencySummary ttft, LatencySummary tpot,
                            LatencySummary e2e, LatencySummary queueing, List<ClassReport> classes,
                            Throughput throughput, double goodputRequestsPerSecond, double interactivityP50,
                            double gpuBusyFraction, long preemptions, PrefixCache prefixCache, Energy energy,
                            LittlesLaw littlesLaw, TimeSeries.Points queueLength, TimeSeries.Points kvOccupancy,
                            int replicas, int gpus, long iterations, long events, long peakKvBlocks,
                            long kvBlocksPerReplica) {
        this(scenario, seed, simulatedSeconds, arrived, completed, dropped, ttft, tpot, e2e, queueing, classes,
                throughput, goodputRequestsPerSecond, interactivityP50, gpuBusyFraction, preemptions, prefixCache,
                energy, littlesLaw, queueLength, kvOccupancy, replicas, gpus, iterations, events, peakKvBlocks,
                kvBlocksPerReplica, null, null);
    }

    /**
     * Busy time by phase, summed over replicas (replica-seconds): iterations with prefill chunks count as prefill,
     * mixed ones by their share of the iteration's tokens; decode is the rest of the busy time. Tokens over the run.
     *
     * @param iterationJoules     iteration energy without idle power (facility), and at the 10 % / 90 % step-time
     *                            range: their ratios bound the busy time
     */
    public record Phases(double prefillBusySeconds, double decodeBusySeconds, long inputTokens, long outputTokens,
                         double iterationJoules, double iterationJoulesLow, double iterationJoulesHigh) {
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public record ClassReport(String name, long completed, LatencySummary ttft, LatencySummary tpot,
                              LatencySummary e2e, LatencySummary queueing, double goodputRequestsPerSecond,
                              double sloAttainment, long outputTokens, double usefulOutputTokens) {
    }

    public record Throughput(double requestsPerSecond, double inputTokensPerSecond, double outputTokensPerSecond,
                             double totalTokensPerSecond, double outputTokensPerSecondPerGpu,
                             double outputTokensPerSecondPerMegawatt) {
    }

    /**
     * Facility energy (GPU board power from each iteration's utilization, host overhead, PUE; idle power between
     * iterations). Low/high use part 1's 10-90 % step-time range at the same power.
     */
    public record Energy(double joules, double joulesLow, double joulesHigh, double joulesPerOutputToken,
                         double joulesPerOutputTokenLow, double joulesPerOutputTokenHigh, double joulesPerRequest,
                         double joulesPerUsefulOutputToken, double averageFacilityWatts) {
    }

    public record PrefixCache(long lookupBlocks, long hitBlocks, double hitRate, long evictions) {
    }

    /**
     * Little's law over an observation window: time-average requests in the system L, arrival rate lambda and mean
     * time in system W of the requests that arrived in the window.
     */
    public record LittlesLaw(double windowStart, double windowEnd, double meanInSystem, double arrivalRate,
                             double meanSojourn) {
        public double relativeError() {
            return Math.abs(meanInSystem - arrivalRate * meanSojourn) / meanInSystem;
        }
    }
}

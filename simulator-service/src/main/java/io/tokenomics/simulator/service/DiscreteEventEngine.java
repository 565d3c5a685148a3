package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.metrics.LatencyDistribution;
import io.tokenomics.simulator.engine.metrics.LatencySummary;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.metrics.TimeSeries;
import io.tokenomics.simulator.engine.performance.KernelProfile;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;
import io.tokenomics.simulator.mapping.ScenarioResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Engine part 2 behind the {@link ScenarioEngine} seam: the request-level discrete-event simulation
 * ({@code ServingSimulation.run}) of {@code requestCount} requests arriving by a Poisson process at the job's rate over
 * all replicas, fixed input/output lengths, vLLM-like continuous batching with chunked prefill and paged KV blocks
 * (the job's batch limits and KV-cache share), least-outstanding routing, and the job's seed (same job, same seed:
 * an equal result).
 *
 * <p>The headline latencies ({@code ttftSeconds}, {@code tpotSeconds}, {@code e2eLatencySeconds}) are medians over the
 * requests, {@code tokensPerSecondPerUser} is 1 / median TPOT, {@code decodeStepSeconds} is the mean iteration time,
 * {@code concurrencyPerReplica} is the mean number of sequences decoding in one replica (output rate x mean TPOT,
 * Little's law); percentiles are in {@code latency}. An SLO counts as met when its 99th percentile is within the
 * target; {@code slo.attainment} is the share of requests that met both. {@code saturated}: a queue built up (the
 * 90th-percentile wait for admission exceeds the median time in service).
 *
 * <p>The engine offers no progress hook, so progress is reported at the start and at the end of the run (a job
 * cancelled meanwhile stops at the final report, its result discarded).
 */
@ApplicationScoped
@Typed(DiscreteEventEngine.class)
public class DiscreteEventEngine implements ScenarioEngine {
    public static final String METHOD = "discrete-event.v1";
    static final String ASSUMPTIONS = "request-level discrete-event simulation (engine part 2) on the operator-level "
            + "iteration cost model: Poisson arrivals, fixed input/output lengths, continuous batching with chunked "
            + "prefill, paged KV blocks with recompute preemption, least-outstanding routing; latencies are medians "
            + "over the simulated requests, SLOs are judged at the 99th percentile";

    private volatile KernelProfile profile;

    @Override
    public ScenarioOutcome run(EngineScenario s, ProgressListener progress) {
        PerformanceModel pm = PerformanceModel.of(s.serving(), profile());
        ServingLimits limits = s.limits();
        MemoryPlan plan = Speculation.memoryPlan(s.serving(), limits, s.settings().speculation());
        if (!plan.fits()) {
            return ScenarioOutcome.failed("the configuration does not fit in memory: " + plan.explanation());
        }
        Scenario scenario;
        try {
            scenario = scenario(s);
        } catch (IllegalArgumentException e) {
            return ScenarioOutcome.failed("the scenario cannot be simulated: " + e.getMessage());
        }
        progress.report(new EngineProgress(0, 0.0, Map.of()));
        SimulationReport r;
        List<LatencyDistribution> recorded;
        try (LatencyDistribution.Capture capture = LatencyDistribution.capture()) {
            long total = s.requestCount();
            // progress while it runs (the writer keeps at most one write per interval and throws when the job was
            // cancelled, which ends the run); the observer only reads, so the result is the same without it
            r = ServingSimulation.run(scenario, pm, (simulated, completed, outputTokens) -> progress.report(
                    new EngineProgress(total > 0 ? Math.min(99.0, 100.0 * completed / total) : 0, simulated,
                            Map.of("completedRequests", (double) completed,
                                    "outputTokensPerSecond", simulated > 0 ? outputTokens / simulated : 0.0))));
            recorded = capture.distributions();
        } catch (MemoryPlan.ConfigurationDoesNotFitException e) {
            return ScenarioOutcome.failed("the configuration does not fit in memory: " + e.getMessage());
        }
        ScenarioResult result = result(s, pm, plan, r, overall(r, recorded));
        progress.report(new EngineProgress(100, r.simulatedSeconds(), Map.of(
                "completedRequests", (double) r.completed(),
                "outputTokensPerSecond", result.outputTokensPerSecond(),
                "ttftP50Seconds", result.ttftSeconds())));
        return ScenarioOutcome.completed(result);
    }

    /**
     * What one shard computed: the engine's report and its overall latency distributions in the order ttft, tpot,
     * e2e, queueing - or why the configuration cannot serve.
     */
    public record ShardRun(SimulationReport report, List<LatencyDistribution> latency, String failure) {
        public static final List<String> LATENCIES = List.of("ttft", "tpot", "e2e", "queueing");
    }

    /**
     * Shard {@code shard} of {@code shards} of a scenario split by replica: a group of whole replicas (sizes differ by
     * at most one), the same share of the requests and of the arrival rate, and a seed derived from the job's seed
     * and the shard. Each group is simulated on its own - requests are routed among the group's replicas, not
     * across groups (random routing between groups, least-outstanding within one).
     */
    public static EngineScenario shard(EngineScenario whole, int shard, int shards) {
        int replicas = whole.serving().parallelism().dataReplicas();
        if (shards < 1 || shards > replicas || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + " over " + replicas + " replicas");
        }
        int groupReplicas = replicas / shards + (shard < replicas % shards ? 1 : 0);
        int replicasBefore = 0;
        for (int i = 0; i < shard; i++) {
            replicasBefore += replicas / shards + (i < replicas % shards ? 1 : 0);
        }
        // requests by replica share; the first shards take the remainder
        long requests = whole.requestCount() * (replicasBefore + groupReplicas) / replicas
                - whole.requestCount() * replicasBefore / replicas;
        Parallelism p = whole.serving().parallelism();
        ServingConfiguration serving = new ServingConfiguration(whole.serving().model(), whole.serving().accelerator(),
                whole.serving().quantization(), new Parallelism(p.tensor(), p.pipeline(), p.expert(), groupReplicas,
                        p.attentionDataParallel()),
                whole.serving().expertLoadImbalance());
        long seed = new SplittableRandom(whole.seed() ^ (0x9E3779B97F4A7C15L * (shard + 1))).nextLong();
        return new EngineScenario(serving, whole.limits(), whole.arrivalRate() * groupReplicas / replicas,
                whole.inputTokens(), whole.outputTokens(), whole.ttftSlo(), whole.tpotSlo(), Math.max(1, requests), seed,
                null, whole.settings());
    }

    /**
     * Runs one shard and keeps its latency distributions (collected from the run with
     * {@link LatencyDistribution#capture()}; checked against the report's own summaries, so an engine that records
     * differently is a fault, never a wrong merge).
     */
    public ShardRun runShard(EngineScenario whole, int shard, int shards) {
        EngineScenario s = shard(whole, shard, shards);
        PerformanceModel pm = PerformanceModel.of(s.serving(), profile());
        MemoryPlan plan = Speculation.memoryPlan(s.serving(), s.limits(), s.settings().speculation());
        if (!plan.fits()) {
            return new ShardRun(null, null, "the configuration does not fit in memory: " + plan.explanation());
        }
        Scenario scenario;
        try {
            scenario = scenario(s);
        } catch (IllegalArgumentException e) {
            return new ShardRun(null, null, "the scenario cannot be simulated: " + e.getMessage());
        }
        SimulationReport r;
        List<LatencyDistribution> recorded;
        try (LatencyDistribution.Capture capture = LatencyDistribution.capture()) {
            r = ServingSimulation.run(scenario, pm);
            recorded = capture.distributions();
        } catch (MemoryPlan.ConfigurationDoesNotFitException e) {
            return new ShardRun(null, null, "the configuration does not fit in memory: " + e.getMessage());
        }
        List<LatencyDistribution> overall = overall(r, recorded);
        if (overall == null) {
            throw new IllegalStateException("the engine's latency distributions could not be matched to its report "
                    + "(" + recorded.size() + " recorded); sharded runs need them");
        }
        return new ShardRun(r, overall, null);
    }

    /**
     * The run's overall ttft, tpot, e2e and queueing distributions among those it created (the first four), checked
     * against the report's summaries; null when they do not match.
     */
    private static List<LatencyDistribution> overall(SimulationReport r, List<LatencyDistribution> recorded) {
        List<LatencySummary> expected = List.of(r.ttft(), r.tpot(), r.e2e(), r.queueing());
        if (recorded.size() < 4 || !recorded.subList(0, 4).stream().map(LatencyDistribution::summary).toList()
                .equals(expected)) {
            return null;
        }
        return recorded.subList(0, 4);
    }

    /** The job's result from all its shards: latency histograms added exactly, counts and rates summed. */
    public ScenarioOutcome merge(EngineScenario whole, List<ShardRun> shards) {
        for (ShardRun shard : shards) {
            if (shard.failure() != null) {
                return ScenarioOutcome.failed(shard.failure());
            }
        }
        PerformanceModel pm = PerformanceModel.of(whole.serving(), profile());
        MemoryPlan plan = Speculation.memoryPlan(whole.serving(), whole.limits(), whole.settings().speculation());
        List<LatencyDistribution> latency = mergeLatency(shards);
        return ScenarioOutcome.completed(result(whole, pm, plan, mergeReports(whole, shards, latency), latency));
    }

    private static List<LatencyDistribution> mergeLatency(List<ShardRun> shards) {
        List<LatencyDistribution> latency = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LatencyDistribution d = new LatencyDistribution();
            for (ShardRun shard : shards) {
                d.merge(shard.latency().get(i));
            }
            latency.add(d);
        }
        return latency;
    }

    static SimulationReport mergeReports(EngineScenario whole, List<ShardRun> shards) {
        return mergeReports(whole, shards, mergeLatency(shards));
    }

    static SimulationReport mergeReports(EngineScenario whole, List<ShardRun> shards,
                                         List<LatencyDistribution> latency) {
        List<ResultCharts.ShardSeries> series = new ArrayList<>();
        double duration = 0;
        long arrived = 0;
        long completed = 0;
        long preemptions = 0;
        long iterations = 0;
        long events = 0;
        long peakKv = 0;
        long kvPerReplica = 0;
        int replicas = 0;
        int gpus = 0;
        double rps = 0, in = 0, out = 0, total = 0, goodput = 0, busyGpus = 0, watts = 0, kvMeanWeighted = 0, kvPeak = 0;
        double joules = 0, joulesLow = 0, joulesHigh = 0;
        long lookups = 0, hits = 0, evictions = 0;
        long classCompleted = 0, outputTokens = 0;
        double useful = 0, attainmentWeighted = 0, classGoodput = 0;
        String className = "scenario";
        Map<String, Long> dropped = new TreeMap<>();
        double prefillBusy = 0, decodeBusy = 0, iterJoules = 0, iterLow = 0, iterHigh = 0;
        long phaseIn = 0, phaseOut = 0;
        boolean phases = true;
        for (ShardRun shard : shards) {
            SimulationReport r = shard.report();
            SimulationReport.Phases ph = r.phases();
            if (ph == null) {
                phases = false;
            } else {
                prefillBusy += ph.prefillBusySeconds();
                decodeBusy += ph.decodeBusySeconds();
                phaseIn += ph.inputTokens();
                phaseOut += ph.outputTokens();
                iterJoules += ph.iterationJoules();
                iterLow += ph.iterationJoulesLow();
                iterHigh += ph.iterationJoulesHigh();
            }
            duration = Math.max(duration, r.simulatedSeconds());
            arrived += r.arrived();
            completed += r.completed();
            r.dropped().forEach((k, v) -> dropped.merge(k, v, Long::sum));
            preemptions += r.preemptions();
            iterations += r.iterations();
            events += r.events();
            peakKv = Math.max(peakKv, r.peakKvBlocks());
            kvPerReplica = r.kvBlocksPerReplica();
            replicas += r.replicas();
            gpus += r.gpus();
            var t = r.throughput();
            rps += t.requestsPerSecond();
            in += t.inputTokensPerSecond();
            out += t.outputTokensPerSecond();
            total += t.totalTokensPerSecond();
            goodput += finiteOr(r.goodputRequestsPerSecond(), 0);
            busyGpus += finiteOr(r.gpuBusyFraction(), 0) * r.gpus();
            watts += finiteOr(r.energy().averageFacilityWatts(), 0);
            joules += r.energy().joules();
            joulesLow += r.energy().joulesLow();
            joulesHigh += r.energy().joulesHigh();
            kvPeak = Math.max(kvPeak, finiteOr(r.kvOccupancy().peak(), 0));
            kvMeanWeighted += timeAverage(r.kvOccupancy(), r.simulatedSeconds()) * r.replicas();
            series.add(new ResultCharts.ShardSeries(r.simulatedSeconds(), r.replicas(), r.queueLength(),
                    r.kvOccupancy(), r.runningSequences()));
            if (r.prefixCache() != null) {
                lookups += r.prefixCache().lookupBlocks();
                hits += r.prefixCache().hitBlocks();
                evictions += r.prefixCache().evictions();
            }
            for (SimulationReport.ClassReport c : r.classes()) {
                className = c.name();
                classCompleted += c.completed();
                outputTokens += c.outputTokens();
                useful += c.usefulOutputTokens();
                classGoodput += finiteOr(c.goodputRequestsPerSecond(), 0);
                attainmentWeighted += finiteOr(c.sloAttainment(), 0) * c.completed();
            }
        }
        LatencySummary ttft = latency.get(0).summary();
        LatencySummary tpot = latency.get(1).summary();
        LatencySummary e2e = latency.get(2).summary();
        LatencySummary queueing = latency.get(3).summary();
        // one request class (the job's): its figures are the overall ones
        List<SimulationReport.ClassReport> classes = List.of(new SimulationReport.ClassReport(className, classCompleted,
                ttft, tpot, e2e, queueing, classGoodput,
                classCompleted == 0 ? Double.NaN : attainmentWeighted / classCompleted, outputTokens, useful));
        var throughput = new SimulationReport.Throughput(rps, in, out, total, gpus == 0 ? Double.NaN : out / gpus,
                watts > 0 ? out / (watts / 1e6) : Double.NaN);
        var energy = new SimulationReport.Energy(joules, joulesLow, joulesHigh,
                outputTokens == 0 ? Double.NaN : joules / outputTokens,
                outputTokens == 0 ? Double.NaN : joulesLow / outputTokens,
                outputTokens == 0 ? Double.NaN : joulesHigh / outputTokens,
                completed == 0 ? Double.NaN : joules / completed, useful > 0 ? joules / useful : Double.NaN, watts);
        var prefix = new SimulationReport.PrefixCache(lookups, hits, lookups == 0 ? 0 : (double) hits / lookups,
                evictions);
        // the shards' series on one grid over the job's time: queue and running summed, KV occupancy the
        // replica-weighted mean (a shard done before the job's end is idle meanwhile), the highest KV peak
        ResultCharts.Merged merged = ResultCharts.merge(series);
        TimeSeries.Points kv;
        TimeSeries.Points queue;
        TimeSeries.Points running;
        if (merged != null) {
            kv = merged.kvOccupancy();
            queue = merged.queueLength();
            running = merged.runningSequences();
        } else {
            // shards stored without their series: KV occupancy as one bucket (its replica-weighted mean), no queue
            kv = new TimeSeries.Points(new double[]{0}, new double[]{replicas == 0 ? 0
                    : kvMeanWeighted / replicas}, kvPeak);
            queue = new TimeSeries.Points(new double[0], new double[0], Double.NaN);
            running = null;
        }
        return new SimulationReport("job", whole.seed(), duration, arrived, completed, dropped, ttft, tpot, e2e,
                queueing, classes, throughput, goodput, tpot.p50() > 0 ? 1 / tpot.p50() : Double.NaN,
                gpus == 0 ? Double.NaN : busyGpus / gpus, preemptions, prefix, energy, null, queue, kv, replicas, gpus,
                iterations, events, peakKv, kvPerReplica, phases ? new SimulationReport.Phases(prefillBusy, decodeBusy,
                phaseIn, phaseOut, iterJoules, iterLow, iterHigh) : null, running);
    }

    /** The engine's scenario for a job's: deterministic in the job (its seed included). */
    static Scenario scenario(EngineScenario s) {
        ServingLimits limits = s.limits();
        EngineScenario.Settings x = s.settings();
        SchedulerPolicy scheduler = SchedulerPolicy.VLLM.withMaxSequences(limits.maxBatchSequences())
                .withMaxBatchedTokens(limits.maxBatchTokens())
                .withQueueOrder(x.queueOrder())
                .withChunkedPrefill(x.chunkedPrefill())
                .withPrefixCaching(x.prefixCaching())
                .withPreemption(x.preemption());
        RequestClass requests = RequestClass.of("scenario",
                x.input() != null ? x.input() : new LengthDistribution.Fixed(s.inputTokens()),
                x.output() != null ? x.output() : new LengthDistribution.Fixed(s.outputTokens())).withSlo(new RequestClass.Slo(
                s.ttftSlo() == null ? Double.POSITIVE_INFINITY : s.ttftSlo(),
                s.tpotSlo() == null ? Double.POSITIVE_INFINITY : s.tpotSlo()));
        Workload workload;
        if (s.trace() != null) {
            workload = new Workload.Trace(s.trace(), List.of(requests));
        } else if (x.users() != null) {
            workload = new Workload.ClosedLoop(x.users(), x.thinkSeconds(), List.of(requests), s.requestCount(), 1);
        } else {
            ArrivalProcess arrivals = switch (x.arrival()) {
                case GAMMA -> new ArrivalProcess.Gamma(s.arrivalRate(), x.cv());
                case CONSTANT -> new ArrivalProcess.ConstantRate(s.arrivalRate());
                case POISSON -> new ArrivalProcess.Poisson(s.arrivalRate());
            };
            workload = new Workload.OpenLoop(arrivals, List.of(requests), s.requestCount());
        }
        return Scenario.of("job", s.serving(), workload)
                .withScheduler(scheduler)
                .withRouting(x.routing())
                .withDisaggregation(x.disaggregation())
                .withSpeculation(x.speculation())
                .withKvCacheMemoryFraction(limits.kvCacheMemoryFraction())
                .withSeed(s.seed());
    }

    /** What this job's run assumed, in words (the settings it ran with included). */
    static String assumptions(EngineScenario s) {
        EngineScenario.Settings x = s.settings();
        if (x.equals(EngineScenario.Settings.DEFAULT) && s.trace() == null) {
            return ASSUMPTIONS;
        }
        StringBuilder b = new StringBuilder("request-level discrete-event simulation (engine part 2) on the "
                + "operator-level iteration cost model: ");
        if (s.trace() != null) {
            b.append("trace replay");
        } else if (x.users() != null) {
            b.append("closed loop of ").append(x.users()).append(" users, mean think ").append(x.thinkSeconds())
                    .append(" s");
        } else {
            b.append(x.arrival().name().toLowerCase(java.util.Locale.ROOT)).append(" arrivals");
            if (x.arrival() == EngineScenario.Arrival.GAMMA) {
                b.append(" (cv ").append(x.cv()).append(')');
            }
        }
        b.append(", input lengths ").append(x.input() == null ? "fixed" : x.input().toString())
                .append(", output lengths ").append(x.output() == null ? "fixed" : x.output().toString())
                .append(", continuous batching").append(x.chunkedPrefill() ? " with chunked prefill" : "")
                .append(", ").append(x.queueOrder().name().toLowerCase(java.util.Locale.ROOT)).append(" admission")
                .append(x.prefixCaching() ? ", prefix caching" : "")
                .append(", paged KV blocks with ").append(x.preemption().name().toLowerCase(java.util.Locale.ROOT))
                .append(" preemption, ").append(x.routing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .append(" routing");
        if (x.speculation() != null) {
            b.append(", speculative decoding ").append(x.speculation().label());
        }
        if (x.disaggregation() != null) {
            b.append(", disaggregated: ").append(x.disaggregation().prefillReplicas()).append(" prefill + ")
                    .append(x.disaggregation().decodeReplicas()).append(" decode replicas, KV link ")
                    .append(x.disaggregation().linkBytesPerSecondPerGpu() / 1e9).append(" GB/s per GPU");
        }
        return b.append("; latencies are medians over the simulated requests, SLOs are judged at the 99th percentile")
                .toString();
    }

    private static ScenarioResult result(EngineScenario s, PerformanceModel pm, MemoryPlan plan, SimulationReport r,
                                         List<LatencyDistribution> latencyDistributions) {
        int replicas = r.replicas();
        int gpusPerReplica = s.serving().parallelism().gpusPerReplica();
        var t = r.throughput();
        double ttft = r.ttft().p50();
        double tpot = r.tpot().p50();
        double e2e = r.e2e().p50();
        double duration = r.simulatedSeconds();
        double meanIteration = r.iterations() == 0 ? Double.NaN
                : r.gpuBusyFraction() * duration * replicas / r.iterations();
        long perSequence = (long) s.inputTokens() + s.outputTokens();
        long maxConcurrency = Math.min(s.limits().maxBatchSequences(),
                r.kvBlocksPerReplica() * SchedulerPolicy.VLLM.blockSize() / perSequence);
        double meanTpot = r.tpot().mean();
        int concurrency = (int) Math.round(finiteOr(t.outputTokensPerSecond() / replicas * meanTpot, 0));
        boolean saturated = r.completed() > 0 && r.queueing().p90() > r.e2e().p50() - r.queueing().p50();

        ScenarioResult.Slo slo = null;
        if (s.ttftSlo() != null || s.tpotSlo() != null) {
            boolean ttftMet = s.ttftSlo() == null || r.ttft().p99() <= s.ttftSlo();
            boolean tpotMet = s.tpotSlo() == null || r.tpot().p99() <= s.tpotSlo();
            double attainment = r.classes().isEmpty() ? Double.NaN : r.classes().getFirst().sloAttainment();
            slo = new ScenarioResult.Slo(s.ttftSlo(), s.tpotSlo(), ttftMet, tpotMet, ttftMet && tpotMet,
                    finite(attainment));
        }
        var energy = r.energy();
        Double joules = finite(energy.joulesPerOutputToken());
        ScenarioResult.Range joulesRange = joules == null || !Double.isFinite(energy.joulesPerOutputTokenLow())
                || !Double.isFinite(energy.joulesPerOutputTokenHigh()) ? null
                : new ScenarioResult.Range(energy.joulesPerOutputTokenLow(), energy.joulesPerOutputTokenHigh());
        ScenarioResult.Latency latency = r.completed() == 0 ? null : new ScenarioResult.Latency(
                percentiles(r.ttft()), percentiles(r.tpot()), percentiles(r.e2e()), percentiles(r.queueing()));
        TimeSeries.Points kv = r.kvOccupancy();
        ScenarioResult.KvCache kvCache = new ScenarioResult.KvCache(r.peakKvBlocks(), r.kvBlocksPerReplica(),
                finiteOr(kv.peak(), 0), timeAverage(kv, duration));

        return new ScenarioResult(METHOD, assumptions(s), replicas, gpusPerReplica, r.gpus(), s.requestCount(),
                s.arrivalRate(), finiteOr(t.requestsPerSecond(), 0), finiteOr(t.inputTokensPerSecond(), 0),
                finiteOr(t.outputTokensPerSecond(), 0), finiteOr(t.outputTokensPerSecond() / replicas, 0),
                finiteOr(t.outputTokensPerSecondPerGpu(), 0), tpot > 0 ? 1 / tpot : 0, finiteOr(ttft, 0),
                finiteOr(tpot, 0), finiteOr(e2e, 0), finiteOr(meanIteration, 0), prefillSeconds(pm, s), concurrency,
                maxConcurrency, saturated, duration, joules,
                new ScenarioResult.Memory(plan.weightBytesPerGpu() / ServingLimits.GIB,
                        plan.kvCacheBytes() / ServingLimits.GIB, plan.kvBytesPerToken(), plan.maxKvTokens(),
                        plan.explanation()),
                slo, r.completed(), r.dropped().isEmpty() ? null : r.dropped(),
                finite(t.outputTokensPerSecondPerMegawatt()), finite(r.goodputRequestsPerSecond()),
                finite(r.gpuBusyFraction()), joulesRange, r.preemptions(), latency, kvCache, phases(s, r))
                .withCharts(ResultCharts.series(duration, replicas, r.queueLength(), kv, r.runningSequences()),
                        r.completed() == 0 ? null : ResultCharts.distribution(latencyDistributions));
    }

    /** Per-phase figures of one replica from the run's (null when the engine reported none, e.g. merged shards). */
    static ScenarioResult.Phases phases(EngineScenario s, SimulationReport r) {
        SimulationReport.Phases p = r.phases();
        if (p == null || r.replicas() == 0) {
            return null;
        }
        double n = r.replicas();
        double prefill = p.prefillBusySeconds() / n;
        double decode = p.decodeBusySeconds() / n;
        double in = p.inputTokens() / n;
        double out = p.outputTokens() / n;
        Double inRate = prefill > 0 && in > 0 ? in / prefill : null;
        Double outRate = decode > 0 && out > 0 ? out / decode : null;
        ScenarioResult.Range range = null;
        if (outRate != null && p.iterationJoulesLow() > 0 && p.iterationJoulesHigh() > 0) {
            // iteration energy scales with the step times: slower steps (90 %) give fewer tokens per second
            range = new ScenarioResult.Range(outRate * p.iterationJoules() / p.iterationJoulesHigh(),
                    outRate * p.iterationJoules() / p.iterationJoulesLow());
        }
        double pue = io.tokenomics.simulator.engine.energy.PowerModel.forAccelerator(s.serving().accelerator()).pue();
        Double watts = finite(r.energy().averageFacilityWatts() / pue / n);
        long outputTokens = 0;
        double useful = 0;
        for (SimulationReport.ClassReport c : r.classes()) {
            outputTokens += c.outputTokens();
            useful += c.usefulOutputTokens();
        }
        Double usefulFraction = outputTokens > 0 && useful > 0 ? Math.min(1, useful / outputTokens) : null;
        return new ScenarioResult.Phases(prefill, decode, in, out, inRate, outRate, range, watts, usefulFraction);
    }

    /** One prompt's prefill alone on a replica: its chunks' iteration costs (at most maxBatchTokens each). */
    private static double prefillSeconds(PerformanceModel pm, EngineScenario s) {
        double seconds = 0;
        long prior = 0;
        while (prior < s.inputTokens()) {
            int chunk = (int) Math.min(s.limits().maxBatchTokens(), s.inputTokens() - prior);
            seconds += pm.iteration(pm.newBatch().addPrefillChunk(chunk, prior).build()).seconds();
            prior += chunk;
        }
        return seconds;
    }

    private static ScenarioResult.Percentiles percentiles(LatencySummary l) {
        return new ScenarioResult.Percentiles(finiteOr(l.mean(), 0), finiteOr(l.p50(), 0), finiteOr(l.p90(), 0),
                finiteOr(l.p95(), 0), finiteOr(l.p99(), 0), finiteOr(l.max(), 0));
    }

    /** Time-weighted mean of a downsampled series whose buckets start at {@code times} and run to {@code end}. */
    static double timeAverage(TimeSeries.Points p, double end) {
        double sum = 0;
        double span = 0;
        for (int i = 0; i < p.times().length; i++) {
            double until = i + 1 < p.times().length ? p.times()[i + 1] : end;
            double width = Math.max(0, until - p.times()[i]);
            if (Double.isFinite(p.values()[i])) {
                sum += p.values()[i] * width;
                span += width;
            }
        }
        return span > 0 ? sum / span : 0;
    }

    /** JSON has no NaN or infinity: such figures are left out. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double finiteOr(double v, double otherwise) {
        return Double.isFinite(v) ? v : otherwise;
    }

    private KernelProfile profile() {
        KernelProfile p = profile;
        if (p == null) {
            p = KernelProfile.loadDefault();
            profile = p;
        }
        return p;
    }
}

package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.metrics.LatencySummary;
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

import java.util.List;
import java.util.Map;

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
        MemoryPlan plan = pm.memoryPlan(limits);
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
        try {
            r = ServingSimulation.run(scenario, pm);
        } catch (MemoryPlan.ConfigurationDoesNotFitException e) {
            return ScenarioOutcome.failed("the configuration does not fit in memory: " + e.getMessage());
        }
        ScenarioResult result = result(s, pm, plan, r);
        progress.report(new EngineProgress(100, r.simulatedSeconds(), Map.of(
                "completedRequests", (double) r.completed(),
                "outputTokensPerSecond", result.outputTokensPerSecond(),
                "ttftP50Seconds", result.ttftSeconds())));
        return ScenarioOutcome.completed(result);
    }

    /** The engine's scenario for a job's: deterministic in the job (its seed included). */
    static Scenario scenario(EngineScenario s) {
        ServingLimits limits = s.limits();
        SchedulerPolicy scheduler = SchedulerPolicy.VLLM.withMaxSequences(limits.maxBatchSequences())
                .withMaxBatchedTokens(limits.maxBatchTokens());
        RequestClass requests = RequestClass.of("scenario", new LengthDistribution.Fixed(s.inputTokens()),
                new LengthDistribution.Fixed(s.outputTokens())).withSlo(new RequestClass.Slo(
                s.ttftSlo() == null ? Double.POSITIVE_INFINITY : s.ttftSlo(),
                s.tpotSlo() == null ? Double.POSITIVE_INFINITY : s.tpotSlo()));
        return Scenario.of("job", s.serving(), new Workload.OpenLoop(new ArrivalProcess.Poisson(s.arrivalRate()),
                        List.of(requests), s.requestCount()))
                .withScheduler(scheduler)
                .withRouting(RoutingPolicy.LEAST_OUTSTANDING)
                .withKvCacheMemoryFraction(limits.kvCacheMemoryFraction())
                .withSeed(s.seed());
    }

    private static ScenarioResult result(EngineScenario s, PerformanceModel pm, MemoryPlan plan, SimulationReport r) {
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

        return new ScenarioResult(METHOD, ASSUMPTIONS, replicas, gpusPerReplica, r.gpus(), s.requestCount(),
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
                finite(r.gpuBusyFraction()), joulesRange, r.preemptions(), latency, kvCache);
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

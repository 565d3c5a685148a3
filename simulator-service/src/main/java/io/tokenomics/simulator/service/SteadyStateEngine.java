package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.IterationCost;
import io.tokenomics.simulator.engine.performance.KernelProfile;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.mapping.ScenarioResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Locale;
import java.util.Map;

/**
 * Engine part 1 behind the {@link ScenarioEngine} seam: a steady-state estimate, no request-level simulation.
 * <ol>
 *   <li>Memory: {@code PerformanceModel.memoryPlan} for the batch limits; a replica holds at most
 *   min(maxBatchSequences, KV tokens / (input + output)) sequences.</li>
 *   <li>Prefill of one prompt = the iteration cost of its chunks (at most maxBatchTokens each); its share of a
 *   replica's time is rho = arrival rate per replica x prefill seconds.</li>
 *   <li>Decode: for concurrency B = 1, 2, ... the cost of a decode iteration of B sequences at the mean context
 *   (input + output / 2). The operating point is the smallest B whose decode capacity B (1 - rho) / step covers
 *   arrival rate x output tokens (Little's law); none up to the limit = saturated, served at the limit's rate.</li>
 *   <li>Latency: TPOT = step / (1 - rho); TTFT = prefill + M/D/1 wait for the prefill share + half a step; when
 *   saturated, plus the mean backlog wait of {@code requestCount} requests.</li>
 * </ol>
 * With speculative decoding, a decode step is the per-token share of a round at concurrency B: (k draft steps of the
 * drafter + the target verifying k + 1 tokens per sequence) / E[tokens per round], exactly as the discrete-event
 * replica charges it, and the memory plan holds the drafter's weights and KV cache.
 * Fixed input/output lengths, Poisson arrivals, no scheduler effects (preemption, chunk interleaving). Selected by
 * {@code simulator.engine=steady-state}; the default is {@link DiscreteEventEngine}.
 */
@ApplicationScoped
@Typed(SteadyStateEngine.class)
public class SteadyStateEngine implements ScenarioEngine {
    public static final String METHOD = "steady-state-estimate.v1";
    static final String ASSUMPTIONS = "steady state from the operator-level iteration cost model (engine part 1): "
            + "fixed input/output lengths, Poisson arrivals, mean decode context, M/D/1 prefill queue; "
            + "no request-level simulation";

    private volatile KernelProfile profile;

    @Override
    public ScenarioOutcome run(EngineScenario s, ProgressListener progress) {
        Speculation speculation = s.settings().speculation();
        if (!s.settings().withSpeculation(null).equals(EngineScenario.Settings.DEFAULT)) {
            // never a silent approximation: these settings need the request-level simulation
            return ScenarioOutcome.failed("the steady-state engine (" + METHOD + ") does not model scheduler, "
                    + "routing, arrival-process, length-distribution, closed-loop or disaggregation "
                    + "settings: run this scenario with the discrete-event engine");
        }
        PerformanceModel pm = PerformanceModel.of(s.serving(), profile());
        var draftServing = speculation == null ? null : speculation.draftServing(s.serving());
        PerformanceModel draft = draftServing == null ? null : PerformanceModel.of(draftServing, profile());
        ServingLimits limits = s.limits();
        MemoryPlan plan = Speculation.memoryPlan(s.serving(), limits, speculation);
        if (!plan.fits()) {
            return ScenarioOutcome.failed("the configuration does not fit in memory: " + plan.explanation());
        }
        int in = s.inputTokens();
        int out = s.outputTokens();
        long perSequence = (long) in + out;
        long maxConcurrency = Math.min(limits.maxBatchSequences(), plan.maxSequences(perSequence));
        if (maxConcurrency < 1) {
            return ScenarioOutcome.failed(String.format(Locale.ROOT, "the KV cache holds %d tokens per replica, less "
                    + "than one request of %d input + %d output tokens", plan.maxKvTokens(), in, out));
        }
        int replicas = s.serving().parallelism().dataReplicas();
        int gpusPerReplica = s.serving().parallelism().gpusPerReplica();
        double lambda = s.arrivalRate() / replicas;

        double prefillSeconds = 0;
        double prefillJoules = 0;
        long prior = 0;
        while (prior < in) {
            int chunk = (int) Math.min(limits.maxBatchTokens(), in - prior);
            IterationCost c = pm.iteration(pm.newBatch().addPrefillChunk(chunk, prior).build());
            prefillSeconds += c.seconds();
            prefillJoules += c.energyJoules();
            prior += chunk;
        }
        double rho = lambda * prefillSeconds;
        long context = in + out / 2;

        int chosen = -1;
        DecodeStep step = null;
        int reportEvery = (int) Math.max(1, maxConcurrency / 50);
        for (int b = 1; b <= maxConcurrency; b++) {
            step = decodeStep(pm, draft, speculation, b, context);
            double capacity = rho >= 1 ? 0 : b * (1 - rho) / step.stageIntervalSeconds();
            if (b % reportEvery == 0 || b == maxConcurrency) {
                progress.report(new EngineProgress(100.0 * b / maxConcurrency, null, Map.of(
                        "concurrencyPerReplica", (double) b,
                        "decodeStepSeconds", step.seconds(),
                        "outputTokensPerSecondPerReplica", capacity)));
            }
            if (capacity >= lambda * out) {
                chosen = b;
                break;
            }
        }
        boolean saturated = chosen < 0;
        int concurrency = saturated ? (int) maxConcurrency : chosen;
        // a replica's requests per second: the offered rate, or when saturated what one request's prefill plus its
        // share of the decode steps at full concurrency allows
        double served = saturated
                ? 1.0 / (prefillSeconds + out * step.stageIntervalSeconds() / concurrency)
                : lambda;
        double prefillShare = Math.min(served * prefillSeconds, 0.999);
        double tpot = step.seconds() / (1 - prefillShare);
        double wait = saturated
                ? Math.max(0, (s.requestCount() / (double) replicas - 1) / 2 * (1 / served - 1 / lambda))
                : rho * prefillSeconds / (2 * (1 - rho));
        double ttft = prefillSeconds + wait + step.seconds() / 2;
        double e2e = ttft + Math.max(0, out - 1) * tpot;
        double requestsPerSecond = served * replicas;
        double outputPerSecond = requestsPerSecond * out;
        double joules = (prefillJoules + out * step.energyJoules() / concurrency) / out;

        ScenarioResult.Slo slo = null;
        if (s.ttftSlo() != null || s.tpotSlo() != null) {
            boolean ttftMet = s.ttftSlo() == null || ttft <= s.ttftSlo();
            boolean tpotMet = s.tpotSlo() == null || tpot <= s.tpotSlo();
            slo = new ScenarioResult.Slo(s.ttftSlo(), s.tpotSlo(), ttftMet, tpotMet, ttftMet && tpotMet);
        }
        progress.report(new EngineProgress(100, null, Map.of("concurrencyPerReplica", (double) concurrency,
                "outputTokensPerSecond", outputPerSecond)));
        String assumptions = speculation == null ? ASSUMPTIONS
                : ASSUMPTIONS + "; speculative decoding " + speculation.label();
        return ScenarioOutcome.completed(new ScenarioResult(METHOD, assumptions, replicas, gpusPerReplica,
                replicas * gpusPerReplica, s.requestCount(), s.arrivalRate(), requestsPerSecond, requestsPerSecond * in,
                outputPerSecond, outputPerSecond / replicas, outputPerSecond / (replicas * gpusPerReplica), 1 / tpot,
                ttft, tpot, e2e, step.seconds(), prefillSeconds, concurrency, maxConcurrency, saturated,
                s.requestCount() / requestsPerSecond, Double.isFinite(joules) ? joules : null,
                new ScenarioResult.Memory(plan.weightBytesPerGpu() / ServingLimits.GIB,
                        plan.kvCacheBytes() / ServingLimits.GIB, plan.kvBytesPerToken(), plan.maxKvTokens(),
                        plan.explanation()),
                slo));
    }

    /** Figures of one decode step per output token: time, the interval a new step can start at, energy. */
    record DecodeStep(double seconds, double stageIntervalSeconds, double energyJoules) {
    }

    /**
     * A decode step of {@code sequences} sequences at {@code context}: the model's iteration, or with speculation the
     * per-token share of a round (k steps of the drafter, free when it has no weights, then the verification of
     * k + 1 tokens per sequence), divided by the expected tokens per round.
     */
    static DecodeStep decodeStep(PerformanceModel pm, PerformanceModel draft, Speculation speculation, int sequences,
                                 long context) {
        if (speculation == null) {
            IterationCost c = pm.iteration(decodeBatch(pm, sequences, context));
            return new DecodeStep(c.seconds(), c.stageIntervalSeconds(), c.energyJoules());
        }
        int k = speculation.draftTokens();
        IterationCost v = pm.iteration(pm.newBatch().addDecodes(sequences, context, k + 1).build());
        IterationCost d = draft == null ? null : draft.iteration(decodeBatch(draft, sequences, context));
        double e = speculation.tokensPerStep();
        return new DecodeStep((k * (d == null ? 0 : d.seconds()) + v.seconds()) / e,
                (k * (d == null ? 0 : d.stageIntervalSeconds()) + v.stageIntervalSeconds()) / e,
                (k * (d == null ? 0 : d.energyJoules()) + v.energyJoules()) / e);
    }

    private static BatchShape decodeBatch(PerformanceModel pm, int sequences, long context) {
        return pm.configuration().model().slidingWindow() > 0
                ? pm.newBatch().addDecodes(sequences, context).build()
                : pm.newBatch().addDecodeSequences(sequences, (double) sequences * context).build();
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

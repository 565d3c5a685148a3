package io.tokenomics.simulator.service;

import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.mapping.CatalogMapping;
import io.tokenomics.simulator.mapping.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The part-2 engine behind the seam: physical properties of its results, not hard-coded numbers. */
class DiscreteEventEngineTest {
    private final DiscreteEventEngine engine = new DiscreteEventEngine();

    static EngineScenario scenario(String model, String quantization, int tp, int replicas, double rate,
                                   int maxSequences, long requests, long seed) {
        ServingConfiguration serving = new ServingConfiguration(CatalogMapping.model(TestData.json(model)),
                CatalogMapping.accelerator(TestData.json(TestData.H100)), Quantization.named(quantization),
                new Parallelism(tp, 1, 1, replicas));
        return new EngineScenario(serving, new ServingLimits(maxSequences, 8192, 0.9, 1.5 * ServingLimits.GIB, 1280),
                rate, 1024, 256, 2.0, 0.05, requests, seed);
    }

    private ScenarioResult run(EngineScenario s) {
        ScenarioOutcome outcome = engine.run(s, ScenarioEngine.ProgressListener.NONE);
        assertThat(outcome.failure()).isNull();
        return outcome.result();
    }

    @Test
    void aModerateLoadIsServedWithOrderedPercentilesAndConsistentThroughputs() {
        List<EngineProgress> reports = new ArrayList<>();
        ScenarioOutcome outcome = engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 2, 4.0, 128, 600, 7), reports::add);
        ScenarioResult r = outcome.result();
        assertThat(r.method()).isEqualTo(DiscreteEventEngine.METHOD);
        assertThat(r.completedRequests()).isEqualTo(600);
        assertThat(r.dropped()).isNull();
        var l = r.latency();
        for (var p : List.of(l.ttft(), l.tpot(), l.e2e())) {
            assertThat(p.p50()).isPositive();
            assertThat(p.p90()).isGreaterThanOrEqualTo(p.p50());
            assertThat(p.p99()).isGreaterThanOrEqualTo(p.p95()).isGreaterThanOrEqualTo(p.p90());
            assertThat(p.max()).isGreaterThanOrEqualTo(p.p99());
        }
        assertThat(l.e2e().p50()).isGreaterThan(l.ttft().p50());
        assertThat(r.ttftSeconds()).isEqualTo(l.ttft().p50());
        assertThat(r.tokensPerSecondPerUser()).isCloseTo(1 / r.tpotSeconds(), within(1e-9));
        assertThat(r.totalGpus()).isEqualTo(2);
        assertThat(r.outputTokensPerSecondPerGpu()).isCloseTo(r.outputTokensPerSecond() / r.totalGpus(), within(1e-9));
        assertThat(r.outputTokensPerSecond()).isCloseTo(r.requestsPerSecond() * 256, within(1e-6));
        assertThat(r.goodputRequestsPerSecond()).isBetween(0.0, r.requestsPerSecond() + 1e-12);
        assertThat(r.gpuBusyFraction()).isBetween(0.0, 1.0);
        assertThat(r.outputTokensPerSecondPerMegawatt()).isPositive();
        assertThat(r.joulesPerOutputToken()).isPositive();
        assertThat(r.joulesPerOutputTokenRange().low()).isLessThanOrEqualTo(r.joulesPerOutputToken());
        assertThat(r.joulesPerOutputTokenRange().high()).isGreaterThanOrEqualTo(r.joulesPerOutputToken());
        assertThat(r.kvCache().peakBlocks()).isBetween(1L, r.kvCache().blocksPerReplica());
        assertThat(r.kvCache().meanFraction()).isBetween(0.0, r.kvCache().peakFraction());
        assertThat(r.preemptions()).isNotNegative();
        assertThat(r.slo().attainment()).isBetween(0.0, 1.0);
        assertThat(r.slo().met()).isEqualTo(l.ttft().p99() <= 2.0 && l.tpot().p99() <= 0.05);
        assertThat(r.saturated()).isFalse();
        // progress: a start and a final report at 100 % with the simulated time reached
        assertThat(reports).hasSizeGreaterThanOrEqualTo(2);
        assertThat(reports.getFirst().percent()).isZero();
        assertThat(reports.getLast().percent()).isEqualTo(100.0);
        assertThat(reports.getLast().simulatedSeconds()).isEqualTo(r.durationSeconds());
    }

    @Test
    void theSameSeedGivesAnEqualResultAndAnotherSeedAnotherSample() {
        ScenarioResult a = run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 3.0, 64, 400, 11));
        ScenarioResult b = run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 3.0, 64, 400, 11));
        ScenarioResult c = run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 3.0, 64, 400, 12));
        assertThat(b).isEqualTo(a);
        assertThat(c.latency()).isNotEqualTo(a.latency());
    }

    @Test
    void aHigherArrivalRateNeverLowersQueueingOrLatency() {
        double previousQueueing = -1;
        double previousTtft = -1;
        for (double rate : new double[]{1, 4, 16, 1000}) {
            ScenarioResult r = run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, rate, 64, 500, 3));
            assertThat(r.latency().queueing().mean()).isGreaterThanOrEqualTo(previousQueueing);
            assertThat(r.latency().ttft().p99()).isGreaterThanOrEqualTo(previousTtft);
            previousQueueing = r.latency().queueing().mean();
            previousTtft = r.latency().ttft().p99();
        }
    }

    @Test
    void overloadQueuesAndMissesTheSlo() {
        ScenarioResult r = run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 1000.0, 64, 500, 1));
        assertThat(r.saturated()).isTrue();
        assertThat(r.requestsPerSecond()).isLessThan(1000.0);
        assertThat(r.concurrencyPerReplica()).isBetween(1, 64);
        assertThat(r.latency().queueing().p99()).isGreaterThan(1.0);
        assertThat(r.slo().met()).isFalse();
        assertThat(r.goodputRequestsPerSecond()).isLessThanOrEqualTo(r.requestsPerSecond());
    }

    @Test
    void aConfigurationThatDoesNotFitIsAFailedOutcomeWithTheMemoryPlan() {
        ScenarioOutcome outcome = engine.run(scenario(TestData.LLAMA_70B, "BF16", 1, 1, 1.0, 64, 100, 0),
                ScenarioEngine.ProgressListener.NONE);
        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.failure()).contains("does not fit").contains("short by");
    }

    @Test
    void batchLimitsTheSchedulerRefusesAreAFailedOutcome() {
        EngineScenario s = scenario(TestData.LLAMA_8B, "FP8", 1, 1, 1.0, 4096, 100, 0);
        EngineScenario tight = new EngineScenario(s.serving(), new ServingLimits(4096, 1024, 0.9,
                1.5 * ServingLimits.GIB, 1280), 1.0, 1024, 256, null, null, 100, 0);
        ScenarioOutcome outcome = engine.run(tight, ScenarioEngine.ProgressListener.NONE);
        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.failure()).contains("cannot be simulated");
    }

    @Test
    void aCancellationFromTheListenerStopsTheRun() {
        assertThatThrownBy(() -> engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 2.0, 128, 100, 0), p -> {
            throw new JobCancelledException("x");
        })).isInstanceOf(JobCancelledException.class);
    }
}

package io.tokenomics.simulator.service;

import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.mapping.CatalogMapping;
import io.tokenomics.simulator.mapping.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The part-1 engine behind the seam, on catalog entries mapped as the service maps them. */
class SteadyStateEngineTest {
    private final SteadyStateEngine engine = new SteadyStateEngine();

    private static EngineScenario scenario(String model, String quantization, int tp, int replicas, double rate,
                                           int maxSequences) {
        ServingConfiguration serving = new ServingConfiguration(CatalogMapping.model(TestData.json(model)),
                CatalogMapping.accelerator(TestData.json(TestData.H100)), Quantization.named(quantization),
                new Parallelism(tp, 1, 1, replicas));
        return new EngineScenario(serving, new ServingLimits(maxSequences, 8192, 0.9, 1.5 * ServingLimits.GIB, 1280),
                rate, 1024, 256, 2.0, 0.05, 1000, 0);
    }

    private static EngineScenario with(EngineScenario plain, io.tokenomics.simulator.engine.cluster.Speculation speculation,
                                       io.tokenomics.simulator.engine.cluster.RoutingPolicy routing) {
        var d = EngineScenario.Settings.DEFAULT.withSpeculation(speculation);
        return new EngineScenario(plain.serving(), plain.limits(), plain.arrivalRate(), plain.inputTokens(),
                plain.outputTokens(), plain.ttftSlo(), plain.tpotSlo(), plain.requestCount(), 0, null,
                new EngineScenario.Settings(d.arrival(), d.cv(), d.input(), d.output(), d.users(), d.thinkSeconds(),
                        d.queueOrder(), d.chunkedPrefill(), d.prefixCaching(), d.preemption(), routing, d.speculation(),
                        d.disaggregation()));
    }

    @Test
    void settingsOnlyTheRequestLevelSimulationModelsFailTheJobInsteadOfBeingIgnored() {
        EngineScenario plain = scenario(TestData.LLAMA_8B, "FP8", 1, 1, 2.0, 128);
        ScenarioOutcome outcome = engine.run(with(plain, null,
                io.tokenomics.simulator.engine.cluster.RoutingPolicy.ROUND_ROBIN), p -> { });
        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.failure()).contains("discrete-event engine");
        assertThat(engine.run(plain, p -> { }).isFailure()).isFalse();
    }

    @Test
    void speculationIsTheRoundsShareOfADecodeStepAndItsDrafterTakesMemory() {
        EngineScenario plain = scenario(TestData.LLAMA_70B, "FP8", 4, 1, 1.0, 128);
        ScenarioResult base = engine.run(plain, p -> { }).result();
        var mtp = io.tokenomics.simulator.engine.cluster.Speculation.mtp(3, 0.8, plain.serving().model());
        ScenarioResult spec = engine.run(with(plain, mtp, plain.settings().routing()), p -> { }).result();
        assertThat(spec.assumptions()).contains("speculative decoding k=3 a=0.8 draft=");
        // by hand at the speculative operating point: (3 MTP-head steps + verifying 4 tokens per sequence) / E
        PerformanceModel pm = PerformanceModel.of(plain.serving());
        PerformanceModel head = PerformanceModel.of(mtp.draftServing(plain.serving()));
        int b = spec.concurrencyPerReplica();
        double round = 3 * head.iteration(BatchShape.uniformDecode(b, 1024 + 128)).seconds()
                + pm.iteration(pm.newBatch().addDecodes(b, 1024 + 128, 4).build()).seconds();
        double e = 1 + 0.8 + 0.8 * 0.8 + 0.8 * 0.8 * 0.8;
        assertThat(spec.decodeStepSeconds()).isCloseTo(round / e, within(round / e * 1e-9));
        // at this light load drafting pays, and the head's layer of weights and KV leaves fewer KV tokens
        assertThat(spec.tpotSeconds()).isLessThan(base.tpotSeconds());
        assertThat(spec.memory().maxKvTokens()).isLessThan(base.memory().maxKvTokens());
        assertThat(spec.memory().kvBytesPerToken()).isEqualTo(base.memory().kvBytesPerToken() * 81 / 80);
    }

    @Test
    void belowSaturationTheOfferedLoadIsServedAtTheDecodeStepOfTheOperatingPoint() {
        EngineScenario s = scenario(TestData.LLAMA_8B, "FP8", 1, 1, 2.0, 128);
        List<EngineProgress> reports = new ArrayList<>();
        ScenarioOutcome outcome = engine.run(s, reports::add);
        assertThat(outcome.isFailure()).isFalse();
        ScenarioResult r = outcome.result();
        assertThat(r.saturated()).isFalse();
        assertThat(r.requestsPerSecond()).isEqualTo(2.0);
        assertThat(r.outputTokensPerSecond()).isCloseTo(512, within(1e-9));
        // the decode step is the model's own iteration cost at the chosen concurrency and mean context
        PerformanceModel pm = PerformanceModel.of(s.serving());
        double step = pm.iteration(BatchShape.uniformDecode(r.concurrencyPerReplica(), 1024 + 128)).seconds();
        assertThat(r.decodeStepSeconds()).isCloseTo(step, within(step * 1e-9));
        // Little's law at the operating point: concurrency covers rate x output tokens x step / (1 - prefill share)
        double prefillShare = 2.0 * r.prefillSecondsPerRequest();
        assertThat(r.concurrencyPerReplica() * (1 - prefillShare) / step).isGreaterThanOrEqualTo(2.0 * 256);
        assertThat(r.tpotSeconds()).isCloseTo(step / (1 - prefillShare), within(1e-12));
        assertThat(r.outputTokensPerSecondPerGpu()).isEqualTo(r.outputTokensPerSecond());
        assertThat(r.slo().met()).isEqualTo(r.ttftSeconds() <= 2.0 && r.tpotSeconds() <= 0.05);
        assertThat(r.joulesPerOutputToken()).isPositive();
        // progress rises and ends at 100
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).percent()).isEqualTo(100.0);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).percent()).isGreaterThanOrEqualTo(reports.get(i - 1).percent());
        }
    }

    @Test
    void replicasSplitTheLoadAndGpusAreCounted() {
        ScenarioResult one = engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 8.0, 256), ScenarioEngine.ProgressListener.NONE).result();
        ScenarioResult two = engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 2, 8.0, 256), ScenarioEngine.ProgressListener.NONE).result();
        assertThat(two.totalGpus()).isEqualTo(2);
        assertThat(two.outputTokensPerSecond()).isCloseTo(one.outputTokensPerSecond(), within(1e-9));
        assertThat(two.outputTokensPerSecondPerGpu()).isCloseTo(one.outputTokensPerSecondPerGpu() / 2, within(1e-9));
        assertThat(two.tokensPerSecondPerUser()).isGreaterThan(one.tokensPerSecondPerUser());
    }

    @Test
    void overloadSaturatesAtTheConcurrencyLimitAndQueues() {
        ScenarioResult r = engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 1000.0, 64), ScenarioEngine.ProgressListener.NONE).result();
        assertThat(r.saturated()).isTrue();
        assertThat(r.concurrencyPerReplica()).isEqualTo(64);
        assertThat(r.requestsPerSecond()).isLessThan(1000.0);
        assertThat(r.ttftSeconds()).isGreaterThan(1.0); // the backlog of 1000 requests
        assertThat(r.slo().met()).isFalse();
    }

    @Test
    void aConfigurationThatDoesNotFitIsAFailedOutcomeNotAnException() {
        ScenarioOutcome outcome = engine.run(scenario(TestData.LLAMA_70B, "BF16", 1, 1, 1.0, 64), ScenarioEngine.ProgressListener.NONE);
        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.failure()).contains("does not fit").contains("short by");
        // with 4-way tensor parallelism it fits
        assertThat(engine.run(scenario(TestData.LLAMA_70B, "BF16", 4, 1, 1.0, 64), ScenarioEngine.ProgressListener.NONE)
                .isFailure()).isFalse();
    }

    @Test
    void aCancellationFromTheListenerStopsTheRun() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.run(scenario(TestData.LLAMA_8B, "FP8", 1, 1, 2.0, 128),
                p -> {
                    throw new JobCancelledException("x");
                })).isInstanceOf(JobCancelledException.class);
    }
}

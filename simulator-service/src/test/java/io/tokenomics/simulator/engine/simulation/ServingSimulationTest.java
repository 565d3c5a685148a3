package io.tokenomics.simulator.engine.simulation;

import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.RequestSource;
import io.tokenomics.simulator.engine.workload.TraceReplay;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.tokenomics.simulator.engine.simulation.Fixtures.LLAMA_8B_H100;
import static io.tokenomics.simulator.engine.simulation.Fixtures.LLAMA_8B_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServingSimulationTest {

    private static SimulationReport run(Scenario s) {
        return ServingSimulation.run(s, LLAMA_8B_MODEL);
    }

    private static double saturationRequestsPerSecond(List<RequestClass> classes) {
        return run(Scenario.of("offline", LLAMA_8B_H100,
                new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(), classes, 5000))).throughput().requestsPerSecond();
    }

    @Test
    void littlesLawHoldsWithinOnePercentInSteadyState() {
        List<RequestClass> classes = Fixtures.chat();
        double rate = 0.8 * saturationRequestsPerSecond(classes);
        long n = 60_000;
        double span = n / rate;
        Scenario s = Scenario.of("little", LLAMA_8B_H100, new Workload.OpenLoop(new ArrivalProcess.Poisson(rate),
                classes, n)).withObservationWindow(0.1 * span, 0.9 * span);
        SimulationReport r = run(s);
        SimulationReport.LittlesLaw law = r.littlesLaw();
        assertThat(law.meanInSystem()).isGreaterThan(10);
        assertThat(law.relativeError()).as("L=%f lambda=%f W=%f", law.meanInSystem(), law.arrivalRate(),
                law.meanSojourn()).isLessThan(0.01);
    }

    @Test
    void singleSequenceServerMatchesTheMd1MeanWait() {
        SchedulerPolicy oneAtATime = SchedulerPolicy.VLLM.withMaxSequences(1);
        List<RequestClass> classes = Fixtures.fixed(512, 64);
        // the deterministic service time D: one request alone
        SimulationReport alone = run(Scenario.of("alone", LLAMA_8B_H100,
                new Workload.OpenLoop(new ArrivalProcess.Poisson(1), classes, 1)).withScheduler(oneAtATime));
        double service = alone.e2e().mean();
        assertThat(alone.queueing().mean()).isZero();
        double rho = 0.7;
        SimulationReport r = run(Scenario.of("md1", LLAMA_8B_H100, new Workload.OpenLoop(
                new ArrivalProcess.Poisson(rho / service), classes, 200_000)).withScheduler(oneAtATime).withSeed(7));
        double expectedWait = rho * service / (2 * (1 - rho));
        assertThat(r.queueing().mean()).isCloseTo(expectedWait, within(0.03 * expectedWait));
        assertThat(r.e2e().mean()).isCloseTo(expectedWait + service, within(0.03 * (expectedWait + service)));
        assertThat(r.gpuBusyFraction()).isCloseTo(rho, within(0.01));
    }

    @Test
    void everyArrivalCompletesOrIsReportedDroppedWithAReason() {
        List<RequestClass> classes = List.of(
                RequestClass.of("normal", new LengthDistribution.Uniform(100, 2000), new LengthDistribution.Uniform(1, 500)),
                new RequestClass("huge", 0.02, new LengthDistribution.Fixed(2_000_000),
                        new LengthDistribution.Fixed(10), RequestClass.Slo.NONE, 1, 0, 0, 0));
        // overloaded and stopped at a horizon: some requests are still queued
        Scenario s = Scenario.of("conservation", LLAMA_8B_H100,
                new Workload.OpenLoop(new ArrivalProcess.Poisson(200), classes, 20_000)).withHorizon(30);
        SimulationReport r = run(s);
        assertThat(r.arrived()).isGreaterThan(0);
        assertThat(r.completed() + r.droppedTotal()).isEqualTo(r.arrived());
        assertThat(r.dropped()).containsKeys("exceeds the KV capacity of a replica", "unfinished at the horizon");
        assertThat(r.completed()).isPositive();
    }

    @Test
    void noReplicaEverHoldsMoreKvThanItHasAndPreemptionsRecoverEveryRequest() {
        // a tiny KV cache (1 % of free memory) under load forces preemption
        Scenario s = Scenario.of("tight", LLAMA_8B_H100, new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(),
                Fixtures.fixed(1000, 800), 2000)).withKvCacheMemoryFraction(0.01);
        SimulationReport r = run(s);
        assertThat(r.preemptions()).isPositive();
        assertThat(r.peakKvBlocks()).isLessThanOrEqualTo(r.kvBlocksPerReplica());
        assertThat(r.completed()).isEqualTo(2000);
        assertThat(r.droppedTotal()).isZero();
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() {
        Scenario s = Scenario.of("determinism", Fixtures.llama8b(2), new Workload.OpenLoop(
                new ArrivalProcess.Gamma(30, 2), Fixtures.chat(), 5000)).withSeed(42);
        SimulationReport a = ServingSimulation.run(s);
        SimulationReport b = ServingSimulation.run(s);
        SimulationReport c = ServingSimulation.run(s.withSeed(43));
        assertThat(a).isEqualTo(b);
        assertThat(a.e2e()).isEqualTo(b.e2e());
        assertThat(c.e2e()).isNotEqualTo(a.e2e());
        assertThat(c.simulatedSeconds()).isNotEqualTo(a.simulatedSeconds());
    }

    @Test
    void prefixCacheHitsEveryBlockOfIdenticalPromptsAfterTheFirst(@TempDir Path dir) {
        int prompt = 1000;
        RequestClass same = RequestClass.of("same", new LengthDistribution.Fixed(prompt),
                new LengthDistribution.Fixed(20)).withSharedPrefix(prompt, 1);
        int n = 200;
        Scenario s = Scenario.of("prefix", LLAMA_8B_H100, new Workload.OpenLoop(new ArrivalProcess.ConstantRate(2),
                List.of(same), n)).withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true));
        SimulationReport r = run(s);
        long perRequest = (prompt - 1) / 16; // full blocks, the last prompt token always recomputed
        assertThat(r.prefixCache().lookupBlocks()).isEqualTo(n * perRequest);
        assertThat(r.prefixCache().hitBlocks()).isEqualTo((n - 1) * perRequest);
        // hit rate beyond the first request is exactly 100 %
        assertThat((double) r.prefixCache().hitBlocks() / (r.prefixCache().lookupBlocks() - perRequest)).isEqualTo(1.0);
        // cached prompts make TTFT much shorter than a cold run
        SimulationReport cold = run(s.withScheduler(SchedulerPolicy.VLLM));
        assertThat(r.ttft().p50()).isLessThan(0.5 * cold.ttft().p50());
    }

    @Test
    void replayingATraceEqualsGeneratingTheSameRequests(@TempDir Path dir) throws IOException {
        List<RequestClass> classes = List.of(RequestClass.of("a", new LengthDistribution.LogNormal(300, 0.8, 1, 4000),
                        new LengthDistribution.Uniform(1, 300)),
                RequestClass.of("b", new LengthDistribution.Fixed(2000), new LengthDistribution.Fixed(50))
                        .withSharedPrefix(1500, 3));
        Scenario generated = Scenario.of("trace", Fixtures.llama8b(2), new Workload.OpenLoop(
                new ArrivalProcess.Poisson(20), classes, 3000)).withSeed(11)
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true));
        Path csv = dir.resolve("trace.csv");
        Path jsonl = dir.resolve("trace.jsonl");
        try (RequestSource source = ServingSimulation.requestSource(generated);
             Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             Writer j = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            w.write(TraceReplay.HEADER + "\n");
            Request r;
            while ((r = source.next()) != null) {
                w.write(TraceReplay.csvLine(r) + "\n");
                j.write("{\"timestamp\": " + r.arrivalTime() + ", \"input_tokens\": " + r.inputTokens()
                        + ", \"output_tokens\": " + r.outputTokens()
                        + (r.hasPrefix() ? ", \"prefix_id\": " + r.prefixId() + ", \"prefix_tokens\": " + r.prefixTokens() : "")
                        + ", \"class\": " + r.requestClass() + "}\n");
            }
        }
        SimulationReport fromMemory = ServingSimulation.run(generated);
        SimulationReport fromCsv = ServingSimulation.run(generated.withWorkload(new Workload.Trace(csv, classes)));
        SimulationReport fromJsonl = ServingSimulation.run(generated.withWorkload(new Workload.Trace(jsonl, classes)));
        assertThat(fromMemory.completed()).isEqualTo(3000);
        assertThat(fromMemory.prefixCache().hitBlocks()).isPositive();
        assertThat(fromCsv).isEqualTo(fromMemory);
        assertThat(fromJsonl).isEqualTo(fromMemory);
    }

    @Test
    void closedLoopNeverHasMoreRequestsInFlightThanUsers() {
        Scenario s = Scenario.of("closed", LLAMA_8B_H100,
                new Workload.ClosedLoop(16, 0.5, Fixtures.chat(), 2000, 1));
        SimulationReport r = run(s);
        assertThat(r.completed()).isEqualTo(2000);
        assertThat(r.littlesLaw().meanInSystem()).isLessThanOrEqualTo(16).isGreaterThan(1);
        // interactive users: each sees the replica's per-sequence decode speed
        assertThat(r.interactivityP50()).isGreaterThan(20);
    }

    @Test
    void multiTurnConversationsReuseTheirHistoryThroughThePrefixCache() {
        Scenario s = Scenario.of("chat", LLAMA_8B_H100, new Workload.ClosedLoop(8, 1.0, Fixtures.fixed(200, 100), 400, 4))
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true));
        SimulationReport r = run(s);
        assertThat(r.completed()).isEqualTo(400);
        assertThat(r.prefixCache().hitRate()).isGreaterThan(0.9);
    }

    @Test
    void metricsAreConsistentWithTheWorkAndTheEnergyModel() {
        Scenario s = Scenario.of("metrics", LLAMA_8B_H100, new Workload.OpenLoop(new ArrivalProcess.Poisson(10),
                List.of(new RequestClass("chat", 1, new LengthDistribution.Fixed(400), new LengthDistribution.Fixed(100),
                        new RequestClass.Slo(0.5, 0.05), 0.5, 0, 0, 0)), 2000));
        SimulationReport r = run(s);
        assertThat(r.throughput().outputTokensPerSecond() * r.simulatedSeconds()).isCloseTo(2000 * 100.0, within(1e-6));
        assertThat(r.throughput().inputTokensPerSecond()).isCloseTo(4 * r.throughput().outputTokensPerSecond(), within(1e-9));
        assertThat(r.goodputRequestsPerSecond()).isLessThanOrEqualTo(r.throughput().requestsPerSecond());
        assertThat(r.energy().joulesPerUsefulOutputToken()).isCloseTo(2 * r.energy().joulesPerOutputToken(), within(1e-9));
        assertThat(r.energy().joulesLow()).isLessThan(r.energy().joules());
        assertThat(r.energy().joulesHigh()).isGreaterThan(r.energy().joules());
        // facility power of one H100 lies between idle and maximum board power x host overhead x PUE
        assertThat(r.energy().averageFacilityWatts()).isBetween(0.12 * 700 * 1.2, 1.3 * 700 * 1.2);
        assertThat(r.throughput().outputTokensPerSecondPerMegawatt())
                .isCloseTo(r.throughput().outputTokensPerSecond() / (r.energy().averageFacilityWatts() / 1e6), within(1e-6));
        assertThat(r.gpuBusyFraction()).isBetween(0.0, 1.0);
        assertThat(r.queueLength().times()).hasSizeLessThanOrEqualTo(256);
        assertThat(r.kvOccupancy().peak()).isBetween(0.0, 1.0);
        assertThat(r.ttft().p50()).isLessThanOrEqualTo(r.ttft().p99());
    }
}

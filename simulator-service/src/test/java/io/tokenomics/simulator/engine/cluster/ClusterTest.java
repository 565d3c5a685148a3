package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTest {
    private static final List<RequestClass> SYSTEM_PROMPTS = List.of(RequestClass.of("agents",
            new LengthDistribution.Uniform(2500, 3000), new LengthDistribution.Fixed(50)).withSharedPrefix(2048, 16));

    private static Scenario prefixHeavy(RoutingPolicy routing) {
        return Scenario.of("routing", Fixtures.llama8b(4), new Workload.OpenLoop(new ArrivalProcess.Poisson(40),
                        SYSTEM_PROMPTS, 4000))
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true)).withRouting(routing).withSeed(3);
    }

    @Test
    void prefixAffinityRoutingHitsTheCacheMoreThanRoundRobin() {
        SimulationReport affinity = ServingSimulation.run(prefixHeavy(RoutingPolicy.PREFIX_AFFINITY));
        SimulationReport roundRobin = ServingSimulation.run(prefixHeavy(RoutingPolicy.ROUND_ROBIN));
        assertThat(affinity.completed()).isEqualTo(4000);
        assertThat(roundRobin.completed()).isEqualTo(4000);
        assertThat(affinity.prefixCache().hitRate()).isGreaterThan(roundRobin.prefixCache().hitRate());
        assertThat(affinity.prefixCache().hitRate()).isGreaterThan(0.95);
    }

    @Test
    void everyRouterServesEveryRequestOnFourReplicas() {
        for (RoutingPolicy p : RoutingPolicy.values()) {
            SimulationReport r = ServingSimulation.run(Scenario.of("r", Fixtures.llama8b(4), new Workload.OpenLoop(
                    new ArrivalProcess.Poisson(60), Fixtures.chat(), 3000)).withRouting(p));
            assertThat(r.completed()).as(p.name()).isEqualTo(3000);
            assertThat(r.gpus()).isEqualTo(4);
            assertThat(r.gpuBusyFraction()).as(p.name()).isBetween(0.05, 1.0);
        }
    }

    @Test
    void loadAwareRoutingBeatsRoundRobinOnTailLatencyWithMixedLengths() {
        List<RequestClass> mixed = List.of(RequestClass.of("mixed", new LengthDistribution.LogNormal(800, 1.2, 16, 16000),
                new LengthDistribution.LogNormal(200, 1.0, 1, 4000)));
        Scenario base = Scenario.of("r", Fixtures.llama8b(4), new Workload.OpenLoop(new ArrivalProcess.Poisson(80),
                mixed, 8000)).withSeed(5);
        SimulationReport rr = ServingSimulation.run(base.withRouting(RoutingPolicy.ROUND_ROBIN));
        SimulationReport least = ServingSimulation.run(base.withRouting(RoutingPolicy.LEAST_OUTSTANDING));
        assertThat(least.e2e().p99()).isLessThan(rr.e2e().p99());
    }

    @Test
    void disaggregatedPoolsHandTheKvOverTheLinkAndFinishEverything() {
        Scenario unified = Scenario.of("unified", Fixtures.llama8b(4), new Workload.OpenLoop(
                new ArrivalProcess.Poisson(40), Fixtures.fixed(2000, 200), 3000));
        SimulationReport u = ServingSimulation.run(unified);
        SimulationReport d = ServingSimulation.run(unified.withDisaggregation(new Disaggregation(1, 3, 50e9)));
        SimulationReport slowLink = ServingSimulation.run(unified.withDisaggregation(new Disaggregation(1, 3, 0.05e9)));
        assertThat(d.completed()).isEqualTo(3000);
        assertThat(d.gpus()).isEqualTo(4);
        // decode replicas never run prefill chunks, so time per output token is steadier than in mixed batches
        assertThat(d.tpot().p99()).isLessThan(u.tpot().p99());
        // the KV transfer sits between the first token and the second: a slow link lengthens TPOT, not TTFT
        assertThat(slowLink.tpot().mean()).isGreaterThan(d.tpot().mean());
    }

    @Test
    void shortestFirstLowersMeanLatencyAndPriorityProtectsItsClass() {
        List<RequestClass> classes = List.of(
                new RequestClass("interactive", 1, new LengthDistribution.Fixed(200), new LengthDistribution.Fixed(50),
                        RequestClass.Slo.NONE, 1, 0, 0, 0),
                new RequestClass("batch", 1, new LengthDistribution.Fixed(3000), new LengthDistribution.Fixed(400),
                        RequestClass.Slo.NONE, 1, 1, 0, 0));
        Scenario offline = Scenario.of("order", Fixtures.LLAMA_8B_H100, new Workload.OpenLoop(
                new ArrivalProcess.AllAtOnce(), classes, 3000)).withScheduler(SchedulerPolicy.VLLM.withMaxSequences(64));
        SimulationReport fcfs = ServingSimulation.run(offline);
        SimulationReport sjf = ServingSimulation.run(offline.withScheduler(offline.scheduler()
                .withQueueOrder(SchedulerPolicy.QueueOrder.SHORTEST_FIRST)));
        SimulationReport priority = ServingSimulation.run(offline.withScheduler(offline.scheduler()
                .withQueueOrder(SchedulerPolicy.QueueOrder.PRIORITY)));
        assertThat(sjf.e2e().mean()).isLessThan(fcfs.e2e().mean());
        assertThat(priority.classes().get(0).queueing().mean()).isLessThan(fcfs.classes().get(0).queueing().mean());
        assertThat(priority.classes().get(1).queueing().mean()).isGreaterThan(fcfs.classes().get(1).queueing().mean());
    }

    @Test
    void continuousBatchingOutrunsStaticBatching() {
        Scenario s = Scenario.of("batching", Fixtures.LLAMA_8B_H100, new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(),
                Fixtures.chat(), 3000));
        SimulationReport continuous = ServingSimulation.run(s);
        SimulationReport statik = ServingSimulation.run(s.withScheduler(SchedulerPolicy.VLLM
                .withBatching(SchedulerPolicy.Batching.STATIC)
                .withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE)));
        assertThat(statik.completed()).isEqualTo(3000);
        assertThat(continuous.throughput().outputTokensPerSecond())
                .isGreaterThan(1.2 * statik.throughput().outputTokensPerSecond());
    }
}

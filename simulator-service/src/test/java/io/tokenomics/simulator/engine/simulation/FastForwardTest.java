package io.tokenomics.simulator.engine.simulation;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.simulator.engine.cluster.Cluster;
import io.tokenomics.simulator.engine.cluster.Disaggregation;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decode fast-forward (several decode-only iterations under one event) must not change any figure: every scenario
 * is run with it off (one event per iteration) and on, and the reports must serialize to the same JSON, bit for bit
 * (latency histograms, token counts, energy, busy fraction, KV peak, time series, iteration and event counts).
 */
class FastForwardTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private static ServingSimulation.Instrumented run(Scenario s, PerformanceModel model, boolean fastForward) {
        String old = System.getProperty(Cluster.FAST_FORWARD_PROPERTY);
        System.setProperty(Cluster.FAST_FORWARD_PROPERTY, Boolean.toString(fastForward));
        try {
            return ServingSimulation.runInstrumented(s, model);
        } finally {
            if (old == null) {
                System.clearProperty(Cluster.FAST_FORWARD_PROPERTY);
            } else {
                System.setProperty(Cluster.FAST_FORWARD_PROPERTY, old);
            }
        }
    }

    /** Runs both ways, asserts equal reports and returns the step-by-step one; {@code minSaving}: events saved. */
    private static SimulationReport assertSame(Scenario s, double minSaving) throws Exception {
        PerformanceModel model = s.serving().equals(Fixtures.LLAMA_8B_H100) ? Fixtures.LLAMA_8B_MODEL
                : PerformanceModel.of(s.serving());
        ServingSimulation.Instrumented step = run(s, model, false);
        ServingSimulation.Instrumented fast = run(s, model, true);
        assertThat(JSON.writeValueAsString(fast.report())).isEqualTo(JSON.writeValueAsString(step.report()));
        assertThat(step.processedEvents()).isEqualTo(step.report().events());
        assertThat(fast.processedEvents()).as("event objects with fast-forward")
                .isLessThanOrEqualTo((long) ((1 - minSaving) * step.processedEvents()));
        assertThat(step.report().completed()).isPositive();
        return step.report();
    }

    private static Scenario light(int replicas, double rate, long requests) {
        return Scenario.of("light", Fixtures.llama8b(replicas),
                new Workload.OpenLoop(new ArrivalProcess.Poisson(rate), Fixtures.chat(), requests)).withSeed(11);
    }

    @Test
    void lowLoadOnSeveralReplicasIsIdenticalWithFarFewerEvents() throws Exception {
        assertSame(light(5, 5, 2000), 0.4);
        assertSame(light(1, 2, 1000), 0.4);
        assertSame(light(3, 6, 1500).withRouting(RoutingPolicy.LEAST_KV_LOAD), 0.4);
        assertSame(light(2, 4, 1000).withRouting(RoutingPolicy.ROUND_ROBIN)
                .withScheduler(SchedulerPolicy.VLLM.withChunkedPrefill(false)), 0.4);
    }

    /**
     * Random scenarios (replicas, load, arrival process, lengths, batch limit, chunking, preemption mode, reservation,
     * prefix caching, routing, KV size, horizon): fast-forward must never change a figure.
     */
    @Test
    void randomScenariosAreIdentical() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261123);
        RoutingPolicy[] routings = RoutingPolicy.values();
        for (int i = 0; i < 40; i++) {
            int replicas = 1 + r.nextInt(4);
            double rate = 0.5 + r.nextDouble() * 40;
            SchedulerPolicy policy = SchedulerPolicy.VLLM.withMaxSequences(8 + r.nextInt(256))
                    .withChunkedPrefill(r.nextBoolean());
            if (r.nextInt(4) == 0) {
                policy = policy.withPreemption(SchedulerPolicy.Preemption.SWAP);
            }
            if (r.nextInt(5) == 0) {
                policy = policy.withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE);
            }
            if (r.nextInt(4) == 0) {
                policy = policy.withPrefixCaching(true);
            }
            ArrivalProcess arrivals = r.nextBoolean() ? new ArrivalProcess.Poisson(rate)
                    : new ArrivalProcess.ConstantRate(rate);
            Scenario s = Scenario.of("random-" + i, Fixtures.llama8b(replicas), new Workload.OpenLoop(arrivals,
                            r.nextBoolean() ? Fixtures.chat() : Fixtures.fixed(50 + r.nextInt(3000), 1 + r.nextInt(600)),
                            200 + r.nextInt(600)))
                    .withRouting(routings[r.nextInt(routings.length)]).withScheduler(policy).withSeed(r.nextLong())
                    .withKvCacheMemoryFraction(r.nextInt(3) == 0 ? 0.01 + r.nextDouble() * 0.05 : 0.9);
            if (r.nextInt(5) == 0) {
                s = s.withHorizon(20 + r.nextDouble() * 100);
            }
            assertSame(s, -1); // any number of events (a saturated run may skip few)
        }
    }

    @Test
    void identicalReplicasWithSimultaneousIterationEndsAreIdentical() throws Exception {
        // all at once, fixed lengths, round robin: both replicas end their iterations at the very same times
        assertSame(Scenario.of("twins", Fixtures.llama8b(2), new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(),
                Fixtures.fixed(300, 100), 6)).withRouting(RoutingPolicy.ROUND_ROBIN), 0.3);
        assertSame(Scenario.of("twins", Fixtures.llama8b(3), new Workload.OpenLoop(new ArrivalProcess.ConstantRate(2),
                Fixtures.fixed(300, 150), 300)).withRouting(RoutingPolicy.ROUND_ROBIN), 0.3);
    }

    @Test
    void highLoadWithPreemptionIsIdentical() throws Exception {
        Scenario tight = light(2, 60, 3000).withKvCacheMemoryFraction(0.02);
        SimulationReport recompute = assertSame(tight, 0);
        assertThat(recompute.preemptions()).isPositive();
        SimulationReport swap = assertSame(tight.withScheduler(SchedulerPolicy.VLLM
                .withPreemption(SchedulerPolicy.Preemption.SWAP)), 0);
        assertThat(swap.preemptions()).isPositive();
        assertSame(tight.withScheduler(SchedulerPolicy.VLLM.withMaxSequences(32)
                .withQueueOrder(SchedulerPolicy.QueueOrder.SHORTEST_FIRST)), 0);
    }

    @Test
    void staticBatchingFullReservationAndHorizonAreIdentical() throws Exception {
        assertSame(light(2, 5, 800).withScheduler(SchedulerPolicy.VLLM.withBatching(SchedulerPolicy.Batching.STATIC)
                .withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE)), 0.2);
        assertSame(light(2, 3, 1000).withScheduler(SchedulerPolicy.VLLM
                .withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE)), 0.4);
        // stopped at a horizon while segments run: the iterations planned before it are accounted
        SimulationReport cut = assertSame(light(3, 4, 5000).withHorizon(60.123), 0.3);
        assertThat(cut.completed()).isLessThan(cut.arrived());
    }

    @Test
    void prefixCachingAndClosedLoopConversationsAreIdentical() throws Exception {
        List<RequestClass> shared = List.of(Fixtures.chat().get(0).withSharedPrefix(400, 4));
        assertSame(Scenario.of("prefix", Fixtures.llama8b(3),
                        new Workload.OpenLoop(new ArrivalProcess.Poisson(6), shared, 1500))
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true))
                .withRouting(RoutingPolicy.PREFIX_AFFINITY).withSeed(5), 0.3);
        SimulationReport users = assertSame(Scenario.of("users", Fixtures.llama8b(2),
                        new Workload.ClosedLoop(12, 2.0, Fixtures.chat(), 1500, 3))
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true)).withSeed(9), 0.3);
        assertThat(users.prefixCache().hitBlocks()).isPositive();
    }

    @Test
    void speculativeDecodingIsIdentical() throws Exception {
        assertSame(light(2, 4, 800).withSpeculation(new Speculation(4, 0.7, null)), 0.3);
        assertSame(light(2, 4, 800).withSpeculation(new Speculation(3, 0.6,
                Speculation.mtpHead(Fixtures.LLAMA_8B_H100.model()), true)), 0.3);
        assertSame(light(1, 2, 500).withSpeculation(new Speculation(2, 0.5,
                ModelCatalog.load().get("Llama 3.1 8B"))), 0.3);
    }

    @Test
    void disaggregationAndPipelineParallelismAreIdentical() throws Exception {
        assertSame(light(1, 5, 1500).withDisaggregation(new Disaggregation(1, 2, 50e9)), 0.3);
        ServingConfiguration pp = new ServingConfiguration(Fixtures.LLAMA_8B_H100.model(),
                Fixtures.LLAMA_8B_H100.accelerator(), Quantization.FP8, new Parallelism(1, 2, 1, 2));
        assertSame(light(2, 5, 1000).withServing(pp), 0.3);
    }
}

package io.tokenomics.simulator.engine.simulation;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.simulator.engine.cluster.Cluster;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Decode runs (consecutive decode-only iterations of an unchanged batch) are timed and accounted in closed form from
 * the run's start. The reports must agree with costing every iteration on its own and adding the times one by one:
 * the same requests, iterations and events, and every figure equal up to rounding.
 */
class DecodeRunTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private static SimulationReport run(Scenario s, boolean runs) {
        String old = System.getProperty(Cluster.DECODE_RUNS_PROPERTY);
        System.setProperty(Cluster.DECODE_RUNS_PROPERTY, Boolean.toString(runs));
        try {
            return ServingSimulation.run(s, s.serving().equals(Fixtures.LLAMA_8B_H100) ? Fixtures.LLAMA_8B_MODEL
                    : PerformanceModel.of(s.serving()));
        } finally {
            if (old == null) {
                System.clearProperty(Cluster.DECODE_RUNS_PROPERTY);
            } else {
                System.setProperty(Cluster.DECODE_RUNS_PROPERTY, old);
            }
        }
    }

    private static void assertAgree(Scenario s) {
        SimulationReport closed = run(s, true);
        SimulationReport stepwise = run(s, false);
        assertThat(closed.completed()).isPositive().isEqualTo(stepwise.completed());
        assertThat(closed.iterations()).isEqualTo(stepwise.iterations());
        assertThat(closed.events()).isEqualTo(stepwise.events());
        assertThat(closed.preemptions()).isEqualTo(stepwise.preemptions());
        compare("", JSON.valueToTree(closed), JSON.valueToTree(stepwise));
    }

    private static void compare(String path, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            if (Double.isNaN(y) || Double.isInfinite(y)) {
                assertThat(Double.compare(x, y)).as(path).isZero();
                return;
            }
            // times differ by rounding only (~1e-15 relative); a bucket edge can move an event by a microsecond
            assertThat(x).as(path).isCloseTo(y, within(1e-7 * Math.max(1, Math.abs(y))));
            return;
        }
        assertThat(a.getNodeType()).as(path).isEqualTo(b.getNodeType());
        if (a.isContainerNode()) {
            assertThat(a.size()).as(path).isEqualTo(b.size());
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    compare(path + "[" + i + "]", a.get(i), b.get(i));
                }
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    compare(path + "." + e.getKey(), e.getValue(), b.get(e.getKey()));
                }
            }
        } else {
            assertThat(a.asText()).as(path).isEqualTo(b.asText());
        }
    }

    private static Scenario light(int replicas, double rate, long requests) {
        return Scenario.of("runs", Fixtures.llama8b(replicas),
                new Workload.OpenLoop(new ArrivalProcess.Poisson(rate), Fixtures.chat(), requests)).withSeed(17);
    }

    @Test
    void closedFormRunsAgreeWithIterationByIterationCosting() {
        assertAgree(light(3, 5, 1500));
        assertAgree(light(1, 30, 2000)); // busy: runs are short, broken by every admission
        assertAgree(light(2, 4, 800).withRouting(RoutingPolicy.LEAST_KV_LOAD)
                .withScheduler(SchedulerPolicy.VLLM.withChunkedPrefill(false)));
    }

    @Test
    void runsThroughPreemptionAndPrefixCachingAgree() {
        SimulationReport tight = run(light(2, 60, 2000).withKvCacheMemoryFraction(0.02), true);
        assertThat(tight.preemptions()).isPositive();
        assertAgree(light(2, 60, 2000).withKvCacheMemoryFraction(0.02));
        List<RequestClass> shared = List.of(Fixtures.chat().get(0).withSharedPrefix(400, 4));
        assertAgree(Scenario.of("prefix", Fixtures.llama8b(2),
                        new Workload.OpenLoop(new ArrivalProcess.Poisson(6), shared, 1000))
                .withScheduler(SchedulerPolicy.VLLM.withPrefixCaching(true)).withSeed(5));
    }

    /** One request alone: its decode time is the sum of its decode iterations, each from the per-iteration model. */
    @Test
    void aLoneRequestDecodesInTheSumOfItsIterations() {
        Scenario one = Scenario.of("one", Fixtures.llama8b(1), new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(),
                Fixtures.fixed(1000, 201), 1));
        SimulationReport r = run(one, true);
        PerformanceModel.Step step = new PerformanceModel.Step();
        double decode = 0;
        for (int k = 0; k < 200; k++) { // 200 decode steps after the prompt's first token, contexts 1000 .. 1199
            Fixtures.LLAMA_8B_MODEL.decodeIteration(1, 1000 + k, step);
            decode += step.seconds();
        }
        assertThat(r.e2e().p50() - r.ttft().p50()).isCloseTo(decode, within(0.002 * decode));
        assertThat(r.tpot().p50()).isCloseTo(decode / 200, within(0.002 * decode / 200));
    }
}

package io.tokenomics.simulator.engine.sweep;

import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {
    private static List<Scenario> grid() {
        List<Scenario> out = new ArrayList<>();
        for (int replicas : new int[]{1, 2, 4}) {
            for (int maxSeqs : new int[]{8, 64, 256}) {
                out.add(Scenario.of("r" + replicas + " s" + maxSeqs, Fixtures.llama8b(replicas),
                        new Workload.OpenLoop(new ArrivalProcess.Poisson(20), Fixtures.chat(), 2000))
                        .withScheduler(SchedulerPolicy.VLLM.withMaxSequences(maxSeqs)));
            }
        }
        return out;
    }

    @Test
    void parallelSweepEqualsSequentialRunsAndFindsFrontierAndCheapest() {
        List<SweepPoint> parallel = Sweep.run(grid(), 2);
        List<SweepPoint> sequential = Sweep.run(grid(), 1);
        assertThat(parallel).hasSize(9);
        for (int i = 0; i < 9; i++) {
            assertThat(parallel.get(i).report()).isEqualTo(sequential.get(i).report());
        }
        List<SweepPoint> frontier = ParetoFrontier.perGpu(parallel);
        assertThat(frontier).isNotEmpty();
        for (SweepPoint p : parallel) {
            // nothing strictly dominates a frontier point
            for (SweepPoint f : frontier) {
                assertThat(p.outputTokensPerSecondPerGpu() > f.outputTokensPerSecondPerGpu()
                        && p.interactivity() > f.interactivity()).isFalse();
            }
        }
        var cheapest = CheapestConfiguration.find(parallel, 1.0, 0.05, Map.of()).orElseThrow();
        assertThat(CheapestConfiguration.meets(cheapest, 1.0, 0.05)).isTrue();
        for (SweepPoint p : parallel) {
            if (CheapestConfiguration.meets(p, 1.0, 0.05)) {
                assertThat(p.gpus()).isGreaterThanOrEqualTo(cheapest.gpus());
            }
        }
        // 8 sequences cannot carry 20 req/s on one GPU: queueing blows the TTFT target
        assertThat(parallel.get(0).report().ttft().p90()).isGreaterThan(1.0);
    }
}

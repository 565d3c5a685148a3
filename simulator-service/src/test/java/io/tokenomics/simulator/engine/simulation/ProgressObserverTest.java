package io.tokenomics.simulator.engine.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A progress observer reads a running simulation without changing it, and can stop it (a cancelled job). */
class ProgressObserverTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private static final io.tokenomics.simulator.engine.performance.PerformanceModel MODEL =
            io.tokenomics.simulator.engine.performance.PerformanceModel.of(scenario().serving());

    private static Scenario scenario() {
        return Scenario.of("observed", Fixtures.llama8b(2),
                new Workload.OpenLoop(new ArrivalProcess.Poisson(40), Fixtures.chat(), 20_000)).withSeed(5);
    }

    @Test
    void progressRisesMonotonicallyAndTheReportIsTheSameAsWithoutAnObserver() throws Exception {
        List<double[]> seen = new ArrayList<>();
        SimulationReport observed = ServingSimulation.run(scenario(), MODEL,
                (t, completed, tokens) -> seen.add(new double[] {t, completed, tokens}));
        SimulationReport plain = ServingSimulation.run(scenario(), MODEL);

        assertThat(JSON.writeValueAsString(observed)).isEqualTo(JSON.writeValueAsString(plain));
        assertThat(seen).hasSizeGreaterThan(3);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)[0]).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
            assertThat(seen.get(i)[1]).isGreaterThanOrEqualTo(seen.get(i - 1)[1]);
            assertThat(seen.get(i)[2]).isGreaterThanOrEqualTo(seen.get(i - 1)[2]);
        }
        double[] last = seen.get(seen.size() - 1);
        assertThat(last[1]).isPositive().isLessThanOrEqualTo(plain.completed());
        assertThat(last[0]).isPositive().isLessThanOrEqualTo(plain.simulatedSeconds());
    }

    @Test
    void anObserverThatThrowsEndsTheRun() {
        class Cancelled extends RuntimeException {
        }
        int[] calls = {0};
        assertThatThrownBy(() -> ServingSimulation.run(scenario(), MODEL, (t, completed, tokens) -> {
            if (++calls[0] == 2) {
                throw new Cancelled();
            }
        })).isInstanceOf(Cancelled.class);
        assertThat(calls[0]).isEqualTo(2);
    }
}

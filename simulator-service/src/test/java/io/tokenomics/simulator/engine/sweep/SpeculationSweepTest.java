package io.tokenomics.simulator.engine.sweep;

import io.tokenomics.simulator.engine.cli.ScenarioFiles;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.speculative.SpeculativeDecoding;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Speculative decoding as a sweep dimension: engine API and sweep files. */
class SpeculationSweepTest {
    private static Scenario lightLoad() {
        // 2 req/s of short prompts on one H100: batches of a few sequences, decode is memory-bound
        return Scenario.of("light", Fixtures.llama8b(1),
                new Workload.OpenLoop(new ArrivalProcess.Poisson(2), Fixtures.fixed(200, 200), 400)).withSeed(7);
    }

    @Test
    void speculationIsAGridDimensionAndPaysAtLightLoadWhenDraftsAreAccepted() {
        Speculation free = new Speculation(4, 0.8, null);
        Speculation rejected = new Speculation(4, 0.0, ModelCatalog.load().get("Llama 3.1 8B"));
        List<Scenario> grid = Sweep.withSpeculation(List.of(lightLoad()), Arrays.asList(null, free, rejected));
        assertThat(grid).extracting(Scenario::name).containsExactly("light speculation=off",
                "light speculation=k=4 a=0.8", "light speculation=k=4 a=0.0 draft=Llama 3.1 8B");
        List<SweepPoint> points = Sweep.run(grid, 2);
        SimulationReport off = points.get(0).report();
        SimulationReport on = points.get(1).report();
        SimulationReport wasted = points.get(2).report();
        assertThat(on.completed()).isEqualTo(400);
        double e = SpeculativeDecoding.expectedTokensPerStep(0.8, 4);
        double tpotOff = off.tpot().p50();
        double tpotOn = on.tpot().p50();
        // faster per token by at most E (verifying 5 positions costs at least as much as decoding one; at a batch of
        // a few sequences decode is bound by reading the weights, so nearly the full E; 1 % for histogram buckets)
        assertThat(tpotOn).isLessThan(tpotOff * 0.6).isGreaterThan(tpotOff / e * 0.99);
        // a drafter as large as the target whose drafts are never accepted: 4 draft steps + a verification per token
        assertThat(wasted.tpot().p50()).isGreaterThan(tpotOff * 4);
        // deterministic: the same scenario gives the same report
        assertThat(ServingSimulation.run(grid.get(1))).isEqualTo(on);
    }

    @Test
    void sweepFilesTakeSpeculationAxes() throws Exception {
        List<Scenario> sweep = ScenarioFiles.sweep(ScenarioFiles.parse("""
                base:
                  model: Llama 3.1 70B
                  tensorParallel: 4
                  speculation: {enabled: false, acceptance: 0.6, draftModel: Llama 3.1 8B}
                  workload:
                    requests: 10
                    arrival: {type: poisson, rate: 1}
                    classes: [{input: {tokens: 100}, output: {tokens: 20}}]
                grid:
                  speculation.enabled: [false, true]
                  speculation.draftTokens: [2, 4]
                """), Path.of("."));
        assertThat(sweep).hasSize(4);
        assertThat(sweep.get(0).speculation()).isNull();
        assertThat(sweep.get(1).speculation()).isNull();
        Speculation s = sweep.get(3).speculation();
        assertThat(s.draftTokens()).isEqualTo(4);
        assertThat(s.acceptance()).isEqualTo(0.6);
        assertThat(s.draftModel().name()).isEqualTo("Llama 3.1 8B");
        assertThat(sweep.get(2).speculation().draftTokens()).isEqualTo(2);
        assertThat(sweep.get(3).name()).isEqualTo("speculation.enabled=true speculation.draftTokens=4");
        SimulationReport r = ServingSimulation.run(sweep.get(3));
        assertThat(r.completed()).isEqualTo(10);
        Scenario mtp = ScenarioFiles.scenario(ScenarioFiles.parse("""
                {"model": "DeepSeek-V3", "tensorParallel": 8, "speculation": {"draftTokens": 1, "draftModel": "mtp"},
                 "workload": {"arrival": {"type": "offline"}, "classes": [{"input": {"tokens": 10}, "output": {"tokens": 5}}]}}
                """), Path.of("."));
        assertThat(mtp.speculation().draftModel().layers()).isEqualTo(1);
    }
}

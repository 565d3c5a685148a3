package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Speculation's per-position acceptance profile against its closed form and the one-rate case. */
class SpeculationTest {
    private static Scenario chat(Speculation speculation) {
        return Scenario.of("speculative chat", Fixtures.llama8b(1),
                new Workload.OpenLoop(new ArrivalProcess.Poisson(3), Fixtures.chat(), 600)).withSeed(5)
                .withSpeculation(speculation);
    }

    @Test
    void aProfileGivesTheClosedFormExpectedTokensPerStep() {
        // 1 + a1 + a1 a2 + a1 a2 a3 = 1 + 0.9 + 0.72 + 0.504
        Speculation decaying = Speculation.byPosition(List.of(0.9, 0.8, 0.7), null, false);
        assertThat(decaying.draftTokens()).isEqualTo(3);
        assertThat(decaying.tokensPerStep()).isCloseTo(3.124, within(1e-12));
        assertThat(decaying.acceptance()).isCloseTo(0.8, within(1e-12));
        assertThat(decaying.label()).isEqualTo("k=3 a=[0.9,0.8,0.7]");
        // one rate: (1 - a^(k+1)) / (1 - a)
        assertThat(new Speculation(3, 0.8, null).tokensPerStep()).isCloseTo((1 - Math.pow(0.8, 4)) / 0.2, within(1e-12));
    }

    @Test
    void aFlatProfileRunsExactlyLikeOneRateAndAFrontLoadedOneDecodesFaster() {
        SimulationReport oneRate = ServingSimulation.run(chat(new Speculation(3, 0.8, null)));
        SimulationReport flat = ServingSimulation.run(chat(Speculation.byPosition(List.of(0.8, 0.8, 0.8), null, false)));
        assertThat(flat.tpot()).isEqualTo(oneRate.tpot());
        assertThat(flat.ttft()).isEqualTo(oneRate.ttft());
        assertThat(flat.iterations()).isEqualTo(oneRate.iterations());

        // same mean acceptance (0.8), but the early positions, which every later one depends on, accepted more often:
        // 3.124 tokens per round against 2.952, so each token costs less
        SimulationReport frontLoaded = ServingSimulation.run(chat(Speculation.byPosition(List.of(0.9, 0.8, 0.7),
                null, false)));
        assertThat(frontLoaded.tpot().mean()).isLessThan(oneRate.tpot().mean());
        assertThat(frontLoaded.tpot().mean() / oneRate.tpot().mean()).isCloseTo(2.952 / 3.124, within(0.03));

        // a drafter's steps are charged on top, whatever the profile
        SimulationReport drafted = ServingSimulation.run(chat(Speculation.byPosition(List.of(0.9, 0.8, 0.7),
                Speculation.mtpHead(Fixtures.llama8b(1).model()), true)));
        assertThat(drafted.tpot().mean()).isGreaterThan(frontLoaded.tpot().mean());
    }

    @Test
    void aProfileNeedsOneRateInZeroToOnePerDraftToken() {
        assertThatThrownBy(() -> new Speculation(4, 0, null, false, List.of(0.9, 0.8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one rate per draft token (4), has 2");
        assertThatThrownBy(() -> Speculation.byPosition(List.of(0.9, 1.2), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }
}

package io.tokenomics.simulator.service;

import io.tokenomics.simulator.config.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulator.engine} picks the engine behind the seam. */
class EngineSelectionTest {
    private static ScenarioEngine selected(SimulatorConfig.Engine engine) {
        EngineSelection selection = new EngineSelection();
        selection.config = Mockito.mock(SimulatorConfig.class);
        Mockito.when(selection.config.engine()).thenReturn(engine);
        selection.discreteEvent = new DiscreteEventEngine();
        selection.steadyState = new SteadyStateEngine();
        return selection.engine();
    }

    @Test
    void discreteEventAndSteadyStateAreSelectable() {
        assertThat(selected(SimulatorConfig.Engine.DISCRETE_EVENT)).isInstanceOf(DiscreteEventEngine.class);
        assertThat(selected(SimulatorConfig.Engine.STEADY_STATE)).isInstanceOf(SteadyStateEngine.class);
    }
}

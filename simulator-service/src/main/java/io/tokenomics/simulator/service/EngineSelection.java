package io.tokenomics.simulator.service;

import io.quarkus.arc.DefaultBean;
import io.tokenomics.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The {@link ScenarioEngine} jobs and sweep points run on, by {@code simulator.engine} (default discrete-event). */
@ApplicationScoped
public class EngineSelection {
    private static final Logger LOG = Logger.getLogger(EngineSelection.class);

    @Inject
    SimulatorConfig config;
    @Inject
    DiscreteEventEngine discreteEvent;
    @Inject
    SteadyStateEngine steadyState;

    @Produces
    @ApplicationScoped
    @DefaultBean
    ScenarioEngine engine() {
        ScenarioEngine engine = switch (config.engine()) {
            case DISCRETE_EVENT -> discreteEvent;
            case STEADY_STATE -> steadyState;
        };
        LOG.infof("scenario engine: %s", config.engine().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return engine;
    }
}

package io.tokenomics.simulator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tokenomics.simulator.service.WorkUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes work units. Every simulator pod runs one in the same consumer group, so partitions spread the work. Units
 * run on the {@code simulator-engine} worker pool (never the event loop; its size bounds the units one pod runs at
 * once); the record is acknowledged after {@link WorkUnits#process} returns, i.e. after the outcome committed.
 */
@ApplicationScoped
public class SimulationWorker {
    @Inject
    WorkUnits units;

    @Incoming("simulation-requests")
    @Blocking(value = "simulator-engine", ordered = false)
    public void onWorkUnit(String payload) {
        units.process(payload);
    }
}

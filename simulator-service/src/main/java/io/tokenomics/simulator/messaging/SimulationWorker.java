package io.tokenomics.simulator.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.service.SimulationRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes work units. Every simulator pod runs one in the same consumer group, so partitions spread the work.
 * Idempotent: a redelivered unit of a finished job is acknowledged without running again. The job's new state and
 * its result event are committed together, and the record is acknowledged only after that commit.
 */
@ApplicationScoped
public class SimulationWorker {
    private static final Logger LOG = Logger.getLogger(SimulationWorker.class);

    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;
    @Inject
    SimulationRunner runner;

    @Incoming("simulation-requests")
    public Uni<Void> onWorkUnit(String payload) {
        SimulationRequested unit;
        try {
            String type = EventCodec.typeOf(payload);
            if (!EventTypes.SIMULATION_REQUESTED.equals(type)) {
                LOG.warnf("ignoring event of type %s on %s", type, Topics.SIMULATION_REQUESTS);
                return Uni.createFrom().voidItem();
            }
            unit = EventCodec.decode(payload, SimulationRequested.class).data();
        } catch (EventCodec.MalformedEventException e) {
            LOG.errorf("dropping malformed work unit: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        String id = unit.simulationId();
        return Panache.withTransaction(() -> jobs.findById(id).chain(job -> {
            if (job == null) {
                LOG.warnf("work unit for unknown simulation %s (deleted?)", id);
                return Uni.createFrom().voidItem();
            }
            if (job.status.isTerminal()) {
                LOG.debugf("simulation %s already %s; duplicate delivery ignored", id, job.status);
                return Uni.createFrom().voidItem();
            }
            job.status = SimulationStatus.RUNNING;
            var event = runner.run(job);
            return outbox.append(Topics.SIMULATION_RESULTS, event).replaceWithVoid();
        }));
    }
}

package io.tokenomics.pricing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.tenancy.TenantClaim;
import io.tokenomics.pricing.service.QuoteService;
import io.tokenomics.pricing.service.UnpriceableSimulationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Prices every {@code simulation.completed} event of topic {@code simulation.results}: the skeleton cost row and a
 * quote with the tenant's default price book, in one transaction. The record is acked when the returned Uni
 * completes, i.e. after both rows are committed. An event that can never be priced (not JSON, no
 * tenant, impossible figures) is logged, counted and acked so that it cannot block its partition; a database error
 * fails the Uni, the record is nacked and the channel stops (failure strategy {@code fail}) instead of losing it.
 */
@ApplicationScoped
public class SimulationResultsConsumer {
    private static final Logger LOG = Logger.getLogger(SimulationResultsConsumer.class);
    static final String CHANNEL = "simulation-results";
    private static final int MAX_ID_LENGTH = 64;

    @Inject
    QuoteService quotes;
    @Inject
    MeterRegistry metrics;

    @Incoming(CHANNEL)
    public Uni<Void> onSimulationResult(String payload) {
        if (payload == null || payload.isBlank()) {
            return reject("empty record value", null);
        }
        String type;
        try {
            type = EventCodec.typeOf(payload);
        } catch (EventCodec.MalformedEventException e) {
            return reject(e.getMessage() + "; payload starts with: " + preview(payload), null);
        }
        if (!EventTypes.SIMULATION_COMPLETED.equals(type)) {
            count("ignored");
            LOG.debugf("ignoring event of type %s", type);
            return Uni.createFrom().voidItem();
        }
        CloudEvent<SimulationCompleted> event;
        try {
            event = EventCodec.decode(payload, SimulationCompleted.class);
        } catch (RuntimeException e) {
            return reject(e.getMessage() + "; payload starts with: " + preview(payload), null);
        }
        Optional<String> tenant = TenantClaim.parse(event.tenant());
        if (tenant.isEmpty()) {
            return reject("no valid tenant attribute (was " + quoted(event.tenant()) + ")", event);
        }
        Optional<String> invalid = invalidPayload(event);
        if (invalid.isPresent()) {
            return reject(invalid.get(), event);
        }
        SimulationCompleted result = event.data();
        return quotes.recordCompleted(event.id(), tenant.get(), result)
                .invoke(inserted -> {
                    count(inserted ? "priced" : "duplicate");
                    if (inserted) {
                        LOG.infof("priced simulation %s of tenant %s (event %s)", result.simulationId(), tenant.get(), event.id());
                    } else {
                        LOG.infof("simulation %s already priced; event %s ignored", result.simulationId(), event.id());
                    }
                })
                .replaceWithVoid()
                .onFailure(UnpriceableSimulationException.class)
                .recoverWithUni(e -> reject(e.getMessage(), event));
    }

    /** What makes the payload unusable, checked before any database work. */
    static Optional<String> invalidPayload(CloudEvent<SimulationCompleted> event) {
        SimulationCompleted data = event.data();
        if (event.id().isBlank() || event.id().length() > MAX_ID_LENGTH) {
            return Optional.of("event id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (data == null) {
            return Optional.of("event has no data");
        }
        if (data.simulationId() == null || data.simulationId().isBlank() || data.simulationId().length() > MAX_ID_LENGTH) {
            return Optional.of("simulationId must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (data.acceleratorId() == null || data.acceleratorId().isBlank() || data.acceleratorId().length() > MAX_ID_LENGTH) {
            return Optional.of("acceleratorId must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (data.acceleratorCount() < 1) {
            return Optional.of("acceleratorCount must be at least 1, was " + data.acceleratorCount());
        }
        if (!Double.isFinite(data.outputTokensPerSecond()) || data.outputTokensPerSecond() <= 0) {
            return Optional.of("outputTokensPerSecond must be finite and positive, was " + data.outputTokensPerSecond());
        }
        return Optional.empty();
    }

    private Uni<Void> reject(String reason, CloudEvent<?> event) {
        count("rejected");
        if (event == null) {
            LOG.warnf("rejected a record of %s: %s", CHANNEL, reason);
        } else {
            LOG.warnf("rejected event %s (subject %s) of %s: %s", event.id(), event.subject(), CHANNEL, reason);
        }
        return Uni.createFrom().voidItem();
    }

    private void count(String outcome) {
        metrics.counter("pricing.simulation.results", "outcome", outcome).increment();
    }

    private static String preview(String payload) {
        String oneLine = payload.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "'" + preview(value) + "'";
    }
}

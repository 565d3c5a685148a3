package io.tokenomics.contract.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The outbox table of the current service. A bean only where {@code tokenomics.outbox.enabled=true} (build time). */
@ApplicationScoped
@IfBuildProperty(name = OutboxRelay.ENABLED, stringValue = "true")
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {
    @Inject
    Instance<OutboxTraceContext> traceContext;

    /**
     * Adds an event to the current transaction; with the current trace context as extension attributes where the
     * service has an {@link OutboxTraceContext}.
     */
    public Uni<OutboxEvent> append(String topic, CloudEvent<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.eventKey = event.subject();
        row.eventType = event.type();
        row.payload = traceContext.isResolvable()
                ? EventCodec.encode(event, traceContext.get().current())
                : EventCodec.encode(event);
        row.createdAt = OffsetDateTime.now();
        return persist(row);
    }

    /**
     * Oldest unpublished events, locked for this transaction; rows locked by a concurrent relay (another pod) are
     * skipped rather than waited for.
     */
    public Uni<List<OutboxEvent>> lockUnpublished(int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select * from outbox_event where published_at is null
                        order by created_at limit :limit for update skip locked""", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList());
    }
}

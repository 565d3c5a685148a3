package io.tokenomics.contract.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event written in the same transaction as the change it announces, sent to Kafka later by {@link OutboxRelay}.
 * Every service with a Hibernate persistence unit sees this entity, so each keeps an {@code outbox_event} table in its
 * own Flyway migrations (same DDL as simulator-service's V1).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    public UUID id;
    public String topic;
    @Column(name = "event_key")
    public String eventKey;
    @Column(name = "event_type")
    public String eventType;
    /** The CloudEvent, JSON. */
    public String payload;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}

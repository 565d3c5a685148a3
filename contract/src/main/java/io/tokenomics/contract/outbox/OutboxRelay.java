package io.tokenomics.contract.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Sends outbox rows to Kafka and marks them published in the same transaction that locked them. A row is marked only
 * after the broker acknowledged it (acks=all, idempotent producer); if the process dies in between, the row is sent
 * again on the next round, which consumers tolerate. Concurrent relays in other pods skip locked rows.
 * <p>
 * A service enables it with the build property {@code tokenomics.outbox.enabled=true}, an {@code outbox_event} table
 * in its migrations and an outgoing Kafka channel named {@code outbox} (the topic is set per record). Tuning:
 * {@code tokenomics.outbox.batch-size} (default 100), {@code tokenomics.outbox.poll-interval} (default 1s).
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxRelay.ENABLED, stringValue = "true")
public class OutboxRelay {
    public static final String ENABLED = "tokenomics.outbox.enabled";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxRepository outbox;
    @ConfigProperty(name = "tokenomics.outbox.batch-size", defaultValue = "100")
    int batchSize;
    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Scheduled(every = "${tokenomics.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        return publishPending()
                .onFailure().invoke(e -> LOG.warnf("outbox relay round failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One round: returns how many events were published. */
    public Uni<Integer> publishPending() {
        return Panache.withTransaction(() -> outbox.lockUnpublished(Math.max(1, batchSize))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList()
                        .map(List::size)));
    }

    private Uni<OutboxEvent> send(OutboxEvent row) {
        Message<String> message = Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.eventKey)
                .build());
        return emitter.sendMessage(message).map(acked -> {
            row.publishedAt = OffsetDateTime.now();
            return row;
        });
    }
}

package io.tokenomics.simulator.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.domain.OutboxEvent;
import io.tokenomics.simulator.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;

/**
 * Sends outbox rows to Kafka and marks them published in the same transaction that locked them. A row is marked only
 * after the broker acknowledged it (acks=all, idempotent producer); if the process dies in between, the row is sent
 * again on the next round, which consumers tolerate. Concurrent relays in other pods skip locked rows.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxRepository outbox;
    @Inject
    SimulatorConfig config;
    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Scheduled(every = "${simulator.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        return publishPending()
                .onFailure().invoke(e -> LOG.warnf("outbox relay round failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One round: returns how many events were published. */
    public Uni<Integer> publishPending() {
        return Panache.withTransaction(() -> outbox.lockUnpublished(config.outbox().batchSize())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList()
                        .map(java.util.List::size)));
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

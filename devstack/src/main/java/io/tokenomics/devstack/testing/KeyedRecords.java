package io.tokenomics.devstack.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a test reads back from a real topic: the records of one key, read from the start by a fresh consumer group.
 */
public final class KeyedRecords {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KeyedRecords() {
    }

    /** The first record of {@code key} on {@code topic}; fails after 30 s without one. */
    public static ConsumerRecord<String, String> first(String bootstrapServers, String topic, String key) {
        return await(bootstrapServers, topic, key, 1, Duration.ZERO).get(0);
    }

    /**
     * The records of {@code key}, in topic order, once at least {@code count} arrived (30 s at most), after reading on
     * for {@code linger} more: long enough for a duplicate that would follow to show up.
     */
    public static List<ConsumerRecord<String, String>> await(String bootstrapServers, String topic, String key,
                                                             int count, Duration linger) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " record(s) with key " + key + " on " + topic
                            + " within " + WAIT.toSeconds() + " s, got " + seen.size());
                }
                poll(consumer, key, seen);
            }
            long end = System.nanoTime() + linger.toNanos();
            while (System.nanoTime() < end) {
                poll(consumer, key, seen);
            }
            return List.copyOf(seen);
        }
    }

    private static void poll(KafkaConsumer<String, String> consumer, String key, List<ConsumerRecord<String, String>> seen) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            if (key.equals(r.key())) {
                seen.add(r);
            }
        }
    }
}

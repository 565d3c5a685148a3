package io.tokenomics.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Kafka 4 broker in KRaft mode (combined broker + controller), run in this JVM with Kafka's own
 * cluster test kit. The platform's topics are created at start with their partition counts.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Topic name to partition count. Partitions bound how many simulator workers can share the work. */
    public static final Map<String, Integer> PLATFORM_TOPICS = Map.of(
            "simulation.requests", 6,
            "simulation.results", 3,
            "catalog.changes", 1,
            "simulation.requests.dlq", 1,
            "pricing.quotes", 3);
    /**
     * Per-topic configs. {@code catalog.changes} is compacted: its key names one catalog entity, so the log keeps at
     * least the latest change of every entity (a cache can rebuild its invalidation state from the topic).
     */
    public static final Map<String, Map<String, String>> TOPIC_CONFIGS = Map.of(
            "catalog.changes", Map.of("cleanup.policy", "compact"));

    private final KafkaClusterTestKit cluster;
    private final Path dataDir;

    private KafkaBroker(KafkaClusterTestKit cluster, Path dataDir) {
        this.cluster = cluster;
        this.dataDir = dataDir;
    }

    /**
     * Starts a fresh broker. Its log directory is ours (not the test kit's temp folder, which the kit deletes from a
     * JVM shutdown hook while the broker may still run - the broker then halts the JVM mid-shutdown).
     */
    public static KafkaBroker start() {
        try {
            Path dataDir = Files.createTempDirectory("tokenomics-kafka-");
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dataDir)
                    .build())
                    .setDeleteOnClose(false)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            KafkaBroker broker = new KafkaBroker(cluster, dataDir);
            broker.createTopics(PLATFORM_TOPICS);
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopics(Map<String, Integer> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> newTopics = topics.entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)
                            .configs(TOPIC_CONFIGS.getOrDefault(t.getKey(), Map.of())))
                    .toList();
            for (var result : admin.createTopics(newTopics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        } finally {
            try {
                FileTrees.delete(dataDir);
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}

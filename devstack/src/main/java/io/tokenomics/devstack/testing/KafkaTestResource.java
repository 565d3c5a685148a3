package io.tokenomics.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokenomics.devstack.KafkaBroker;

import java.util.Map;

/** A real KRaft Kafka broker for {@code @QuarkusTest}s, started once per test JVM, with the platform's topics. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-shutdown"));
        }
        return broker;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}

package io.tokenomics.simulator.messaging;

import io.quarkus.runtime.StartupEvent;
import io.tokenomics.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the dead-letter topic of poison work units at start when it is missing (brokers may refuse auto-creation).
 * Failure is logged, not fatal: where topics are managed outside (Strimzi), create it there.
 */
@ApplicationScoped
public class DeadLetterTopic {
    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    @Inject
    SimulatorConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    void onStart(@Observes StartupEvent event) {
        String topic = config.units().deadLetterTopic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
            LOG.infof("created dead-letter topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("cannot create dead-letter topic %s: %s", topic, e.getCause().getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("cannot create dead-letter topic %s: %s", topic, e.toString());
        }
    }
}

package io.tokenomics.pricing.messaging;

import io.quarkus.runtime.StartupEvent;
import io.tokenomics.contract.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.tokenomics.pricing.config.PricingConfig;
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
 * Creates {@code pricing.quotes} at start when it is missing (brokers may refuse auto-creation). Failure is logged, not
 * fatal: the outbox keeps the events until the topic exists; where topics are managed outside (Strimzi), create it
 * there.
 */
@ApplicationScoped
public class QuotesTopic {
    private static final Logger LOG = Logger.getLogger(QuotesTopic.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    PricingConfig config;

    void onStart(@Observes StartupEvent event) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            admin.createTopics(List.of(new NewTopic(Topics.PRICING_QUOTES, Optional.of(config.quotesTopicPartitions()), Optional.empty())))
                    .all().get(20, TimeUnit.SECONDS);
            LOG.infof("created topic %s", Topics.PRICING_QUOTES);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("cannot create topic %s: %s", Topics.PRICING_QUOTES, e.getCause().getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("cannot create topic %s: %s", Topics.PRICING_QUOTES, e.toString());
        }
    }
}

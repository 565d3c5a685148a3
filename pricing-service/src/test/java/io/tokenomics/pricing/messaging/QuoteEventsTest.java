package io.tokenomics.pricing.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every stored quote is announced once on {@code pricing.quotes} through the transactional outbox, read back from the
 * real broker; duplicates of {@code simulation.completed} and a recompute that finds its quote announce nothing.
 */
@QuarkusTest
class QuoteEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "umbrella";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aStoredQuoteIsAnnouncedOnceAndDuplicatesAnnounceNothing() throws Exception {
        String sim = "sim-" + UUID.randomUUID();
        CloudEvent<SimulationCompleted> event = completed(sim, 100);
        try (KafkaProducer<String, String> producer = producer();
             KafkaConsumer<String, String> consumer = consumer()) {
            publish(producer, event);
            publish(producer, event);
            publish(producer, completed(sim, 400));
            String quoteId = awaitQuote(sim);
            List<JsonNode> seen = new ArrayList<>();
            String marker = "sim-" + UUID.randomUUID();
            publish(producer, completed(marker, 50));
            readUntil(consumer, seen, marker);

            List<JsonNode> forSim = seen.stream().filter(e -> sim.equals(e.path("data").path("simulationId").asText())).toList();
            assertThat(forSim).hasSize(1);
            JsonNode created = forSim.getFirst();
            assertThat(created.path("type").asText()).isEqualTo(EventTypes.QUOTE_CREATED);
            assertThat(created.path("source").asText()).isEqualTo("/pricing-service");
            assertThat(created.path("subject").asText()).isEqualTo(quoteId);
            assertThat(created.path("tenant").asText()).isEqualTo(TENANT);
            assertThat(created.path("data").path("quoteId").asText()).isEqualTo(quoteId);
            assertThat(created.path("data").path("origin").asText()).isEqualTo("event");
            assertThat(created.path("data").path("priceBookRevision").asInt()).isEqualTo(1);
            assertThat(created.path("data").path("attribution").asText()).isEqualTo("decode-only");
            // the first event's 100 tok/s at the public default 2 USD/h: 2 / (100 x 3600) x 1e6
            assertThat(created.path("data").path("perMillionOutputTokens").decimalValue()).isEqualByComparingTo("5.555556");
            assertThat(created.path("data").path("currency").asText()).isEqualTo("USD");

            // a recompute with the same (current) revision finds the quote: nothing new is stored or announced
            given().auth().oauth2(TestTokens.user(TENANT, "viewer", "analyst")).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/pricing/quotes/{id}/recompute", quoteId)
                    .then().statusCode(200).body("id", equalTo(quoteId));
            String marker2 = "sim-" + UUID.randomUUID();
            publish(producer, completed(marker2, 50));
            readUntil(consumer, seen, marker2);
            assertThat(seen.stream().filter(e -> sim.equals(e.path("data").path("simulationId").asText()))).hasSize(1);
        }
    }

    /** Polls pricing.quotes until the quote of {@code simulationId} was seen, then drains for a moment more. */
    private static void readUntil(KafkaConsumer<String, String> consumer, List<JsonNode> seen, String simulationId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                seen.add(JSON.readTree(r.value()));
            }
            return seen.stream().anyMatch(e -> simulationId.equals(e.path("data").path("simulationId").asText()));
        });
        long until = System.currentTimeMillis() + 1500;
        while (System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                try {
                    seen.add(JSON.readTree(r.value()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private String awaitQuote(String simulationId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.user(TENANT, "viewer")).queryParam("simulationId", simulationId)
                        .when().get("/api/pricing/quotes")
                        .then().statusCode(200).body("size()", equalTo(1)));
        return given().auth().oauth2(TestTokens.user(TENANT, "viewer")).queryParam("simulationId", simulationId)
                .when().get("/api/pricing/quotes").then().extract().path("[0].id");
    }

    private static CloudEvent<SimulationCompleted> completed(String simulationId, double outputTokensPerSecond) {
        return CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, simulationId, TENANT,
                new SimulationCompleted(simulationId, "H100", 1, 1 / outputTokensPerSecond, outputTokensPerSecond,
                        "skeleton-weight-streaming-bound"));
    }

    private static void publish(KafkaProducer<String, String> producer, CloudEvent<?> event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.SIMULATION_RESULTS, 0, event.subject(), EventCodec.encode(event))).get();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "quote-events-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.PRICING_QUOTES));
        return consumer;
    }
}

package io.tokenomics.pricing.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.pricing.domain.SimulationCost;
import io.tokenomics.pricing.repository.SimulationCostRepository;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** Events go through the real broker and the real consumer; costs are read back through the REST API. */
@QuarkusTest
class SimulationCostResourceTest {
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    SimulationCostRepository repository;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void pricesACompletedSimulationForItsTenantOnly() {
        String simulationId = newSimulationId();
        publish(completed(simulationId, "acme", "H100", 2, 123.4));

        awaitCost("acme", simulationId)
                .body("simulationId", equalTo(simulationId))
                .body("acceleratorId", equalTo("H100"))
                .body("acceleratorCount", equalTo(2))
                .body("usdPerGpuHour", comparesEqualTo(new BigDecimal("2.00")))
                .body("rateBasis", equalTo("sourced"))
                .body("outputTokensPerSecond", comparesEqualTo(new BigDecimal("123.4")))
                // 2 USD/h x 2 GPUs / (123.4 tok/s x 3600 s/h) x 1e6 = 9.0041419... USD per million output tokens
                .body("usdPerMillionOutputTokens", equalTo(new BigDecimal("9.004142")))
                .body("currency", equalTo("USD"))
                .body("method", equalTo("skeleton-weight-streaming-bound"))
                .body("computedAt", notNullValue());

        // another tenant's simulation reads exactly like a missing one
        String otherTenant = given().auth().oauth2(TestTokens.user("globex", "viewer"))
                .when().get("/api/pricing/simulations/{id}/cost", simulationId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .extract().path("title");
        String missing = given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/pricing/simulations/{id}/cost", "no-such-simulation")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .extract().path("title");
        assertThat(otherTenant).isEqualTo(missing);
    }

    @Test
    void redeliveriesAndUnusableRecordsNeitherDuplicateNorBlockTheConsumer() throws Throwable {
        String priced = newSimulationId();
        String withoutTenant = newSimulationId();
        String impossible = newSimulationId();
        String beyondStorage = newSimulationId();
        String later = newSimulationId();
        CloudEvent<SimulationCompleted> first = completed(priced, "acme", "H100", 1, 100);

        // one partition, so the consumer must get past every record before it can price the last one
        publishRaw("not json {");
        publishRaw("{\"specversion\":\"1.0\",\"id\":\"e-no-type\",\"source\":\"/x\"}");
        publishRaw("{\"specversion\":\"1.0\",\"type\":\"" + EventTypes.SIMULATION_COMPLETED + "\",\"data\":{}}");
        publish(CloudEvent.of("/simulator-service", EventTypes.SIMULATION_FAILED, priced, "acme", Map.of("reason", "x")));
        publish(completed(withoutTenant, null, "H100", 1, 100));
        publish(completed(impossible, "acme", "H100", 1, 0));
        // 2 / (1e-12 x 3600) x 1e6 = 5.6e14 USD/M: priced inside the transaction, refused there, rolled back, acked
        publish(completed(beyondStorage, "acme", "H100", 1, 1e-12));
        publish(first);
        publish(first);
        publish(completed(priced, "acme", "H100", 1, 400));
        publish(completed(later, "acme", "H100", 1, 50));

        awaitCost("acme", later).body("usdPerMillionOutputTokens", equalTo(new BigDecimal("11.111111")));

        // the first event wins: 2 USD/h / (100 tok/s x 3600) x 1e6
        given().config(DECIMALS).auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/pricing/simulations/{id}/cost", priced)
                .then().statusCode(200)
                .body("usdPerMillionOutputTokens", equalTo(new BigDecimal("5.555556")));
        List<SimulationCost> rows = rowsOf(priced);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().eventId).isEqualTo(first.id());
        assertThat(rows.getFirst().tenant).isEqualTo("acme");
        assertThat(rowsOf(withoutTenant)).isEmpty();
        assertThat(rowsOf(impossible)).isEmpty();
        assertThat(rowsOf(beyondStorage)).isEmpty();
    }

    @Test
    void pricesAcceleratorsWithoutASourcedRateAtANamedBasis() {
        String h200 = newSimulationId();
        String unlisted = newSimulationId();
        publish(completed(h200, "acme", "H200", 4, 250));
        publish(completed(unlisted, "acme", "MI300X", 1, 400));

        // 2.50 USD/h x 4 GPUs / (250 tok/s x 3600) x 1e6
        awaitCost("acme", h200)
                .body("rateBasis", equalTo("assumption"))
                .body("usdPerGpuHour", comparesEqualTo(new BigDecimal("2.50")))
                .body("usdPerMillionOutputTokens", equalTo(new BigDecimal("11.111111")));
        // no rate row: pricing.default-usd-per-gpu-hour = 2.00; 2 / (400 x 3600) x 1e6
        awaitCost("acme", unlisted)
                .body("rateBasis", equalTo("default"))
                .body("usdPerGpuHour", comparesEqualTo(new BigDecimal("2.00")))
                .body("usdPerMillionOutputTokens", equalTo(new BigDecimal("1.388889")));
    }

    @Test
    void listsTheRatesWithTheirBasisAndSources() {
        given().config(DECIMALS).auth().oauth2(TestTokens.user("globex", "viewer"))
                .when().get("/api/pricing/rates")
                .then().statusCode(200)
                .body("acceleratorId", hasItems("H100", "H200", "B200"))
                .body("find { it.acceleratorId == 'H100' }.usdPerGpuHour", comparesEqualTo(new BigDecimal("2")))
                .body("find { it.acceleratorId == 'H100' }.rateBasis", equalTo("sourced"))
                .body("find { it.acceleratorId == 'H100' }.currency", equalTo("USD"))
                .body("find { it.acceleratorId == 'H100' }.source", containsString("deepseek-ai/open-infra-index"))
                .body("find { it.acceleratorId == 'H100' }.source", containsString("1.90-2.94"))
                .body("find { it.acceleratorId == 'H200' }.rateBasis", equalTo("assumption"))
                .body("find { it.acceleratorId == 'H200' }.note", containsString("platform default assumption"))
                .body("find { it.acceleratorId == 'B200' }.usdPerGpuHour", comparesEqualTo(new BigDecimal("3.5")))
                .body("find { it.acceleratorId == 'B200' }.rateBasis", equalTo("assumption"));
    }

    @Test
    void refusesCallsWithoutAValidTokenRoleOrTenant() {
        given().when().get("/api/pricing/simulations/{id}/cost", "any").then().statusCode(401);
        given().when().get("/api/pricing/rates").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign("acme", "some-other-api", TestTokens.ISSUER, 300, "viewer"))
                .when().get("/api/pricing/rates").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("acme"))
                .when().get("/api/pricing/simulations/{id}/cost", "any").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(null, "viewer"))
                .when().get("/api/pricing/simulations/{id}/cost", "any").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private ValidatableResponse awaitCost(String tenant, String simulationId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.user(tenant, "viewer"))
                        .when().get("/api/pricing/simulations/{id}/cost", simulationId)
                        .then().statusCode(200));
        return given().config(DECIMALS).auth().oauth2(TestTokens.user(tenant, "viewer"))
                .when().get("/api/pricing/simulations/{id}/cost", simulationId)
                .then().statusCode(200).contentType("application/json");
    }

    private static CloudEvent<SimulationCompleted> completed(String simulationId, String tenant, String acceleratorId,
                                                             int count, double outputTokensPerSecond) {
        return CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, simulationId, tenant,
                new SimulationCompleted(simulationId, acceleratorId, count, count / outputTokensPerSecond,
                        outputTokensPerSecond, "skeleton-weight-streaming-bound"));
    }

    private void publish(CloudEvent<?> event) {
        send(event.subject(), EventCodec.encode(event));
    }

    private void publishRaw(String value) {
        send("raw", value);
    }

    /** Everything to partition 0, in order, acknowledged by the broker before the next send. */
    private void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SIMULATION_RESULTS, 0, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.SIMULATION_RESULTS, e);
        }
    }

    private List<SimulationCost> rowsOf(String simulationId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.list("simulationId", simulationId)));
    }

    private static String newSimulationId() {
        return "sim-" + UUID.randomUUID();
    }
}

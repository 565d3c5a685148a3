package io.tokenomics.simulator.rest;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.AcceleratorFacts;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.messaging.SimulationWorker;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * The simulator's part of the thin flow on real PostgreSQL and Kafka: REST -> job + outbox row -> relay -> Kafka ->
 * worker -> result + outbox row -> relay -> simulation.results. Only catalog-service is replaced here (its real
 * answer is exercised by the gateway's end-to-end test).
 */
@QuarkusTest
class SimulationFlowTest {
    private static final String H100_JSON_FACTS = "H100";

    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;
    @Inject
    SimulationWorker worker;

    @BeforeEach
    void catalogKnowsTheH100Only() {
        when(catalog.accelerator(eq(H100_JSON_FACTS), anyString())).thenReturn(Uni.createFrom().item(new AcceleratorFacts(
                "H100", "NVIDIA H100 SXM 80GB", "NVIDIA", new BigDecimal("80"), new BigDecimal("3.35"), 700, 1, "test")));
        when(catalog.accelerator(eq("NOPE"), anyString()))
                .thenReturn(Uni.createFrom().failure(new WebApplicationException(404)));
    }

    @Test
    void aSubmittedJobIsRunByAWorkerAndAnnouncedOnTheResultsTopic() {
        String id = submit(TestTokens.user("acme", "analyst"), scenario("8B on one H100", 8_030_000_000L, "BF16", 1), null)
                .then().statusCode(202)
                .header("Location", containsString("/api/simulations/"))
                .body("status", equalTo("QUEUED"))
                .body("accelerator.memoryBandwidthTbps", equalTo(3.35f))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.user("acme", "viewer"))
                        .get("/api/simulations/" + id)
                        .then().statusCode(200).body("status", equalTo("COMPLETED")));
        float step = given().auth().oauth2(TestTokens.user("acme", "viewer")).get("/api/simulations/" + id)
                .then().body("result.method", equalTo("skeleton-weight-streaming-bound"))
                .extract().path("result.decodeStepSeconds");
        assertThat((double) step).isCloseTo(16.06e9 / 3.35e12, org.assertj.core.api.Assertions.within(1e-6));

        CloudEvent<SimulationCompleted> announced = awaitResultEvent(id);
        assertThat(announced.type()).isEqualTo(EventTypes.SIMULATION_COMPLETED);
        assertThat(announced.tenant()).isEqualTo("acme");
        assertThat(announced.data().acceleratorId()).isEqualTo("H100");
        assertThat(announced.data().outputTokensPerSecond()).isCloseTo(3.35e12 / 16.06e9, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aRedeliveredWorkUnitDoesNotRunTheJobTwice() throws Throwable {
        String id = submit(TestTokens.user("acme", "analyst"), scenario("redelivery", 1_000_000_000L, "FP8", 1), null)
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(given().auth()
                .oauth2(TestTokens.user("acme", "viewer")).get("/api/simulations/" + id).path("status")));
        long before = outboxRowsFor(id);

        String duplicate = EventCodec.encode(CloudEvent.of("/test", EventTypes.SIMULATION_REQUESTED, id, "acme",
                new SimulationRequested(id, 1)));
        worker.onWorkUnit(duplicate);
        long deadLettersBefore = deadLetterRows();
        worker.onWorkUnit("{not json");

        assertThat(outboxRowsFor(id)).isEqualTo(before).isEqualTo(2);
        // a malformed unit is not dropped silently: it goes to the dead-letter topic (through the outbox)
        assertThat(deadLetterRows()).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void aModelThatDoesNotFitFailsWithAReason() {
        String id = submit(TestTokens.user("acme", "analyst"), scenario("405B on one GPU", 405_000_000_000L, "BF16", 1), null)
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.user("acme", "viewer")).get("/api/simulations/" + id)
                        .then().body("status", equalTo("FAILED"))
                        .body("error", containsString("810.0 GB per accelerator")));
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstJobInsteadOfACopy() {
        String key = UUID.randomUUID().toString();
        String first = submit(TestTokens.user("acme", "analyst"), scenario("once", 8_030_000_000L, "BF16", 1), key)
                .then().statusCode(202).extract().path("id");
        String again = submit(TestTokens.user("acme", "analyst"), scenario("once", 8_030_000_000L, "BF16", 1), key)
                .then().statusCode(200).extract().path("id");
        assertThat(again).isEqualTo(first);
        // the same key in another tenant is another job
        String globex = submit(TestTokens.user("globex", "analyst"), scenario("once", 8_030_000_000L, "BF16", 1), key)
                .then().statusCode(202).extract().path("id");
        assertThat(globex).isNotEqualTo(first);
    }

    @Test
    void tenantsAndRolesAreEnforced() {
        String id = submit(TestTokens.user("acme", "analyst"), scenario("private", 8_030_000_000L, "BF16", 1), null)
                .then().statusCode(202).extract().path("id");

        given().auth().oauth2(TestTokens.user("globex", "viewer", "analyst")).get("/api/simulations/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("globex", "viewer")).get("/api/simulations")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(TestTokens.user("acme", "viewer")).get("/api/simulations")
                .then().statusCode(200).body("id", hasItem(id));
        submit(TestTokens.user("acme", "viewer"), scenario("viewer", 8_030_000_000L, "BF16", 1), null)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(scenario("anon", 1_000_000_000L, "BF16", 1))
                .post("/api/simulations").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() throws Throwable {
        long before = jobCount();
        String analyst = TestTokens.user("acme", "analyst");

        given().auth().oauth2(analyst).contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .post("/api/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors[0].field", equalTo("body"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "no accelerator", "modelParameters", 8_030_000_000L, "weightPrecision", "BF16"))
                .post("/api/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("acceleratorId"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(scenario("bad precision", 8_030_000_000L, "FP3", 1))
                .post("/api/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("weightPrecision"))
                .body("detail", containsString("BF16"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(scenario("zero GPUs", 8_030_000_000L, "BF16", 0))
                .post("/api/simulations").then().statusCode(400)
                .body("errors.field", hasItem("acceleratorCount"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "unknown chip", "acceleratorId", "NOPE", "modelParameters", 8_030_000_000L, "weightPrecision", "BF16"))
                .post("/api/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("acceleratorId"))
                .body("detail", containsString("NOPE"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).post("/api/simulations")
                .then().statusCode(400).contentType("application/problem+json");

        assertThat(jobCount()).isEqualTo(before);
    }

    private static io.restassured.response.Response submit(String token, Map<String, Object> body, String idempotencyKey) {
        // the gateway always sends the plan; these tests are about the flow, not the free plan's one-job limit
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/simulations");
    }

    private static Map<String, Object> scenario(String name, long parameters, String precision, int count) {
        return Map.of("name", name, "acceleratorId", H100_JSON_FACTS, "modelParameters", parameters,
                "weightPrecision", precision, "acceleratorCount", count);
    }

    private long jobCount() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.count()));
    }

    private long deadLetterRows() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox.count("topic",
                "simulation.requests.dlq")));
    }

    private long outboxRowsFor(String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox.count("eventKey", id)));
    }

    private static CloudEvent<SimulationCompleted> awaitResultEvent(String id) {
        return EventCodec.decode(KeyedRecords.first(KafkaTestResource.broker().bootstrapServers(),
                Topics.SIMULATION_RESULTS, id).value(), SimulationCompleted.class);
    }
}

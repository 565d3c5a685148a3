package io.tokenomics.simulator.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Sweeps: one unit per point on simulation.requests, aggregated into a Pareto frontier; CSV; SSE; isolation. */
@QuarkusTest
class SweepFlowTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    OutboxRepository outbox;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    static Map<String, Object> sweep(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        Map<String, Object> scenario = TestData.scenario(null, "llama-3.1-8b", 1.0);
        scenario.remove("name");
        body.put("scenario", scenario);
        body.put("grid", Map.of("tensor", List.of(1, 2), "maxBatchSequences", List.of(8, 64),
                "arrivalRate", List.of(1.0, 16.0)));
        return body;
    }

    @Test
    void aSweepRunsOneUnitPerPointAndAnswersWithAParetoFrontier() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        String key = UUID.randomUUID().toString();
        String id = given().auth().oauth2(analyst).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(sweep("tp x batch x load"))
                .post("/api/sweeps").then().statusCode(202)
                .header("Location", containsString("/api/sweeps/"))
                .body("points", equalTo(8)).body("status", equalTo("QUEUED"))
                .body("scenario.modelRevision", equalTo(3))
                .extract().path("id");
        // the same key returns the same sweep
        given().auth().oauth2(analyst).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(sweep("tp x batch x load"))
                .post("/api/sweeps").then().statusCode(200).body("id", equalTo(id));

        // every point was published as its own unit, keyed by the point (so points spread over partitions)
        List<String> unitKeys = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox
                .find("topic = ?1 and eventKey in (select j.id from SimulationJob j where j.sweepId = ?2)",
                        "simulation.requests", id).list())).stream().map(r -> r.eventKey).toList();
        assertThat(unitKeys).hasSize(8).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "COMPLETED".equals(given().auth().oauth2(analyst).get("/api/sweeps/" + id).path("status")));
        JsonPath sweep = given().auth().oauth2(analyst).get("/api/sweeps/" + id).then().statusCode(200)
                .body("progress.completed", equalTo(8)).body("progress.percent", equalTo(100.0f))
                .extract().jsonPath().using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        List<Map<String, Object>> points = sweep.getList("result.results");
        List<Integer> pareto = sweep.getList("result.pareto", Number.class).stream().map(Number::intValue).toList();
        assertThat(points).hasSize(8);
        assertThat(pareto).isNotEmpty();
        // the frontier is exactly the set of points no other point beats on both axes
        for (Map<String, Object> p : points) {
            double x = ((Number) p.get("outputTokensPerSecondPerGpu")).doubleValue();
            double y = ((Number) p.get("tokensPerSecondPerUser")).doubleValue();
            boolean dominated = points.stream().anyMatch(q -> {
                double qx = ((Number) q.get("outputTokensPerSecondPerGpu")).doubleValue();
                double qy = ((Number) q.get("tokensPerSecondPerUser")).doubleValue();
                return qx >= x && qy >= y && (qx > x || qy > y);
            });
            assertThat(pareto.contains(((Number) p.get("index")).intValue())).as("point %s", p).isEqualTo(!dominated);
            assertThat(p.get("pareto")).isEqualTo(!dominated);
        }
        // points are not listed as the tenant's simulations, but each is readable
        given().auth().oauth2(analyst).get("/api/simulations").then().statusCode(200)
                .body("sweepId", not(hasItem(id)));
        String pointId = (String) points.get(0).get("simulationId");
        given().auth().oauth2(analyst).get("/api/simulations/" + pointId).then().statusCode(200)
                .body("sweepId", equalTo(id)).body("status", equalTo("COMPLETED"))
                .body("result.method", equalTo("discrete-event.v1"));

        String csv = given().auth().oauth2(analyst).queryParam("format", "csv").get("/api/sweeps/" + id + "/result")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).contains("parameters.tensor").contains("outputTokensPerSecondPerGpu").contains("pareto");

        given().auth().oauth2(analyst).get("/api/sweeps").then().statusCode(200).body("id", hasItem(id));

        HttpResponse<String> events = http().send(HttpRequest.newBuilder(base.toURI().resolve("/api/sweeps/" + id + "/events"))
                .header("Authorization", "Bearer " + analyst).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:completed").contains("\"pointsFinished\":8");

        // another tenant: 404 everywhere
        String other = TestTokens.user("other-" + tenant, "viewer", "analyst");
        given().auth().oauth2(other).get("/api/sweeps/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).get("/api/sweeps/" + id + "/result").then().statusCode(404);
        given().auth().oauth2(other).queryParam("format", "csv").get("/api/sweeps/" + id + "/result").then().statusCode(404);
        given().auth().oauth2(other).post("/api/sweeps/" + id + "/cancel").then().statusCode(404);
        given().auth().oauth2(other).delete("/api/sweeps/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/simulations/" + pointId).then().statusCode(404);
        given().auth().oauth2(other).get("/api/sweeps").then().statusCode(200).body("id", not(hasItem(id)));
        assertThat(http().send(HttpRequest.newBuilder(base.toURI().resolve("/api/sweeps/" + id + "/events"))
                .header("Authorization", "Bearer " + other).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        // delete: the sweep and its points
        given().auth().oauth2(analyst).delete("/api/sweeps/" + id).then().statusCode(204);
        given().auth().oauth2(analyst).get("/api/sweeps/" + id).then().statusCode(404);
        given().auth().oauth2(analyst).get("/api/simulations/" + pointId).then().statusCode(404);
    }

    @Test
    void aSweepWithACatalogDraftModelPinsItForEveryPoint() {
        String tenant = ScenarioFlowTest.tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "70B drafted by 8B, TP4 vs TP8");
        Map<String, Object> scenario = TestData.scenario(null, "llama-3.1-70b", 1.0);
        scenario.remove("name");
        scenario.put("requestCount", 200);
        scenario.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", "llama-3.1-8b"));
        body.put("scenario", scenario);
        body.put("grid", Map.of("tensor", List.of(4, 8)));
        String id = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(body).post("/api/sweeps").then().statusCode(202)
                .body("scenario.speculation.draftModelRevision", equalTo(3)).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "COMPLETED".equals(given().auth().oauth2(analyst).get("/api/sweeps/" + id).path("status")));
        List<String> pointIds = given().auth().oauth2(analyst).get("/api/sweeps/" + id).then().statusCode(200)
                .extract().jsonPath().getList("result.results.simulationId", String.class);
        assertThat(pointIds).hasSize(2);
        for (String pointId : pointIds) {
            given().auth().oauth2(analyst).get("/api/simulations/" + pointId).then().statusCode(200)
                    .body("draftModel.id", equalTo("llama-3.1-8b"))
                    .body("result.assumptions", containsString("draft=Llama 3.1 8B"));
        }

        // a drafter with another tokenizer: 400 on the scenario's field, nothing stored
        String other = TestTokens.user("other-" + tenant, "analyst", "viewer");
        scenario.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", "mistral-7b"));
        given().auth().oauth2(other).contentType(ContentType.JSON).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(body).post("/api/sweeps").then().statusCode(400)
                .body("errors.field", hasItem("scenario.speculation.draftModelId"));
        given().auth().oauth2(other).get("/api/sweeps").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void speculationIsADimensionOfTheGridOffOrWithSoManyDraftTokens() {
        String tenant = ScenarioFlowTest.tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        Map<String, Object> body = sweep("speculation off / k=2 / k=4");
        @SuppressWarnings("unchecked")
        Map<String, Object> scenario = (Map<String, Object>) body.get("scenario");
        scenario.put("requestCount", 200);
        scenario.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "drafter", "mtp"));
        body.put("grid", Map.of("draftTokens", List.of(0, 2, 4)));
        String id = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(body).post("/api/sweeps").then().statusCode(202)
                .body("points", equalTo(3)).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "COMPLETED".equals(given().auth().oauth2(analyst).get("/api/sweeps/" + id).path("status")));
        JsonPath sweep = given().auth().oauth2(analyst).get("/api/sweeps/" + id + "/result").then().statusCode(200)
                .extract().jsonPath();
        assertThat(sweep.getList("results.parameters.draftTokens", Integer.class)).containsExactly(0, 2, 4);
        List<String> pointIds = sweep.getList("results.simulationId", String.class);
        JsonPath off = given().auth().oauth2(analyst).get("/api/simulations/" + pointIds.get(0)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(off.getMap("scenario")).doesNotContainKey("speculation");
        assertThat(off.getString("result.assumptions")).doesNotContain("speculative decoding");
        JsonPath four = given().auth().oauth2(analyst).get("/api/simulations/" + pointIds.get(2)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(four.getInt("scenario.speculation.draftTokens")).isEqualTo(4);
        assertThat(four.getString("result.assumptions")).contains("speculative decoding k=4 a=0.7");
        // at this light load drafting pays: the speculative points decode faster than the plain one
        assertThat(four.getDouble("result.tpotSeconds")).isLessThan(off.getDouble("result.tpotSeconds"));
        String csv = given().auth().oauth2(analyst).queryParam("format", "csv").get("/api/sweeps/" + id + "/result")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")[0]).contains("parameters.draftTokens");

        // draft tokens need the scenario's speculation, and a per-position profile fixes their number
        String other = TestTokens.user("other-" + tenant, "analyst", "viewer");
        scenario.remove("speculation");
        given().auth().oauth2(other).contentType(ContentType.JSON).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(body).post("/api/sweeps").then().statusCode(400).body("errors.field", hasItem("grid.draftTokens"));
        scenario.put("speculation", Map.of("draftTokens", 3, "acceptanceByPosition", List.of(0.9, 0.8, 0.7)));
        given().auth().oauth2(other).contentType(ContentType.JSON).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(body).post("/api/sweeps").then().statusCode(400).body("errors.field", hasItem("grid.draftTokens"));
        given().auth().oauth2(other).get("/api/sweeps").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badSweepsNameEveryFieldAndStoreNothing() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = sweep("bad");
        body.put("grid", Map.of("tensor", List.of(0, 2), "arrivalRate", List.of(), "quantization", List.of("FP3")));
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON).body(body)
                .post("/api/sweeps").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("grid.tensor[0]", "grid.arrivalRate", "grid.quantization[0]"));
        Map<String, Object> skeleton = sweep("skeleton base");
        skeleton.put("scenario", Map.of("acceleratorId", "H100", "modelParameters", 8_000_000_000L, "weightPrecision", "BF16"));
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON).body(skeleton)
                .post("/api/sweeps").then().statusCode(400).body("errors.field", hasItem("scenario.modelId"));
        Map<String, Object> unbuildable = sweep("tp 16");
        unbuildable.put("grid", Map.of("tensor", List.of(1, 16)));
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON).body(unbuildable)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/sweeps").then().statusCode(400).body("errors[0].field", equalTo("grid"))
                .body("errors[0].message", containsString("point 1"));
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/sweeps").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void cancellingASweepCancelsItsPoints() {
        String tenant = ScenarioFlowTest.tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        Map<String, Object> body = sweep("to cancel");
        // enough points that some are still queued when the cancel arrives
        body.put("grid", Map.of("maxBatchSequences", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                "arrivalRate", List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)));
        String id = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(body)
                .post("/api/sweeps").then().statusCode(202).extract().path("id");
        var cancel = given().auth().oauth2(analyst).post("/api/sweeps/" + id + "/cancel");
        if (cancel.statusCode() == 409) {
            // every point finished before the cancel: nothing left to cancel, and the sweep says so
            given().auth().oauth2(analyst).get("/api/sweeps/" + id).then().body("status", equalTo("COMPLETED"));
            return;
        }
        cancel.then().statusCode(200).body("status", equalTo("CANCELLED"));
        JsonPath after = given().auth().oauth2(analyst).get("/api/sweeps/" + id).then().extract().jsonPath();
        assertThat(after.getInt("progress.queued") + after.getInt("progress.running")).isZero();
        assertThat(after.getInt("progress.cancelled")).isPositive();
        given().auth().oauth2(analyst).post("/api/sweeps/" + id + "/cancel").then().statusCode(409);
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}

package io.tokenomics.gateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Simulation jobs and sweeps through the whole platform (real Keycloak tokens, gateway, catalog-service's seeded
 * catalog, simulator-service on PostgreSQL and Kafka): a scenario pinned to catalog revisions is submitted, its
 * progress streams as Server-Sent Events through the gateway until it completes, its result reads as JSON and CSV, a
 * sweep answers with a Pareto frontier, the plan forwarded by the gateway bounds the request size, and another
 * tenant gets 404 on every endpoint, the event stream included.
 */
class SimulationJobsThroughGatewayIT {
    @BeforeAll
    static void platform() {
        RestAssured.baseURI = PlatformUnderTest.gatewayUrl();
    }

    static Map<String, Object> scenario(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("modelId", "llama-3.1-8b");
        body.put("acceleratorId", "H100");
        body.put("quantization", "FP8");
        body.put("parallelism", Map.of("tensor", 1));
        body.put("batch", Map.of("maxBatchSequences", 128));
        body.put("workload", Map.of("arrivalRate", 2.0, "inputTokens", 1024, "outputTokens", 256));
        body.put("slo", Map.of("ttftSeconds", 2.0, "tpotSeconds", 0.05));
        body.put("requestCount", 1000);
        return body;
    }

    @Test
    void aScenarioStreamsItsProgressThroughTheGatewayUntilCompletedAndStaysPrivate() throws Exception {
        String analyst = PlatformUnderTest.userToken("acme-analyst");
        long submitted = System.nanoTime();
        String id = api(analyst).contentType(ContentType.JSON).body(scenario("8B FP8 through the gateway"))
                .post("/api/simulations")
                .then().statusCode(202)
                .header("Location", startsWith(PlatformUnderTest.gatewayUrl() + "/api/simulations/"))
                .body("modelId", equalTo("llama-3.1-8b"))
                .body("scenario.modelRevision", greaterThanOrEqualTo(1))
                .body("scenario.acceleratorRevision", greaterThanOrEqualTo(1))
                .body("model.layers", equalTo(32))
                .extract().path("id");

        HttpResponse<java.util.stream.Stream<String>> stream = http().send(HttpRequest.newBuilder(
                        URI.create(PlatformUnderTest.gatewayUrl() + "/api/simulations/" + id + "/events"))
                .header("Authorization", "Bearer " + analyst).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines;
        try (var body = stream.body()) {
            lines = body.limit(500).toList();
        }
        List<String> events = lines.stream().filter(l -> l.startsWith("event:")).toList();
        assertThat(events).isNotEmpty().last().isEqualTo("event:completed");
        assertThat(events).allMatch(e -> e.equals("event:progress") || e.equals("event:completed"));
        String completed = lines.get(lines.lastIndexOf("event:completed") + 1);
        // the closing note's figure: a 1,000-request scenario through the gateway, POST to the completed event
        System.out.printf("[e2e] scenario of 1000 requests through the gateway: POST -> completed event in %d ms%n",
                Duration.ofNanos(System.nanoTime() - submitted).toMillis());
        assertThat(completed).contains("\"status\":\"COMPLETED\"").contains("\"percent\":100");

        JsonPath job = api(analyst).get("/api/simulations/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).extract().jsonPath();
        assertThat(job.getString("result.method")).isEqualTo("discrete-event.v1");
        // an unsaturated replica serves what arrives: Poisson arrivals at 2/s, measured over 1,000 requests
        assertThat(job.getDouble("result.requestsPerSecond")).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.3));
        api(analyst).get("/api/simulations/" + id + "/result").then().statusCode(200)
                .body("outputTokensPerSecondPerGpu", equalTo(job.getFloat("result.outputTokensPerSecondPerGpu")));
        api(analyst).queryParam("format", "csv").get("/api/simulations/" + id + "/result").then().statusCode(200)
                .contentType(containsString("text/csv")).body(startsWith("metric,value"));
        api(analyst).queryParam("modelId", "llama-3.1-8b").queryParam("status", "COMPLETED").get("/api/simulations")
                .then().statusCode(200).body("id", hasItem(id));

        // another tenant: 404 on every endpoint, the event stream and the CSV included
        String globex = PlatformUnderTest.userToken("globex-analyst");
        api(globex).get("/api/simulations/" + id).then().statusCode(404).contentType("application/problem+json");
        api(globex).get("/api/simulations/" + id + "/result").then().statusCode(404);
        api(globex).queryParam("format", "csv").get("/api/simulations/" + id + "/result").then().statusCode(404);
        api(globex).post("/api/simulations/" + id + "/cancel").then().statusCode(404);
        api(globex).post("/api/simulations/" + id + "/rerun").then().statusCode(404);
        api(globex).delete("/api/simulations/" + id).then().statusCode(404);
        HttpResponse<String> foreign = http().send(HttpRequest.newBuilder(
                        URI.create(PlatformUnderTest.gatewayUrl() + "/api/simulations/" + id + "/events"))
                .header("Authorization", "Bearer " + globex).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(404);
        api(analyst).get("/api/simulations/" + id).then().statusCode(200);
    }

    @Test
    void aSweepThroughTheGatewayAnswersWithAParetoFrontierAndThePlanBoundsSize() {
        String analyst = PlatformUnderTest.userToken("acme-analyst");
        Map<String, Object> base = scenario(null);
        base.remove("name");
        String id = api(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "batch x load", "scenario", base,
                        "grid", Map.of("maxBatchSequences", List.of(8, 128), "arrivalRate", List.of(1.0, 8.0))))
                .post("/api/sweeps")
                .then().statusCode(202)
                .header("Location", startsWith(PlatformUnderTest.gatewayUrl() + "/api/sweeps/"))
                .body("points", equalTo(4))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(api(analyst).get("/api/sweeps/" + id).path("status")));
        JsonPath sweep = api(analyst).get("/api/sweeps/" + id + "/result").then().statusCode(200).extract().jsonPath();
        assertThat(sweep.getList("results")).hasSize(4);
        assertThat(sweep.getList("pareto")).isNotEmpty();
        api(PlatformUnderTest.userToken("globex-analyst")).get("/api/sweeps/" + id).then().statusCode(404);

        // globex is on the free plan (the gateway forwards it): 100 000 requests per simulation at most
        Map<String, Object> big = scenario("too big for free");
        big.put("requestCount", 100_001);
        api(PlatformUnderTest.userToken("globex-analyst")).contentType(ContentType.JSON).body(big)
                .post("/api/simulations").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("requestCount"));
    }

    @Test
    void aTenantsPrivateDraftModelSpeculatesForItAndIsUnknownToAnotherTenant() {
        // acme's own small model with the Llama 3.1 tokenizer, private to acme
        String draftId = "acme-draft-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> draft = new HashMap<>(Map.of("id", draftId, "name", "Acme 1B drafter",
                "availability", "OPEN_WEIGHTS", "layers", 16, "hiddenSize", 2048, "attention", "GQA", "heads", 32,
                "kvHeads", 8, "vocabSize", 128256));
        draft.put("ffnSize", 8192);
        api(PlatformUnderTest.userToken("acme-admin")).contentType(ContentType.JSON).body(draft)
                .post("/api/catalog/models").then().statusCode(201);

        Map<String, Object> body = scenario("8B drafted by acme's 1B");
        body.put("requestCount", 300);
        body.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", draftId));
        String analyst = PlatformUnderTest.userToken("acme-analyst");
        String id = api(analyst).contentType(ContentType.JSON).body(body).post("/api/simulations")
                .then().statusCode(202)
                .body("scenario.speculation.drafter", equalTo("model"))
                .body("scenario.speculation.draftModelRevision", equalTo(1))
                .body("draftModel.id", equalTo(draftId))
                .body("draftModel.layers", equalTo(16))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(api(analyst).get("/api/simulations/" + id).path("status")));
        api(analyst).get("/api/simulations/" + id).then().statusCode(200)
                .body("result.assumptions", containsString("draft=Acme 1B drafter"))
                .body("result.memory.explanation", containsString("of them the drafter's"));

        // globex cannot see acme's model, so it cannot draft with it either: a 400 naming the field, nothing stored
        String globex = PlatformUnderTest.userToken("globex-analyst");
        int before = api(globex).get("/api/simulations").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
        Map<String, Object> foreign = scenario("globex tries acme's drafter");
        foreign.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", draftId));
        api(globex).contentType(ContentType.JSON).body(foreign).post("/api/simulations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("speculation.draftModelId"))
                .body("errors[0].message", containsString("no model '" + draftId + "'"));
        assertThat(api(globex).get("/api/simulations").then().statusCode(200).extract().jsonPath().getList("$"))
                .hasSize(before);
    }

    @Test
    void anUploadedTraceIsReplayedThroughTheGatewayAndStaysPrivate() {
        String analyst = PlatformUnderTest.userToken("acme-analyst");
        StringBuilder csv = new StringBuilder("timestamp,input_tokens,output_tokens\n");
        for (int i = 0; i < 300; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.2f,%d,%d%n", i * 0.25, 200 + (i * 37) % 900, 20 + (i * 11) % 150));
        }
        String traceId = api(analyst).contentType("text/csv").queryParam("name", "gateway sample")
                .body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/traces")
                .then().statusCode(201)
                .header("Location", startsWith(PlatformUnderTest.gatewayUrl() + "/api/traces/"))
                .body("requests", equalTo(300))
                .extract().path("id");
        api(PlatformUnderTest.userToken("globex-analyst")).get("/api/traces/" + traceId).then().statusCode(404);
        // a bad line is named, nothing stored
        api(analyst).contentType("text/csv").queryParam("name", "broken")
                .body("timestamp,input_tokens,output_tokens\n0.0,12,abc\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/traces").then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> traced = scenario("replayed trace");
        traced.remove("requestCount");
        traced.put("workload", Map.of("traceId", traceId));
        String id = api(analyst).contentType(ContentType.JSON).body(traced).post("/api/simulations")
                .then().statusCode(202).body("scenario.requestCount", equalTo(300)).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(api(analyst).get("/api/simulations/" + id).path("status")));
        api(analyst).get("/api/simulations/" + id + "/result").then().statusCode(200)
                .body("completedRequests", equalTo(300));
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static RequestSpecification api(String token) {
        return given().auth().oauth2(token);
    }
}

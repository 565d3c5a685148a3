package io.tokenomics.simulator.rest;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Request traces: streamed upload with a size cap, checked line by line, tenant-scoped, replayed by a scenario. */
@QuarkusTest
class TraceUploadTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    /** n requests 0.1 s apart, lengths varying, every third sharing one of two prefixes. */
    static String csv(int n) {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder b = new StringBuilder("timestamp,input_tokens,output_tokens,prefix_id,prefix_tokens\n");
        for (int i = 0; i < n; i++) {
            b.append(String.format("%.3f,%d,%d,%s,%s%n", i * 0.1, 256 + random.nextInt(1024), 16 + random.nextInt(240),
                    i % 3 == 0 ? String.valueOf(i % 2) : "", i % 3 == 0 ? "128" : ""));
        }
        return b.toString();
    }

    static io.restassured.response.Response upload(String tenant, String contentType, String body) {
        return given().auth().oauth2(TestTokens.user(tenant, "analyst", "viewer")).contentType(contentType)
                .queryParam("name", "prod sample").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/traces");
    }

    @Test
    void anUploadedTraceIsReplayedByAScenario() {
        String tenant = ScenarioFlowTest.tenant();
        String viewer = TestTokens.user(tenant, "viewer");
        String traceId = upload(tenant, "text/csv", csv(2000)).then().statusCode(201)
                .header("Location", containsString("/api/traces/"))
                .body("requests", equalTo(2000)).body("format", equalTo("csv"))
                .body("firstTimestamp", equalTo(0.0f)).body("lastTimestamp", equalTo(199.9f))
                .body("name", equalTo("prod sample"))
                .extract().path("id");
        given().auth().oauth2(viewer).get("/api/traces/" + traceId).then().statusCode(200)
                .body("requests", equalTo(2000));
        given().auth().oauth2(viewer).get("/api/traces").then().statusCode(200).body("id", hasItem(traceId));

        // tenant isolation: invisible to another tenant, and not usable in its scenarios
        String other = ScenarioFlowTest.tenant();
        given().auth().oauth2(TestTokens.user(other, "viewer")).get("/api/traces/" + traceId).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(other, "viewer")).get("/api/traces").then().statusCode(200)
                .body("id", not(hasItem(traceId)));
        ScenarioFlowTest.submit(other, traced(traceId)).then().statusCode(400)
                .body("errors.field", hasItem("workload.traceId"));

        String id = ScenarioFlowTest.submit(tenant, traced(traceId)).then().statusCode(202)
                .body("scenario.workload.traceId", equalTo(traceId))
                .body("scenario.requestCount", equalTo(2000))
                .extract().path("id");
        JsonPath job = ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
        assertThat(job.getDouble("scenario.workload.arrivalRate")).isCloseTo(1999 / 199.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(job.getInt("result.completedRequests")).isEqualTo(2000);
        // the trace's timeline was replayed: the run lasts at least until its last arrival
        assertThat(job.getDouble("result.durationSeconds")).isGreaterThanOrEqualTo(199.9);

        // a plan too small for the trace's requests: 422 naming the trace
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType("application/json")
                .header("X-Tenant-Plan", "pro; jobs=5; requests=1000; sweep-points=10").body(traced(traceId))
                .post("/api/simulations").then().statusCode(422).body("errors[0].field", equalTo("workload.traceId"));
    }

    static Map<String, Object> traced(String traceId) {
        Map<String, Object> body = TestData.scenario("replay", "llama-3.1-8b", 1.0);
        body.remove("requestCount");
        body.put("workload", Map.of("traceId", traceId));
        return body;
    }

    @Test
    void jsonLinesAreAcceptedAndBadTracesAreRefusedWithTheReason() {
        String tenant = ScenarioFlowTest.tenant();
        upload(tenant, "application/x-ndjson", """
                {"timestamp": 0.0, "input_tokens": 100, "output_tokens": 20}
                {"timestamp": 0.5, "input_tokens": 300, "output_tokens": 40, "prefix_id": 7, "prefix_tokens": 64}
                {"timestamp": 0.5, "input_tokens": 200, "output_tokens": 30}
                """).then().statusCode(201).body("requests", equalTo(3)).body("format", equalTo("jsonl"))
                .body("meanInputTokens", equalTo(200.0f)).body("maxOutputTokens", equalTo(40));

        upload(tenant, "text/csv", "timestamp,input_tokens,output_tokens\n0,10,abc\n").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("trace"))
                .body("detail", containsString("not a readable CSV trace"));
        upload(tenant, "text/csv", "timestamp,input_tokens,output_tokens\n1,10,10\n0.5,10,10\n").then().statusCode(400)
                .body("detail", containsString("timestamps must not decrease"));
        upload(tenant, "text/csv", "timestamp,input_tokens,output_tokens\n0,0,10\n").then().statusCode(400)
                .body("detail", containsString("input and output tokens must be positive"));
        upload(tenant, "text/csv", "timestamp,input_tokens,output_tokens\n").then().statusCode(400)
                .body("detail", containsString("no requests"));
        upload(tenant, "application/json", "{}").then().statusCode(415);

        // over the cap (256 KiB in tests): 413, nothing stored
        String big = csv(20_000);
        assertThat(big.length()).isGreaterThan(262_144);
        upload(tenant, "text/csv", big).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("larger than 262144 bytes"));
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/traces").then().statusCode(200)
                .body("size()", equalTo(1));

        // a scenario cannot both replay a trace and give the generated workload's figures
        Map<String, Object> both = TestData.scenario("both", "llama-3.1-8b", 1.0);
        both.put("workload", Map.of("traceId", "00000000-0000-0000-0000-000000000000", "arrivalRate", 2.0));
        ScenarioFlowTest.submit(tenant, both).then().statusCode(400)
                .body("errors.field", hasItem("workload.arrivalRate")).body("errors.field", hasItem("requestCount"));
        // a viewer cannot upload
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).contentType("text/csv").body(csv(2))
                .post("/api/traces").then().statusCode(403);
    }
}

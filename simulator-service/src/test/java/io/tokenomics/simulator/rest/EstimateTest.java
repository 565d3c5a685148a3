package io.tokenomics.simulator.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.service.SimulationServiceAccess;
import io.tokenomics.simulator.service.SteadyStateEngine;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * {@code POST /api/simulations/estimate}: the job body and its validation, answered synchronously by the steady-state
 * engine; nothing stored, no job slot used; catalog entries read with the caller's token, so another tenant's private
 * accelerator is refused exactly as job creation refuses it.
 */
@QuarkusTest
class EstimateTest {
    static final String PRIVATE_ACCELERATOR = "acme-x1";

    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;

    String ownerTenant;
    String ownerToken;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
        // a tenant-private accelerator: the catalog serves it to its owner's token only (anyone else: 404)
        ownerTenant = ScenarioFlowTest.tenant();
        ownerToken = TestTokens.user(ownerTenant, "analyst");
        String entry = TestData.H100.replace("\"id\":\"H100\"", "\"id\":\"" + PRIVATE_ACCELERATOR + "\"")
                .replace("\"visibility\":\"public\"", "\"visibility\":\"private\"");
        when(catalog.entry(eq("accelerators"), eq(PRIVATE_ACCELERATOR), eq("Bearer " + ownerToken)))
                .thenAnswer(i -> Uni.createFrom().item(TestData.json(entry)));
    }

    private static Response estimate(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(body).post("/api/simulations/estimate");
    }

    private long jobCount() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.count()));
    }

    private long outboxCount() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox.count()));
    }

    @Test
    void anEstimateAnswersTheSteadyStateResultWithItsCostContextAndStoresNothing() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = TestData.scenario("estimate", "llama-3.1-8b", 4.0);
        body.put("replicas", 3);
        body.put("parallelism", Map.of("tensor", 2));
        long jobsBefore = jobCount();
        long outboxBefore = outboxCount();

        long start = System.nanoTime();
        estimate(TestTokens.user(tenant, "analyst"), body).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("modelId", equalTo("llama-3.1-8b"))
                .body("modelRevision", equalTo(3))
                .body("acceleratorId", equalTo("H100"))
                .body("acceleratorRevision", equalTo(2))
                .body("quantization", equalTo("FP8"))
                .body("replicas", equalTo(3))
                .body("gpusPerReplica", equalTo(2))
                .body("totalGpus", equalTo(6))
                .body("arrivalRate", equalTo(4.0f))
                .body("inputTokensMean", equalTo(1024))
                .body("outputTokensMean", equalTo(256))
                .body("notModelled", org.hamcrest.Matchers.empty())
                .body("result.method", equalTo(SteadyStateEngine.METHOD))
                .body("result.replicas", equalTo(3))
                .body("result.gpusPerReplica", equalTo(2))
                .body("result.outputTokensPerSecondPerGpu", greaterThan(0f))
                .body("result.ttftSeconds", greaterThan(0f))
                .body("result.timeSeries", nullValue())
                .body("result.latencyDistribution", nullValue())
                .body("result.completedRequests", nullValue());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[estimate] first estimate answered in " + millis + " ms (HTTP round trip)");

        // nothing stored: no job, no work unit, nothing listed
        assertThat(jobCount()).isEqualTo(jobsBefore);
        assertThat(outboxCount()).isEqualTo(outboxBefore);
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/simulations").then().statusCode(200)
                .body("size()", equalTo(0));

        // settings the estimate does not model are named, not silently dropped
        Map<String, Object> settings = new HashMap<>(body);
        settings.put("scheduler", Map.of("policy", "priority"));
        settings.put("workload", Map.of("arrivalRate", 4.0, "inputTokens", 1024,
                "output", Map.of("distribution", "uniform", "min", 100, "max", 300)));
        estimate(TestTokens.user(tenant, "analyst"), settings).then().statusCode(200)
                .body("notModelled", hasItems("scheduler", "workload.output"))
                .body("outputTokensMean", equalTo(200));

        // speculation is modelled: its round per token (and a drafter's memory), not listed as left out
        float plainTpot = estimate(TestTokens.user(tenant, "analyst"), body).then().statusCode(200)
                .extract().path("result.tpotSeconds");
        Map<String, Object> speculative = new HashMap<>(body);
        speculative.put("speculation", Map.of("draftTokens", 3, "acceptance", 0.8, "drafter", "mtp"));
        float specTpot = estimate(TestTokens.user(tenant, "analyst"), speculative).then().statusCode(200)
                .body("notModelled", org.hamcrest.Matchers.empty())
                .body("result.assumptions", org.hamcrest.Matchers.containsString("speculative decoding k=3 a=0.8"))
                .extract().path("result.tpotSeconds");
        assertThat(specTpot).isLessThan(plainTpot);

        // more, timed after the first call's warm-up, one token (signing one per call would be timed too)
        String analyst = TestTokens.user(tenant, "analyst");
        long[] micros = new long[20];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            estimate(analyst, body).then().statusCode(200);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("[estimate] %d estimates over HTTP: median %.1f ms, max %.1f ms%n", micros.length,
                micros[micros.length / 2] / 1e3, micros[micros.length - 1] / 1e3);
        assertThat(micros[micros.length / 2]).isLessThan(2_000_000);
    }

    @Test
    void anEstimateUsesNoJobSlotOfThePlan() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        var held = SimulationServiceAccess.queuedSkeletonJob(tenant);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.persist(held)));
        String onePlan = "free; jobs=1; requests=100000; sweep-points=50";
        Map<String, Object> body = TestData.scenario("estimate", "llama-3.1-8b", 4.0);
        // the plan's single job slot is taken: a job is refused, an estimate is not
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", onePlan).body(body).post("/api/simulations").then().statusCode(429);
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", onePlan).body(body).post("/api/simulations/estimate").then().statusCode(200);
        // sizes are bounded by the plan as for a job
        body.put("requestCount", 100_001);
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", onePlan).body(body).post("/api/simulations/estimate").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("requestCount"));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String token = TestTokens.user(ScenarioFlowTest.tenant(), "analyst");
        Map<String, Object> body = TestData.scenario("bad", "llama-3.1-8b", 4.0);
        body.put("workload", Map.of("arrivalRate", -1.0, "inputTokens", 1024, "outputTokens", 256));
        body.put("parallelism", Map.of("tensor", 0));
        estimate(token, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("workload.arrivalRate", "parallelism.tensor"));

        estimate(token, ScenarioFlowTest.with(TestData.scenario("x", "no-such-model", 1.0), "modelId", "no-such-model"))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("modelId"));
        // the parameter-count form has nothing to estimate with
        estimate(token, new HashMap<>(Map.of("name", "skeleton", "acceleratorId", "H100", "modelParameters",
                8_000_000_000L, "weightPrecision", "FP8"))).then().statusCode(400).body("errors.field", hasItem("modelId"));
        // a closed loop has no arrival rate
        Map<String, Object> closed = TestData.scenario("closed", "llama-3.1-8b", 1.0);
        closed.put("workload", Map.of("users", 8, "thinkSeconds", 1.0, "inputTokens", 1024, "outputTokens", 256));
        estimate(token, closed).then().statusCode(400).body("errors.field", hasItem("workload.users"));
        // absurd: a million-token prompt in one-token chunks
        Map<String, Object> absurd = TestData.scenario("absurd", "llama-3.1-8b", 1.0);
        absurd.put("batch", Map.of("maxBatchSequences", 1, "maxBatchTokens", 1));
        absurd.put("workload", Map.of("arrivalRate", 1.0, "inputTokens", 100_000, "outputTokens", 16));
        long start = System.nanoTime();
        estimate(token, absurd).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("batch.maxBatchTokens"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        // a configuration that does not fit: answered at once, naming parallelism
        Map<String, Object> huge = TestData.scenario("70B on one GPU", "llama-3.1-70b", 1.0);
        huge.put("quantization", "BF16");
        estimate(token, huge).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("parallelism")).body("detail", containsString("does not fit"));
        given().contentType(ContentType.JSON).body("{").post("/api/simulations/estimate").then().statusCode(401);
    }

    @Test
    void anEstimateNeedsATokenAndTheAnalystRole() {
        Map<String, Object> body = TestData.scenario("authz", "llama-3.1-8b", 1.0);
        given().contentType(ContentType.JSON).body(body).post("/api/simulations/estimate").then().statusCode(401);
        estimate(TestTokens.user(ScenarioFlowTest.tenant(), "viewer"), body).then().statusCode(403);
        estimate(TestTokens.user(ScenarioFlowTest.tenant(), "analyst"), body).then().statusCode(200);
    }

    @Test
    void anotherTenantsPrivateAcceleratorIsRefusedAsJobCreationRefusesIt() throws Throwable {
        Map<String, Object> body = TestData.scenario("private hardware", "llama-3.1-8b", 2.0);
        body.put("acceleratorId", PRIVATE_ACCELERATOR);
        // its owner estimates on it
        estimate(ownerToken, body).then().statusCode(200).body("acceleratorId", equalTo(PRIVATE_ACCELERATOR));

        String other = TestTokens.user(ScenarioFlowTest.tenant(), "analyst");
        long jobsBefore = jobCount();
        Response job = ScenarioFlowTestAccess.submit(other, body);
        Response estimate = estimate(other, body);
        job.then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("acceleratorId"));
        estimate.then().statusCode(400).contentType("application/problem+json");
        assertThat(estimate.jsonPath().getList("errors")).isEqualTo(job.jsonPath().getList("errors"));
        assertThat(estimate.jsonPath().getString("detail")).isEqualTo(job.jsonPath().getString("detail"));
        assertThat(estimate.jsonPath().getString("title")).isEqualTo(job.jsonPath().getString("title"));
        assertThat(jobCount()).isEqualTo(jobsBefore);
        // and the owner's answer was not cached for the other tenant: still refused
        estimate(other, body).then().statusCode(400).body("errors.field", hasItem("acceleratorId"));
        assertThat(List.of(job.statusCode(), estimate.statusCode())).containsOnly(400);
    }

    @Test
    void aTraceIsEstimatedAtItsMeansAndAnotherTenantsTraceIsRefusedAsForAJob() {
        String tenant = ScenarioFlowTest.tenant();
        String traceId = TraceUploadTest.upload(tenant, "text/csv", TraceUploadTest.csv(500)).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> body = TraceUploadTest.traced(traceId);
        estimate(TestTokens.user(tenant, "analyst"), body).then().statusCode(200)
                .body("notModelled", hasItem("workload.traceId"))
                .body("arrivalRate", greaterThan(9f))
                .body("result.requestCount", equalTo(500));
        String other = ScenarioFlowTest.tenant();
        Response job = ScenarioFlowTest.submit(other, body);
        Response estimate = estimate(TestTokens.user(other, "analyst"), body);
        job.then().statusCode(400).body("errors.field", hasItem("workload.traceId"));
        estimate.then().statusCode(400).contentType("application/problem+json");
        assertThat(estimate.jsonPath().getList("errors")).isEqualTo(job.jsonPath().getList("errors"));
    }

    /** Job creation with a raw token. */
    static final class ScenarioFlowTestAccess {
        static Response submit(String token, Map<String, Object> body) {
            return given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(body).post("/api/simulations");
        }
    }
}

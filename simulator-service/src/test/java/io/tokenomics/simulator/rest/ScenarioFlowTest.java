package io.tokenomics.simulator.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.service.JobCancelledException;
import io.tokenomics.simulator.service.ProgressWriter;
import io.tokenomics.simulator.service.EngineProgress;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyString;

/**
 * The scenario form end to end on real PostgreSQL and Kafka: catalog entries pinned to revisions and stored with the
 * job, the discrete-event engine behind the ScenarioEngine seam, list filters and cursor paging, cancel, re-run,
 * delete, results in JSON and CSV, progress over Server-Sent Events, and tenant isolation on every endpoint.
 */
@QuarkusTest
class ScenarioFlowTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    ProgressWriter progress;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    @Test
    void aScenarioIsPinnedToCatalogRevisionsRunAndAnswered() {
        String tenant = tenant();
        String id = submit(tenant, TestData.scenario("8B FP8 at 2 req/s", "llama-3.1-8b", 2.0))
                .then().statusCode(202)
                .header("Location", containsString("/api/simulations/"))
                .body("status", equalTo("QUEUED"))
                .body("modelId", equalTo("llama-3.1-8b"))
                .body("acceleratorId", equalTo("H100"))
                .body("scenario.modelRevision", equalTo(3))
                .body("scenario.acceleratorRevision", equalTo(2))
                .body("model.layers", equalTo(32))
                .body("accelerator.memoryBandwidthTbps", equalTo(3.35f))
                .extract().path("id");

        JsonPath job = awaitStatus(tenant, id, "COMPLETED");
        assertThat(job.getString("result.method")).isEqualTo("discrete-event.v1");
        // below saturation every offered request is served, at about the offered rate (a finite Poisson sample)
        assertThat(job.getBoolean("result.saturated")).isFalse();
        assertThat(job.getLong("result.completedRequests")).isEqualTo(1000);
        assertThat(job.getDouble("result.requestsPerSecond")).isCloseTo(2.0, org.assertj.core.api.Assertions.withinPercentage(15));
        assertThat(job.getDouble("result.outputTokensPerSecond"))
                .isCloseTo(job.getDouble("result.requestsPerSecond") * 256, org.assertj.core.api.Assertions.withinPercentage(1e-3));
        assertThat(job.getDouble("result.outputTokensPerSecondPerGpu"))
                .isCloseTo(job.getDouble("result.outputTokensPerSecond") / job.getInt("result.totalGpus"),
                        org.assertj.core.api.Assertions.withinPercentage(1e-3));
        assertThat(job.getDouble("result.goodputRequestsPerSecond")).isBetween(0.0, job.getDouble("result.requestsPerSecond"));
        for (String metric : List.of("ttft", "tpot", "e2e")) {
            double p50 = job.getDouble("result.latency." + metric + ".p50");
            assertThat(p50).isPositive();
            assertThat(job.getDouble("result.latency." + metric + ".p99")).isGreaterThanOrEqualTo(p50);
        }
        assertThat(job.getDouble("result.ttftSeconds")).isEqualTo(job.getDouble("result.latency.ttft.p50"));
        assertThat(job.getDouble("result.gpuBusyFraction")).isBetween(0.0, 1.0);
        assertThat(job.getDouble("result.joulesPerOutputTokenRange.low"))
                .isLessThanOrEqualTo(job.getDouble("result.joulesPerOutputToken"));
        assertThat(job.getDouble("result.joulesPerOutputTokenRange.high"))
                .isGreaterThanOrEqualTo(job.getDouble("result.joulesPerOutputToken"));
        assertThat(job.getLong("result.kvCache.peakBlocks")).isPositive();
        assertThat(job.getInt("result.preemptions")).isNotNegative();
        assertThat(job.getDouble("result.tokensPerSecondPerUser"))
                .isCloseTo(1 / job.getDouble("result.tpotSeconds"), org.assertj.core.api.Assertions.withinPercentage(1e-4));
        assertThat(job.getDouble("result.ttftSeconds")).isGreaterThan(job.getDouble("result.prefillSecondsPerRequest"));
        assertThat(job.getInt("result.concurrencyPerReplica")).isBetween(1, 128);
        assertThat(job.getDouble("progress.percent")).isEqualTo(100.0);

        // a pinned older revision is read as that revision and stored with the job
        String pinned = submit(tenant, with(TestData.scenario("pinned", "llama-3.1-8b", 1.0), "modelRevision", 2))
                .then().statusCode(202)
                .body("scenario.modelRevision", equalTo(2))
                .body("model.revision", equalTo(2))
                .extract().path("id");
        awaitStatus(tenant, pinned, "COMPLETED");
    }

    @Test
    void moreLoadMeansMoreConcurrencyUntilTheReplicaSaturates() {
        String tenant = tenant();
        String light = submit(tenant, TestData.scenario("light", "llama-3.1-8b", 0.5)).then().statusCode(202).extract().path("id");
        String heavy = submit(tenant, TestData.scenario("heavy", "llama-3.1-8b", 8.0)).then().statusCode(202).extract().path("id");
        String flood = submit(tenant, TestData.scenario("flood", "llama-3.1-8b", 100_000.0)).then().statusCode(202).extract().path("id");
        JsonPath l = awaitStatus(tenant, light, "COMPLETED");
        JsonPath h = awaitStatus(tenant, heavy, "COMPLETED");
        JsonPath f = awaitStatus(tenant, flood, "COMPLETED");
        assertThat(h.getInt("result.concurrencyPerReplica")).isGreaterThan(l.getInt("result.concurrencyPerReplica"));
        assertThat(h.getDouble("result.tpotSeconds")).isGreaterThan(l.getDouble("result.tpotSeconds"));
        assertThat(f.getBoolean("result.saturated")).isTrue();
        assertThat(f.getDouble("result.requestsPerSecond")).isLessThan(100_000.0);
        assertThat(f.getInt("result.concurrencyPerReplica")).isBetween(h.getInt("result.concurrencyPerReplica"), 128);
        // a higher arrival rate never lowers the wait for admission
        assertThat(h.getDouble("result.latency.queueing.mean")).isGreaterThanOrEqualTo(l.getDouble("result.latency.queueing.mean"));
        assertThat(f.getDouble("result.latency.queueing.mean")).isGreaterThan(h.getDouble("result.latency.queueing.mean"));
        assertThat(f.getDouble("result.latency.ttft.p99")).isGreaterThanOrEqualTo(f.getDouble("result.latency.ttft.p50"));
        assertThat(f.getBoolean("result.slo.met")).isFalse();
    }

    @Test
    void aConfigurationThatDoesNotFitFailsWithTheMemoryPlan() {
        String tenant = tenant();
        Map<String, Object> body = TestData.scenario("70B BF16 on one H100", "llama-3.1-70b", 1.0);
        body.put("quantization", "BF16");
        String id = submit(tenant, body).then().statusCode(202).extract().path("id");
        JsonPath job = awaitStatus(tenant, id, "FAILED");
        assertThat(job.getString("error")).contains("does not fit").contains("short by");
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/simulations/" + id + "/result")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badScenariosNameEveryOffendingFieldAndStoreNothing() throws Throwable {
        String tenant = tenant();
        Map<String, Object> body = TestData.scenario("bad", "llama-3.1-8b", -1.0);
        body.put("modelParameters", 8_000_000_000L);
        body.put("parallelism", Map.of("tensor", 2, "expert", 4));
        body.put("batch", Map.of("maxBatchSequences", 0));
        body.put("quantization", "FP3");
        submit(tenant, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("workload.arrivalRate", "modelParameters", "parallelism.expert",
                        "batch.maxBatchSequences", "quantization"));

        // both catalog references wrong: both named
        Map<String, Object> unknown = TestData.scenario("unknown", "no-such-model", 1.0);
        unknown.put("acceleratorId", "NOPE");
        submit(tenant, unknown).then().statusCode(400)
                .body("errors.field", hasItems("modelId", "acceleratorId"));
        submit(tenant, with(TestData.scenario("old revision", "llama-3.1-8b", 1.0), "modelRevision", 9))
                .then().statusCode(400).body("errors.field", hasItem("modelRevision"));
        submit(tenant, TestData.scenario("api only", "gpt-4o", 1.0))
                .then().statusCode(400).body("errors.field", hasItem("modelId"))
                .body("detail", containsString("no architecture"));
        // the engine refuses the configuration: named before anything is stored
        submit(tenant, with(TestData.scenario("tp16", "llama-3.1-8b", 1.0), "parallelism", Map.of("tensor", 16)))
                .then().statusCode(400).body("errors.field", hasItem("parallelism"))
                .body("detail", containsString("scale-up domain"));
        Map<String, Object> noWorkload = TestData.scenario("no workload", "llama-3.1-8b", 1.0);
        noWorkload.remove("workload");
        submit(tenant, noWorkload).then().statusCode(400).body("errors.field", hasItem("workload"));

        assertThat(jobsOf(tenant)).isZero();
    }

    @Test
    void listsFilterAndPageWithACursor() {
        String tenant = tenant();
        String viewer = TestTokens.user(tenant, "viewer");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(submit(tenant, TestData.scenario("page " + i, "llama-3.1-8b", 1.0)).then().statusCode(202)
                    .extract().path("id"));
        }
        String big = submit(tenant, TestData.scenario("70B", "llama-3.1-70b", 1.0)).then().statusCode(202).extract().path("id");
        ids.forEach(id -> awaitStatus(tenant, id, "COMPLETED"));
        awaitStatus(tenant, big, "COMPLETED");

        Response first = given().auth().oauth2(viewer).queryParam("limit", 2).get("/api/simulations");
        first.then().statusCode(200).body("size()", equalTo(2)).header("Link", containsString("rel=\"next\""));
        String cursor = first.header("X-Next-Cursor");
        Response second = given().auth().oauth2(viewer).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/simulations");
        second.then().statusCode(200).body("size()", equalTo(2));
        assertThat(second.header("X-Next-Cursor")).isNull();
        List<String> all = new ArrayList<>(first.path("id"));
        all.addAll(second.path("id"));
        // newest first, no item twice, none left out
        assertThat(all).containsExactly(big, ids.get(2), ids.get(1), ids.get(0));

        given().auth().oauth2(viewer).queryParam("modelId", "llama-3.1-70b").get("/api/simulations")
                .then().statusCode(200).body("id", equalTo(List.of(big)));
        given().auth().oauth2(viewer).queryParam("acceleratorId", "H100").queryParam("status", "completed")
                .get("/api/simulations").then().statusCode(200).body("size()", equalTo(4));
        given().auth().oauth2(viewer).queryParam("status", "QUEUED").get("/api/simulations")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(viewer).queryParam("status", "DONE").queryParam("limit", 0).queryParam("cursor", "%%%")
                .get("/api/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("status", "limit", "cursor"));
    }

    @Test
    void cancelRerunDeleteAndResultsInJsonAndCsv() throws Throwable {
        String tenant = tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        String id = submit(tenant, TestData.scenario("to rerun", "llama-3.1-8b", 1.0)).then().statusCode(202).extract().path("id");
        JsonPath original = awaitStatus(tenant, id, "COMPLETED");

        given().auth().oauth2(analyst).get("/api/simulations/" + id + "/result")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("outputTokensPerSecondPerGpu", equalTo(original.getFloat("result.outputTokensPerSecondPerGpu")));
        String csv = given().auth().oauth2(analyst).queryParam("format", "csv").get("/api/simulations/" + id + "/result")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("metric,value\r\n").contains("\r\nmethod,discrete-event.v1\r\n")
                .contains("\r\nslo.met,").contains("\r\noutputTokensPerSecondPerGpu,");
        assertThat(given().auth().oauth2(analyst).accept("text/csv").get("/api/simulations/" + id + "/result")
                .then().statusCode(200).extract().asString()).isEqualTo(csv);

        // re-run: a new job with the same scenario and pinned catalog entries, no catalog read
        Mockito.clearInvocations(catalog);
        String rerun = given().auth().oauth2(analyst).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/simulations/" + id + "/rerun")
                .then().statusCode(202).header("Location", containsString("/api/simulations/"))
                .body("rerunOf", equalTo(id)).body("model.revision", equalTo(3))
                .extract().path("id");
        assertThat(rerun).isNotEqualTo(id);
        Mockito.verify(catalog, Mockito.never()).entry(anyString(), anyString(), anyString());
        JsonPath again = awaitStatus(tenant, rerun, "COMPLETED");
        // the same seed: the same simulation, every metric equal
        assertThat(again.getMap("result")).isEqualTo(original.getMap("result"));

        // cancel: a queued job (no unit sent, so no worker races the test) becomes CANCELLED, its late unit is ignored
        String queued = storeQueuedJob(tenant);
        given().auth().oauth2(analyst).post("/api/simulations/" + queued + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("error", containsString("cancelled by"));
        given().auth().oauth2(analyst).post("/api/simulations/" + queued + "/cancel")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(analyst).post("/api/simulations/" + id + "/cancel").then().statusCode(409);

        // delete
        given().auth().oauth2(analyst).delete("/api/simulations/" + rerun).then().statusCode(204);
        given().auth().oauth2(analyst).get("/api/simulations/" + rerun).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).delete("/api/simulations/" + id).then().statusCode(403);
    }

    @Test
    void aRunningUnitStopsAtItsNextProgressReportOnceCancelled() throws Throwable {
        String tenant = tenant();
        String id = storeQueuedJob(tenant);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.findById(id)
                .invoke(job -> job.status = SimulationStatus.RUNNING)));
        var listener = progress.forJob(id, Duration.ZERO);
        listener.report(new EngineProgress(10, null, Map.of("concurrencyPerReplica", 4.0)));
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/simulations/" + id)
                .then().body("progress.percent", equalTo(10.0f)).body("progress.partial.concurrencyPerReplica", equalTo(4.0f));

        given().auth().oauth2(TestTokens.user(tenant, "analyst")).post("/api/simulations/" + id + "/cancel")
                .then().statusCode(200);
        assertThatThrownBy(() -> listener.report(new EngineProgress(20, null, Map.of())))
                .isInstanceOf(JobCancelledException.class);
    }

    @Test
    void progressIsStreamedAsServerSentEventsUntilCompletion() throws Exception {
        String tenant = tenant();
        String id = submit(tenant, TestData.scenario("streamed", "llama-3.1-8b", 2.0)).then().statusCode(202).extract().path("id");
        List<String> lines = sse(TestTokens.user(tenant, "viewer"), "/api/simulations/" + id + "/events", 200);

        assertThat(lines).contains("event:completed");
        String completed = lines.get(lines.indexOf("event:completed") + 1);
        assertThat(completed).startsWith("data:").contains("\"status\":\"COMPLETED\"").contains("\"percent\":100")
                .contains("\"method\":\"discrete-event.v1\"");
        // every event before the last is progress; the stream ended after the terminal event
        assertThat(lines.stream().filter(l -> l.startsWith("event:")).toList())
                .last().isEqualTo("event:completed");
        assertThat(lines.stream().filter(l -> l.startsWith("event:")).toList()).allMatch(
                e -> e.equals("event:progress") || e.equals("event:completed"));
    }

    @Test
    void anotherTenantGets404OnEveryEndpoint() throws Exception {
        String tenant = tenant();
        String id = submit(tenant, TestData.scenario("private", "llama-3.1-8b", 1.0)).then().statusCode(202).extract().path("id");
        awaitStatus(tenant, id, "COMPLETED");
        String other = TestTokens.user("other-" + tenant, "viewer", "analyst");

        given().auth().oauth2(other).get("/api/simulations/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).get("/api/simulations/" + id + "/result").then().statusCode(404);
        given().auth().oauth2(other).queryParam("format", "csv").get("/api/simulations/" + id + "/result")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).post("/api/simulations/" + id + "/cancel").then().statusCode(404);
        given().auth().oauth2(other).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/simulations/" + id + "/rerun").then().statusCode(404);
        given().auth().oauth2(other).delete("/api/simulations/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/simulations").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(other).queryParam("modelId", "llama-3.1-8b").get("/api/simulations")
                .then().statusCode(200).body("id", not(hasItem(id)));
        HttpResponse<String> stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        base.toURI().resolve("/api/simulations/" + id + "/events"))
                .header("Authorization", "Bearer " + other).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(404);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        // and the owner still has it
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/simulations/" + id).then().statusCode(200);
    }

    @Test
    void jobAndUnitMetricsArePublishedForPrometheus() {
        String tenant = tenant();
        String id = submit(tenant, TestData.scenario("metered", "llama-3.1-8b", 1.0)).then().statusCode(202).extract().path("id");
        awaitStatus(tenant, id, "COMPLETED");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("simulator_jobs_submitted_total\\{[^}]*kind=\"simulation\"[^}]*} [1-9]")
                .containsPattern("simulator_jobs_finished_total\\{[^}]*status=\"COMPLETED\"[^}]*} [1-9]")
                .containsPattern("simulator_units_total\\{[^}]*outcome=\"completed\"[^}]*} [1-9]")
                .containsPattern("simulator_unit_duration_seconds_count(\\{[^}]*})? [1-9]")
                // queue lag of the workers' consumer group, from the Kafka client
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @Test
    void aLongRunReportsProgressWhileRunningAndStopsWhenCancelled() {
        String tenant = tenant();
        String viewer = TestTokens.user(tenant, "viewer");
        // millions of simulated requests: minutes of engine time unless the cancel below stops the run
        String id = submit(tenant, with(TestData.scenario("long run", "llama-3.1-8b", 2.0), "requestCount", 5_000_000))
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath job = given().auth().oauth2(viewer).get("/api/simulations/" + id).jsonPath();
            Number percent = job.get("progress.percent");
            Number completed = job.get("progress.partial.completedRequests");
            Number simulated = job.get("progress.simulatedSeconds");
            return "RUNNING".equals(job.getString("status")) && percent != null && percent.doubleValue() > 0
                    && percent.doubleValue() < 100 && completed != null && completed.doubleValue() > 0
                    && simulated != null && simulated.doubleValue() > 0;
        });
        long cancelledAt = System.nanoTime();
        double stoppedBefore = meters.counter("simulator.units", "outcome", "cancelled").count();
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).post("/api/simulations/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        // the running unit stops at its next progress report (counted as a cancelled unit), not minutes later
        await().atMost(Duration.ofSeconds(20)).until(() ->
                meters.counter("simulator.units", "outcome", "cancelled").count() > stoppedBefore);
        String next = submit(tenant, TestData.scenario("after the cancel", "llama-3.1-8b", 2.0))
                .then().statusCode(202).extract().path("id");
        JsonPath after = awaitStatus(tenant, next, "COMPLETED");
        assertThat(after.getLong("result.completedRequests")).isEqualTo(1000);
        JsonPath cancelled = given().auth().oauth2(viewer).get("/api/simulations/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat((Object) cancelled.get("result")).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(30));
    }

    static String tenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Response submit(String tenant, Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN).body(body).post("/api/simulations");
    }

    static JsonPath awaitStatus(String tenant, String id, String status) {
        String viewer = TestTokens.user(tenant, "viewer");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(given().auth().oauth2(viewer).get("/api/simulations/" + id).path("status")));
        return given().auth().oauth2(viewer).get("/api/simulations/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Reads an event stream to its end (at most {@code maxLines} lines). */
    List<String> sse(String token, String path, int maxLines) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(base.toURI().resolve(path)).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/event-stream"));
        try (var lines = response.body()) {
            return lines.limit(maxLines).toList();
        }
    }

    private String storeQueuedJob(String tenant) throws Throwable {
        SimulationJob job = new SimulationJob();
        job.id = UUID.randomUUID().toString();
        job.tenant = tenant;
        job.name = "stored queued";
        job.status = SimulationStatus.QUEUED;
        job.scenario = TestData.json("{\"name\":\"stored queued\",\"acceleratorId\":\"H100\",\"modelParameters\":1000000000,"
                + "\"weightPrecision\":\"BF16\"}").toString();
        job.accelerator = TestData.H100;
        job.acceleratorId = "H100";
        job.createdBy = "test";
        job.createdAt = OffsetDateTime.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.persist(job)));
        return job.id;
    }

    private long jobsOf(String tenant) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.count("tenant", tenant)));
    }

    static URI uri(URL url) {
        try {
            return url.toURI();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

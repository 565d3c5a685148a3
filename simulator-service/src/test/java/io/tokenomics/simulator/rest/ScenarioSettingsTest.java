package io.tokenomics.simulator.rest;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The scenario's engine settings through the REST API: scheduler and routing, arrival processes and length
 * distributions, request count or duration, speculative decoding and disaggregation. Each is stored with the job,
 * kept by re-runs, and changes what the engine computes; a bad value is a 400 naming its field, nothing stored.
 */
@QuarkusTest
class ScenarioSettingsTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    static Map<String, Object> base(String name, double rate) {
        Map<String, Object> body = TestData.scenario(name, "llama-3.1-8b", rate);
        body.put("requestCount", 400);
        return body;
    }

    static JsonPath run(String tenant, Map<String, Object> body) {
        String id = ScenarioFlowTest.submit(tenant, body).then().statusCode(202).extract().path("id");
        return ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
    }

    static Map<String, Object> workload(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> w = new HashMap<>((Map<String, Object>) body.get("workload"));
        body.put("workload", w);
        return w;
    }

    static void assertNothingStored(String tenant) {
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).get("/api/simulations").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void schedulerAndRoutingReachTheEngine() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> unified = base("default scheduler", 12.0);
        unified.put("replicas", 2);
        JsonPath baseline = run(tenant, unified);

        Map<String, Object> tuned = new HashMap<>(unified);
        tuned.put("name", "no chunked prefill, round robin");
        tuned.put("scheduler", Map.of("policy", "shortest-first", "chunkedPrefill", false, "prefixCaching", true,
                "preemption", "swap"));
        tuned.put("routing", "round-robin");
        JsonPath other = run(tenant, tuned);
        assertThat(other.getString("scenario.scheduler.policy")).isEqualTo("shortest-first");
        assertThat(other.getBoolean("scenario.scheduler.chunkedPrefill")).isFalse();
        assertThat(other.getString("scenario.routing")).isEqualTo("round-robin");
        assertThat(other.getString("result.assumptions")).contains("shortest_first admission", "prefix caching",
                "swap preemption", "round-robin routing").doesNotContain("chunked prefill");
        assertThat(baseline.getString("result.assumptions")).contains("least-outstanding routing");
        // prompts no longer interleave with decodes: a decode step waits behind whole prompts
        assertThat(other.getDouble("result.latency.tpot.p99")).isNotEqualTo(baseline.getDouble("result.latency.tpot.p99"));
        assertThat(other.getDouble("result.ttftSeconds")).isNotEqualTo(baseline.getDouble("result.ttftSeconds"));

        Map<String, Object> bad = new HashMap<>(unified);
        bad.put("scheduler", Map.of("policy", "lottery", "preemption", "discard"));
        bad.put("routing", "random");
        ScenarioFlowTest.submit(ScenarioFlowTest.tenant(), bad).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("scheduler.policy", "scheduler.preemption", "routing"));
    }

    @Test
    void lengthDistributionsArrivalProcessesAndDuration() {
        String tenant = ScenarioFlowTest.tenant();
        JsonPath fixed = run(tenant, base("fixed", 6.0));

        Map<String, Object> lognormal = base("lognormal", 6.0);
        Map<String, Object> w = workload(lognormal);
        w.remove("inputTokens");
        w.put("input", Map.of("distribution", "lognormal", "median", 1024, "sigma", 1.0, "max", 16384));
        w.remove("outputTokens");
        w.put("output", Map.of("distribution", "uniform", "min", 64, "max", 448));
        JsonPath drawn = run(tenant, lognormal);
        assertThat(drawn.getString("scenario.workload.input.distribution")).isEqualTo("lognormal");
        assertThat(drawn.getString("result.assumptions")).contains("LogNormal[median=1024.0, sigma=1.0");
        // long-tailed prompts: the slowest prefill is far above the fixed-length one
        assertThat(drawn.getDouble("result.latency.ttft.max")).isGreaterThan(1.5 * fixed.getDouble("result.latency.ttft.max"));
        assertThat(drawn.getDouble("result.inputTokensPerSecond")).isNotEqualTo(fixed.getDouble("result.inputTokensPerSecond"));

        // bursty arrivals (gamma, cv 4) queue more than Poisson at the same rate
        Map<String, Object> bursty = base("gamma", 6.0);
        workload(bursty).put("arrival", Map.of("process", "gamma", "cv", 4.0));
        JsonPath gamma = run(tenant, bursty);
        assertThat(gamma.getDouble("result.latency.queueing.p99") + gamma.getDouble("result.latency.ttft.p99"))
                .isGreaterThan(fixed.getDouble("result.latency.queueing.p99") + fixed.getDouble("result.latency.ttft.p99"));
        Map<String, Object> constant = base("constant", 6.0);
        workload(constant).put("arrival", Map.of("process", "constant"));
        assertThat(run(tenant, constant).getString("result.assumptions")).contains("constant arrivals");

        // a duration instead of a request count: rate x duration requests
        Map<String, Object> timed = base("duration", 4.0);
        timed.remove("requestCount");
        timed.put("durationSeconds", 50);
        JsonPath t = run(tenant, timed);
        assertThat(t.getInt("scenario.requestCount")).isEqualTo(200);
        assertThat(t.getDouble("scenario.durationSeconds")).isEqualTo(50.0);
        assertThat(t.getInt("result.completedRequests")).isEqualTo(200);

        // closed loop: 8 users thinking 1 s
        Map<String, Object> closed = base("closed loop", 1.0);
        Map<String, Object> cw = workload(closed);
        cw.remove("arrivalRate");
        cw.put("users", 8);
        cw.put("thinkSeconds", 1.0);
        JsonPath c = run(tenant, closed);
        assertThat(c.getInt("result.completedRequests")).isEqualTo(400);
        assertThat(c.getString("result.assumptions")).contains("closed loop of 8 users");

        // over the plan's request quota through the duration: 422 naming durationSeconds, nothing stored
        String small = ScenarioFlowTest.tenant();
        Map<String, Object> tooLong = base("too long", 10.0);
        tooLong.remove("requestCount");
        tooLong.put("durationSeconds", 20_000);
        given().auth().oauth2(TestTokens.user(small, "analyst")).contentType(ContentType.JSON).body(tooLong)
                .post("/api/simulations").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("durationSeconds"));
        assertNothingStored(small);
    }

    @Test
    void badWorkloadsAreNamedFieldByField() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = base("bad", 2.0);
        Map<String, Object> w = workload(body);
        w.remove("inputTokens");
        w.put("input", Map.of("distribution", "lognormal", "median", 1024, "sigma", -1));
        w.remove("outputTokens");
        w.put("output", Map.of("distribution", "uniform", "min", 100, "max", 10));
        w.put("arrival", Map.of("process", "gamma"));
        w.put("thinkSeconds", 2);
        body.put("durationSeconds", 10);
        ScenarioFlowTest.submit(tenant, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("workload.input.sigma", "workload.output.max",
                        "workload.arrival.cv", "workload.thinkSeconds", "durationSeconds"));

        Map<String, Object> missing = base("missing", 2.0);
        Map<String, Object> m = workload(missing);
        m.remove("outputTokens");
        m.put("input", Map.of("distribution", "normal", "mean", 500));
        m.remove("inputTokens");
        m.put("users", 4);
        ScenarioFlowTest.submit(tenant, missing).then().statusCode(400)
                .body("errors.field", hasItems("workload.input.stddev", "workload.outputTokens", "workload.arrivalRate"));
        // lengths given twice
        Map<String, Object> twice = base("twice", 2.0);
        workload(twice).put("input", Map.of("distribution", "fixed", "tokens", 10));
        ScenarioFlowTest.submit(tenant, twice).then().statusCode(400).body("errors.field", hasItems("workload.input"));
        assertNothingStored(tenant);
    }

    @Test
    void speculativeDecodingLowersTimePerOutputTokenAndReRunsKeepIt() {
        String tenant = ScenarioFlowTest.tenant();
        JsonPath plain = run(tenant, base("plain", 2.0));
        Map<String, Object> spec = base("speculative", 2.0);
        spec.put("speculation", Map.of("draftTokens", 3, "acceptance", 0.8, "drafter", "mtp"));
        JsonPath s = run(tenant, spec);
        assertThat(s.getInt("scenario.speculation.draftTokens")).isEqualTo(3);
        assertThat(s.getString("result.assumptions")).contains("speculative decoding k=3 a=0.8 draft=");
        assertThat(s.getDouble("result.tpotSeconds")).isLessThan(0.8 * plain.getDouble("result.tpotSeconds"));

        // a re-run runs the same settings: the same result
        String rerun = given().auth().oauth2(TestTokens.user(tenant, "analyst"))
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/simulations/" + s.getString("id") + "/rerun").then().statusCode(202)
                .body("scenario.speculation.drafter", equalTo("mtp")).extract().path("id");
        JsonPath again = ScenarioFlowTest.awaitStatus(tenant, rerun, "COMPLETED");
        assertThat(again.getDouble("result.tpotSeconds")).isEqualTo(s.getDouble("result.tpotSeconds"));

        Map<String, Object> bad = base("bad speculation", 2.0);
        bad.put("speculation", Map.of("draftTokens", 0, "acceptance", 1.5, "drafter", "eagle"));
        String other = ScenarioFlowTest.tenant();
        ScenarioFlowTest.submit(other, bad).then().statusCode(400).body("errors.field", containsInAnyOrder(
                "speculation.draftTokens", "speculation.acceptance", "speculation.drafter"));
        assertNothingStored(other);
    }

    @Test
    void aPerPositionAcceptanceProfileReachesTheEngineAndIsCheckedAgainstTheDraftTokens() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> flat = base("one rate", 2.0);
        flat.put("speculation", Map.of("draftTokens", 3, "acceptance", 0.8, "drafter", "mtp"));
        JsonPath one = run(tenant, flat);
        Map<String, Object> profiled = base("front-loaded profile", 2.0);
        profiled.put("speculation", Map.of("draftTokens", 3, "acceptanceByPosition", List.of(0.9, 0.8, 0.7),
                "drafter", "mtp"));
        JsonPath p = run(tenant, profiled);
        assertThat(p.getList("scenario.speculation.acceptanceByPosition", Float.class)).containsExactly(0.9f, 0.8f, 0.7f);
        assertThat(p.getString("result.assumptions")).contains("speculative decoding k=3 a=[0.9,0.8,0.7]");
        // the same mean acceptance, front-loaded: 3.124 tokens per round against 2.952, so tokens come faster
        assertThat(p.getDouble("result.tpotSeconds")).isLessThan(one.getDouble("result.tpotSeconds"));

        String other = ScenarioFlowTest.tenant();
        Map<String, Object> both = base("both", 2.0);
        both.put("speculation", Map.of("draftTokens", 2, "acceptance", 0.8, "acceptanceByPosition", List.of(0.9, 0.7)));
        ScenarioFlowTest.submit(other, both).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("speculation.acceptanceByPosition"));
        Map<String, Object> neither = base("neither", 2.0);
        neither.put("speculation", Map.of("draftTokens", 2));
        ScenarioFlowTest.submit(other, neither).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("speculation.acceptance"));
        Map<String, Object> short_ = base("too short", 2.0);
        short_.put("speculation", Map.of("draftTokens", 4, "acceptanceByPosition", List.of(0.9, 1.5)));
        ScenarioFlowTest.submit(other, short_).then().statusCode(400)
                .body("errors.field", hasItems("speculation.acceptanceByPosition",
                        "speculation.acceptanceByPosition[1]"));
        assertNothingStored(other);
    }

    @Test
    void aCatalogDraftModelIsPinnedCostedAndChargedToMemory() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> target = TestData.scenario("70B, no speculation", "llama-3.1-70b", 2.0);
        target.put("parallelism", Map.of("tensor", 4));
        target.put("requestCount", 300);
        Map<String, Object> free = new HashMap<>(target);
        free.put("name", "70B, n-gram drafting");
        free.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "drafter", "ngram"));
        JsonPath ngram = run(tenant, free);

        Map<String, Object> drafted = new HashMap<>(target);
        drafted.put("name", "70B drafted by 8B");
        drafted.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", "llama-3.1-8b"));
        JsonPath d = run(tenant, drafted);
        // pinned like the target: the latest revision, drafter made explicit, the entry stored with the job
        assertThat(d.getString("scenario.speculation.drafter")).isEqualTo("model");
        assertThat(d.getString("scenario.speculation.draftModelId")).isEqualTo("llama-3.1-8b");
        assertThat(d.getInt("scenario.speculation.draftModelRevision")).isEqualTo(3);
        assertThat(d.getString("draftModel.id")).isEqualTo("llama-3.1-8b");
        assertThat(d.getString("result.assumptions")).contains("draft=Llama 3.1 8B");
        // the drafter's steps cost time that n-gram drafting does not
        assertThat(d.getDouble("result.tpotSeconds")).isGreaterThan(ngram.getDouble("result.tpotSeconds"));
        // its weights (8B / TP4 in FP8, about 2.3 GiB with BF16 embeddings) and KV cache take memory on every GPU
        double extraWeights = d.getDouble("result.memory.weightGiBPerGpu") - ngram.getDouble("result.memory.weightGiBPerGpu");
        assertThat(extraWeights).isBetween(1.5, 3.0);
        assertThat(d.getDouble("result.memory.kvBytesPerToken")).isEqualTo(
                ngram.getDouble("result.memory.kvBytesPerToken") * (1 + 32.0 / 80), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.getLong("result.memory.maxKvTokens")).isLessThan(ngram.getLong("result.memory.maxKvTokens"));
        assertThat(d.getString("result.memory.explanation")).contains("of them the drafter's");

        // a re-run uses the pinned entry again: the same result
        String rerun = given().auth().oauth2(TestTokens.user(tenant, "analyst"))
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/simulations/" + d.getString("id") + "/rerun").then().statusCode(202)
                .body("draftModel.id", equalTo("llama-3.1-8b")).extract().path("id");
        JsonPath again = ScenarioFlowTest.awaitStatus(tenant, rerun, "COMPLETED");
        assertThat(again.getDouble("result.tpotSeconds")).isEqualTo(d.getDouble("result.tpotSeconds"));

        String other = ScenarioFlowTest.tenant();
        Map<String, Object> mixed = new HashMap<>(target);
        mixed.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "drafter", "mtp",
                "draftModelId", "llama-3.1-8b"));
        ScenarioFlowTest.submit(other, mixed).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("speculation.draftModelId"));
        Map<String, Object> missing = new HashMap<>(target);
        missing.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "drafter", "model",
                "draftModelRevision", 2));
        ScenarioFlowTest.submit(other, missing).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("speculation.draftModelId", "speculation.draftModelRevision"));
        for (Object[] bad : new Object[][] {
                {"no-such-model", "no model 'no-such-model'"},
                {"mistral-7b", "a drafter must share the target's tokenizer"},
                {"gpt-4o", "has no architecture"},
                {"llama-3.1-70b", "is not smaller than the target"}}) {
            Map<String, Object> body = new HashMap<>(target);
            body.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", bad[0]));
            ScenarioFlowTest.submit(other, body).then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("speculation.draftModelId"))
                    .body("errors[0].message", containsString((String) bad[1]));
        }
        Map<String, Object> unknownRevision = new HashMap<>(target);
        unknownRevision.put("speculation", Map.of("draftTokens", 4, "acceptance", 0.7, "draftModelId", "llama-3.1-8b",
                "draftModelRevision", 9));
        ScenarioFlowTest.submit(other, unknownRevision).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("speculation.draftModelRevision"));
        assertNothingStored(other);
    }

    @Test
    void disaggregationRunsSeparatePools() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> unifiedBody = base("unified", 8.0);
        unifiedBody.put("replicas", 2);
        JsonPath unified = run(tenant, unifiedBody);
        Map<String, Object> split = base("split", 8.0);
        split.remove("replicas");
        split.put("disaggregation", Map.of("prefillReplicas", 1, "decodeReplicas", 1, "linkGBps", 25));
        JsonPath d = run(tenant, split);
        assertThat(d.getInt("scenario.replicas")).isEqualTo(2);
        assertThat(d.getInt("result.replicas")).isEqualTo(2);
        assertThat(d.getInt("result.totalGpus")).isEqualTo(2);
        assertThat(d.getString("result.assumptions")).contains("disaggregated: 1 prefill + 1 decode replicas",
                "25.0 GB/s");
        assertThat(d.getDouble("result.tpotSeconds")).isNotEqualTo(unified.getDouble("result.tpotSeconds"));
        assertThat(d.getInt("result.completedRequests")).isEqualTo(400);

        Map<String, Object> bad = base("bad split", 8.0);
        bad.put("replicas", 3);
        bad.put("shards", 2);
        bad.put("disaggregation", Map.of("prefillReplicas", 1, "decodeReplicas", 0));
        String other = ScenarioFlowTest.tenant();
        ScenarioFlowTest.submit(other, bad).then().statusCode(400).body("errors.field",
                hasItems("disaggregation.decodeReplicas", "replicas", "shards"));
        assertNothingStored(other);

        // sweeps vary replicas: not with disaggregation
        Map<String, Object> scenario = base(null, 8.0);
        scenario.remove("name");
        scenario.put("disaggregation", Map.of("prefillReplicas", 1, "decodeReplicas", 1));
        given().auth().oauth2(TestTokens.user(other, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(Map.of("name", "split sweep", "scenario", scenario, "grid", Map.of("tensor", List.of(1, 2))))
                .post("/api/sweeps").then().statusCode(400).body("errors.field", hasItems("scenario.disaggregation"))
                .body("detail", containsString("disaggregation"));
    }
}

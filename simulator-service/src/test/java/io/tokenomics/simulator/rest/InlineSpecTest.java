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
import org.mockito.Mockito;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyString;

/** Scenarios with inline custom model and accelerator specs: validated like catalog entries, stored with the job. */
@QuarkusTest
class InlineSpecTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    /** Llama 3.1 8B's catalog figures, inline. */
    static Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>(Map.of("name", "my-8b", "layers", 32, "hiddenSize", 4096,
                "heads", 32, "kvHeads", 8, "headDim", 128, "ffnSize", 14336, "vocabSize", 128256,
                "attention", "GQA"));
        m.put("tiedEmbeddings", false);
        return m;
    }

    /** The H100's catalog figures, inline. */
    static Map<String, Object> accelerator() {
        Map<String, Object> a = new HashMap<>(Map.of("name", "my-h100", "memoryGb", 80, "memoryBandwidthTbps", 3.35,
                "bf16DenseTflops", 989, "fp8DenseTflops", 1979, "int8DenseTops", 1979, "mamfBf16Tflops", 794.5,
                "mamfFp8Tflops", 1402.6, "scaleUpBandwidthGBpsPerDirection", 450, "tdpWatts", 700));
        return a;
    }

    @Test
    void inlineSpecsRunLikeTheCatalogEntriesWithTheSameFigures() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> inline = TestData.scenario("inline", null, 2.0);
        inline.remove("modelId");
        inline.remove("acceleratorId");
        inline.put("model", model());
        inline.put("accelerator", accelerator());
        Mockito.clearInvocations(catalog);
        String id = ScenarioFlowTest.submit(tenant, inline).then().statusCode(202)
                .body("model.inline", org.hamcrest.Matchers.equalTo(true))
                .body("model.hiddenSize", org.hamcrest.Matchers.equalTo(4096))
                .body("accelerator.inline", org.hamcrest.Matchers.equalTo(true))
                .body("accelerator.name", org.hamcrest.Matchers.equalTo("my-h100"))
                .body("$", not(org.hamcrest.Matchers.hasKey("modelId")))
                .extract().path("id");
        // nothing was read from the catalog
        Mockito.verify(catalog, Mockito.never()).entry(anyString(), anyString(), anyString());

        String catalogId = ScenarioFlowTest.submit(tenant, TestData.scenario("catalog", "llama-3.1-8b", 2.0))
                .then().statusCode(202).extract().path("id");
        JsonPath a = ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
        JsonPath b = ScenarioFlowTest.awaitStatus(tenant, catalogId, "COMPLETED");
        // stored with the job: what it ran on is in the job itself
        assertThat(a.getInt("model.layers")).isEqualTo(32);
        for (String field : List.of("result.outputTokensPerSecond", "result.ttftSeconds", "result.tpotSeconds",
                "result.latency.e2e.p99", "result.memory.kvCacheGiBPerGpu")) {
            assertThat(a.getDouble(field)).as(field).isEqualTo(b.getDouble(field));
        }
        assertThat(a.getDouble("result.outputTokensPerSecond")).isPositive();
        // a re-run uses the stored specs
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .post("/api/simulations/" + id + "/rerun").then().statusCode(202)
                .body("model.name", org.hamcrest.Matchers.equalTo("my-8b"));
        // tenant isolation: the job (and its specs) is not another tenant's
        given().auth().oauth2(TestTokens.user(ScenarioFlowTest.tenant(), "viewer")).get("/api/simulations/" + id)
                .then().statusCode(404);
    }

    @Test
    void attentionDataParallelRunsAMoeModelAndIsNamedWhenTheModelIsDense() {
        String tenant = ScenarioFlowTest.tenant();
        // a small MoE: the 8B's attention with 8 experts of width 4096, 2 active, on 2 H100s with EP2
        Map<String, Object> moe = model();
        moe.put("name", "my-moe");
        moe.put("routedExperts", 8);
        moe.put("activeExperts", 2);
        moe.put("expertFfnSize", 4096);
        Map<String, Object> adp = TestData.scenario("adp", null, 4.0);
        adp.remove("modelId");
        adp.put("model", moe);
        adp.put("requestCount", 200);
        adp.put("parallelism", Map.of("tensor", 2, "expert", 2, "attentionDataParallel", true));
        Map<String, Object> tp = new HashMap<>(adp);
        tp.put("name", "tp");
        tp.put("parallelism", Map.of("tensor", 2, "expert", 2));
        String adpId = ScenarioFlowTest.submit(tenant, adp).then().statusCode(202)
                .body("scenario.parallelism.attentionDataParallel", org.hamcrest.Matchers.equalTo(true))
                .extract().path("id");
        String tpId = ScenarioFlowTest.submit(tenant, tp).then().statusCode(202)
                .body("scenario.parallelism", not(org.hamcrest.Matchers.hasKey("attentionDataParallel")))
                .extract().path("id");
        JsonPath a = ScenarioFlowTest.awaitStatus(tenant, adpId, "COMPLETED");
        JsonPath t = ScenarioFlowTest.awaitStatus(tenant, tpId, "COMPLETED");
        assertThat(a.getBoolean("scenario.parallelism.attentionDataParallel")).isTrue();
        assertThat(a.getDouble("result.outputTokensPerSecond")).isPositive();
        // attention whole on each GPU (more weight memory per GPU), no KV-head slicing: a different memory plan
        assertThat(a.getDouble("result.memory.kvCacheGiBPerGpu"))
                .isLessThan(t.getDouble("result.memory.kvCacheGiBPerGpu"));
        // the same flag on a dense model is refused, naming the field
        Map<String, Object> dense = TestData.scenario("dense adp", "llama-3.1-8b", 1.0);
        dense.put("parallelism", Map.of("tensor", 2, "attentionDataParallel", true));
        ScenarioFlowTest.submit(tenant, dense).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("parallelism.attentionDataParallel"));
    }

    @Test
    void badInlineSpecsAreNamedFieldByField() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> model = model();
        model.remove("heads");
        model.put("hiddenSize", -1);
        model.put("attention", "SPARSE");
        Map<String, Object> accelerator = accelerator();
        accelerator.put("memoryGb", 0);
        accelerator.remove("tdpWatts");
        Map<String, Object> body = TestData.scenario("bad", null, 1.0);
        body.remove("modelId");
        body.remove("acceleratorId");
        body.put("model", model);
        body.put("accelerator", accelerator);
        ScenarioFlowTest.submit(tenant, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("model.heads", "model.hiddenSize", "model.attention",
                        "accelerator.memoryGb", "accelerator.tdpWatts"));

        // both a catalog id and an inline spec; a revision of an inline spec; no accelerator at all
        Map<String, Object> both = TestData.scenario("both", "llama-3.1-8b", 1.0);
        both.put("model", model());
        both.put("modelRevision", 3);
        both.remove("acceleratorId");
        ScenarioFlowTest.submit(tenant, both).then().statusCode(400)
                .body("errors.field", hasItems("model", "modelRevision", "acceleratorId"));

        // well-formed fields the engine cannot build: named as the inline model
        Map<String, Object> moe = model();
        moe.put("routedExperts", 8);
        moe.put("activeExperts", 0);
        Map<String, Object> engine = TestData.scenario("moe", null, 1.0);
        engine.remove("modelId");
        engine.put("model", moe);
        ScenarioFlowTest.submit(tenant, engine).then().statusCode(400).body("errors.field", hasItem("model"))
                .body("detail", containsString("inline model 'my-8b'"));

        // sweeps take catalog entries
        Map<String, Object> scenario = TestData.scenario(null, null, 1.0);
        scenario.remove("name");
        scenario.remove("modelId");
        scenario.put("model", model());
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(Map.of("name", "inline sweep", "scenario", scenario, "grid", Map.of("tensor", List.of(1, 2))))
                .post("/api/sweeps").then().statusCode(400).body("errors.field", hasItem("scenario.model"));
    }
}

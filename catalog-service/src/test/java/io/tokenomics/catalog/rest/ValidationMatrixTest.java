package io.tokenomics.catalog.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.tokenomics.catalog.repository.TenantScope;
import io.tokenomics.devstack.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Every invalid payload is one 400 problem+json naming each offending field, and nothing is stored. */
@QuarkusTest
class ValidationMatrixTest {
    static final String ADMIN = TestTokens.user("acme", "viewer", "tenant-admin");

    @Inject
    TenantScope scope;

    static Map<String, Object> chip(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", "VAL-CHIP", "vendor", "Acme", "name", "Acme chip",
                "status", "GA", "memoryGb", 64, "memoryBandwidthTbps", 2.0, "bf16DenseTflops", 400));
        apply(body, overrides);
        return body;
    }

    static Map<String, Object> model(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", "val-model", "name", "Acme LM", "availability", "OPEN_WEIGHTS",
                "layers", 32, "hiddenSize", 4096, "attention", "GQA", "heads", 32, "kvHeads", 8, "vocabSize", 128256));
        body.put("ffnSize", 14336);
        apply(body, overrides);
        return body;
    }

    static Map<String, Object> system(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", "val-system", "vendor", "Acme", "name", "Acme node",
                "acceleratorId", "H100", "acceleratorCount", 8));
        apply(body, overrides);
        return body;
    }

    static Map<String, Object> quantization(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", "val-quant", "name", "W8", "weightFormat", "FP8",
                "weightBits", 8));
        apply(body, overrides);
        return body;
    }

    private static void apply(Map<String, Object> body, Object[] overrides) {
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                body.remove((String) overrides[i]);
            } else {
                body.put((String) overrides[i], overrides[i + 1]);
            }
        }
    }

    static Stream<Arguments> invalidPayloads() {
        return Stream.of(
                Arguments.of("accelerators", chip("memoryBandwidthTbps", 1e9), List.of("memoryBandwidthTbps")),
                Arguments.of("accelerators", chip("memoryGb", -80), List.of("memoryGb")),
                Arguments.of("accelerators", chip("bf16DenseTflops", 0, "fp8DenseTflops", 5e9), List.of("bf16DenseTflops", "fp8DenseTflops")),
                Arguments.of("accelerators", chip("name", "x".repeat(201)), List.of("name")),
                Arguments.of("accelerators", chip("vendor", null, "status", null), List.of("vendor", "status")),
                Arguments.of("accelerators", chip("status", "SHIPPING"), List.of("status")),
                Arguments.of("accelerators", chip("warpDrive", true), List.of("warpDrive")),
                Arguments.of("accelerators", chip("warpDrive", true, "fluxCapacitor", 88), List.of("warpDrive", "fluxCapacitor")),
                Arguments.of("accelerators", chip("mamfBf16Tflops", 900), List.of("mamfBf16Tflops")),
                Arguments.of("accelerators", chip("tdpWatts", 700, "idleWatts", 900), List.of("idleWatts")),
                Arguments.of("accelerators", chip("id", "bad id!"), List.of("id")),
                Arguments.of("accelerators", chip("memoryGb", "lots"), List.of("memoryGb")),
                Arguments.of("accelerators", chip("sources", Map.of("compute", "y".repeat(1001))), List.of("sources.compute")),
                Arguments.of("models", model("heads", 30, "kvHeads", 6), List.of("heads")),
                Arguments.of("models", model("kvHeads", 5), List.of("kvHeads")),
                Arguments.of("models", model("layers", 0, "hiddenSize", -1), List.of("layers", "hiddenSize")),
                Arguments.of("models", model("routedExperts", 8, "activeExperts", 9, "expertFfnSize", 14336), List.of("activeExperts")),
                Arguments.of("models", model("kvLoraRank", 512, "qkRopeHeadDim", 64), List.of("kvLoraRank", "qkRopeHeadDim")),
                Arguments.of("models", model("attention", "MLA", "kvLoraRank", 512), List.of("qkRopeHeadDim", "qkNopeHeadDim", "vHeadDim")),
                Arguments.of("models", model("activeExperts", 2), List.of("activeExperts")),
                Arguments.of("models", model("attention", "MHA"), List.of("kvHeads")),
                Arguments.of("models", model("mmlu", 101), List.of("mmlu", "mmluSource")),
                Arguments.of("models", model("layers", null, "availability", "OPEN_WEIGHTS"), List.of("layers")),
                Arguments.of("models", model("availability", null), List.of("availability")),
                Arguments.of("systems", system("acceleratorId", "NO-SUCH-CHIP"), List.of("acceleratorId")),
                Arguments.of("systems", system("acceleratorCount", 0, "pueDefault", 0.5), List.of("acceleratorCount", "pueDefault")),
                Arguments.of("systems", system("scaleUpDomainSize", 16), List.of("scaleUpDomainSize")),
                Arguments.of("quantizations", quantization("weightBits", 4), List.of("weightBits")),
                Arguments.of("quantizations", quantization("weightFormat", "FP3"), List.of("weightFormat")),
                Arguments.of("quantizations", quantization("kvCacheBits", 8), List.of("kvCacheBits")));
    }

    @ParameterizedTest
    @MethodSource("invalidPayloads")
    void isRejectedNamingEveryOffendingFieldAndStoresNothing(String path, Map<String, Object> body, List<String> fields)
            throws Throwable {
        long entries = count("select count(*) from catalog_entry");
        long revisions = count("select count(*) from catalog_revision");
        long events = count("select count(*) from outbox_event");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/catalog/" + path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems(fields.toArray(String[]::new)));

        assertThat(count("select count(*) from catalog_entry")).isEqualTo(entries);
        assertThat(count("select count(*) from catalog_revision")).isEqualTo(revisions);
        assertThat(count("select count(*) from outbox_event")).isEqualTo(events);
    }

    private long count(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> scope.bind("acme", false)
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery(sql, Long.class).getSingleResult())));
    }
}

package io.tokenomics.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The catalog API on real PostgreSQL (row-level security on) and Kafka, with signed tokens. */
@QuarkusTest
class CatalogApiTest {
    static final String ACME_VIEWER = TestTokens.user("acme", "viewer");
    static final String ACME_ADMIN = TestTokens.user("acme", "viewer", "analyst", "tenant-admin");
    static final String GLOBEX_ADMIN = TestTokens.user("globex", "viewer", "analyst", "tenant-admin");
    static final String GLOBEX_VIEWER = TestTokens.user("globex", "viewer");
    static final String PLATFORM_ADMIN = TestTokens.user("acme", "viewer", "analyst", "tenant-admin", "platform-admin");

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static Map<String, Object> accelerator(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("vendor", "Private");
        body.put("name", id + " (tenant chip)");
        body.put("status", "ANNOUNCED");
        body.put("memoryGb", 96);
        body.put("memoryBandwidthTbps", 4.0);
        body.put("bf16DenseTflops", 500);
        return body;
    }

    static Response create(String token, String path, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/catalog/" + path);
    }

    @Test
    void listsTheSeededPublicCatalogWithSources() {
        as(ACME_VIEWER).get("/api/catalog/accelerators").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(24))
                .body("id", hasItems("H100", "H200", "B200", "GB200", "MI300X", "TPU7X"))
                .body("findAll { it.visibility == 'public' }.source", everyItem(notNullValue()))
                .body("find { it.id == 'H100' }.memoryBandwidthTbps", equalTo(3.35f))
                .body("find { it.id == 'H100' }.memoryGb", equalTo(80))
                .body("find { it.id == 'H100' }.tdpWatts", equalTo(700))
                .body("find { it.id == 'H100' }.source", containsString("ml-engineering"))
                .body("find { it.id == 'H100' }.sources.power", containsString("Power consumption"))
                .body("find { it.id == 'B200' }.fp4DenseTflops", equalTo(9000))
                .body("find { it.id == 'ASCEND910C' }.memoryGb", nullValue());
        as(ACME_VIEWER).get("/api/catalog/models").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(20))
                .body("findAll { it.visibility == 'public' }.source", everyItem(notNullValue()))
                .body("find { it.id == 'llama-3.1-70b' }.kvBytesPerToken.BF16", equalTo(327680))
                .body("find { it.id == 'deepseek-v3' }.kvBytesPerToken.BF16", equalTo(70272))
                .body("find { it.id == 'gpt-4o' }.mmlu", equalTo(88.7f))
                .body("find { it.id == 'gpt-4o' }.priceUsdPerMillionTokens", equalTo(5.00f))
                .body("find { it.id == 'gpt-4o' }.totalParameters", nullValue());
        as(ACME_VIEWER).get("/api/catalog/systems").then().statusCode(200)
                .body("id", hasItems("dgx-h100", "gb200-nvl72", "cloudmatrix-384"))
                .body("find { it.id == 'gb200-nvl72' }.acceleratorCount", equalTo(72));
        as(ACME_VIEWER).get("/api/catalog/quantizations").then().statusCode(200)
                .body("id", hasItems("bf16", "fp8-w8a8-fp8kv", "int4-weight-only", "nvfp4"));
        // the fields simulator-service reads
        as(ACME_VIEWER).get("/api/catalog/accelerators/H100").then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo("H100")).body("vendor", equalTo("NVIDIA")).body("name", equalTo("NVIDIA H100 SXM 80GB"))
                .body("revision", greaterThanOrEqualTo(1)).body("visibility", equalTo("public"));
    }

    @Test
    void tenantIsolationMatrix() {
        String globexChip = uniqueId("GLOBEX");
        create(GLOBEX_ADMIN, "accelerators", accelerator(globexChip)).then().statusCode(201)
                .header("Location", containsString("/api/catalog/accelerators/" + globexChip))
                .body("visibility", equalTo("tenant"));
        String etag = as(GLOBEX_VIEWER).get("/api/catalog/accelerators/" + globexChip).then().statusCode(200)
                .extract().header("ETag");

        // acme cannot read, list, find by search, update or delete globex's private entry: 404 as if missing
        as(ACME_ADMIN).get("/api/catalog/accelerators/" + globexChip).then().statusCode(404)
                .contentType("application/problem+json");
        as(ACME_ADMIN).get("/api/catalog/accelerators").then().statusCode(200).body("id", not(hasItem(globexChip)));
        as(ACME_ADMIN).get("/api/catalog/accelerators?q=" + globexChip).then().statusCode(200).body("$", hasSize(0));
        as(ACME_ADMIN).get("/api/catalog/accelerators?vendor=Private").then().statusCode(200)
                .body("id", not(hasItem(globexChip)));
        as(ACME_ADMIN).get("/api/catalog/accelerators/" + globexChip + "/revisions").then().statusCode(404);
        as(ACME_ADMIN).get("/api/catalog/accelerators/export").then().statusCode(200)
                .body(not(containsString(globexChip)));
        as(ACME_ADMIN).get("/api/catalog/accelerators/compare?ids=H100," + globexChip).then().statusCode(400)
                .body("errors[0].field", equalTo("ids"));
        as(ACME_ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(accelerator(globexChip))
                .put("/api/catalog/accelerators/" + globexChip).then().statusCode(404);
        as(ACME_ADMIN).header("If-Match", etag).delete("/api/catalog/accelerators/" + globexChip)
                .then().statusCode(404);
        // acme's own entry with the same id is acme's, not globex's
        Map<String, Object> acmeCopy = accelerator(globexChip);
        acmeCopy.put("name", "acme's own " + globexChip);
        create(ACME_ADMIN, "accelerators", acmeCopy).then().statusCode(201);
        as(GLOBEX_VIEWER).get("/api/catalog/accelerators/" + globexChip).then().statusCode(200)
                .body("name", equalTo(globexChip + " (tenant chip)")).body("revision", equalTo(1));

        // acme's tenant-admin cannot write public entries: 403
        String h100Etag = as(ACME_ADMIN).get("/api/catalog/accelerators/H100").then().extract().header("ETag");
        Map<String, Object> h100 = accelerator("H100");
        as(ACME_ADMIN).contentType(ContentType.JSON).header("If-Match", h100Etag).body(h100)
                .put("/api/catalog/accelerators/H100").then().statusCode(403).contentType("application/problem+json");
        as(ACME_ADMIN).header("If-Match", h100Etag).delete("/api/catalog/accelerators/H100").then().statusCode(403);
        Map<String, Object> publicOne = accelerator(uniqueId("PUB"));
        publicOne.put("visibility", "public");
        publicOne.put("sources", Map.of("compute", "test"));
        create(ACME_ADMIN, "accelerators", publicOne).then().statusCode(403);
        // a viewer cannot write at all
        create(ACME_VIEWER, "accelerators", accelerator(uniqueId("VIEW"))).then().statusCode(403);
        // the tenant comes from the token only
        as(ACME_ADMIN).header("X-Tenant", "globex").get("/api/catalog/accelerators/" + globexChip)
                .then().body("name", equalTo("acme's own " + globexChip));
        as(GLOBEX_VIEWER).get("/api/catalog/accelerators/" + globexChip).then().body("vendor", equalTo("Private"));
    }

    @Test
    void revisionsWithETagIfMatchAndTombstones() {
        String id = uniqueId("REV");
        create(ACME_ADMIN, "accelerators", accelerator(id)).then().statusCode(201).header("ETag", "\"1\"");

        Map<String, Object> changed = accelerator(id);
        changed.put("memoryBandwidthTbps", 5.5);
        // no If-Match: 428; stale If-Match: 412 with the current ETag
        as(ACME_ADMIN).contentType(ContentType.JSON).body(changed).put("/api/catalog/accelerators/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        as(ACME_ADMIN).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(changed)
                .put("/api/catalog/accelerators/" + id).then().statusCode(412).header("ETag", "\"1\"");
        as(ACME_ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed)
                .put("/api/catalog/accelerators/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("revision", equalTo(2)).body("memoryBandwidthTbps", equalTo(5.5f));
        // the old revision still returns the old values
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id + "/revisions/1").then().statusCode(200)
                .body("document.memoryBandwidthTbps", equalTo(4.0f)).body("change", equalTo("created"));
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id + "/revisions/2").then().statusCode(200)
                .body("changedFields", equalTo(List.of("memoryBandwidthTbps")))
                .body("changedBy", equalTo("acme-test-user"));
        // the same write again with the old ETag is stale
        as(ACME_ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed)
                .put("/api/catalog/accelerators/" + id).then().statusCode(412);

        as(ACME_ADMIN).header("If-Match", "\"2\"").delete("/api/catalog/accelerators/" + id).then().statusCode(204);
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id).then().statusCode(404);
        as(ACME_VIEWER).get("/api/catalog/accelerators").then().body("id", not(hasItem(id)));
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id + "/revisions").then().statusCode(200)
                .body("change", equalTo(List.of("created", "revised", "deleted")));
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id + "/revisions/2").then().statusCode(200)
                .body("document.memoryBandwidthTbps", equalTo(5.5f));
        as(ACME_VIEWER).get("/api/catalog/accelerators/" + id + "/revisions/9").then().statusCode(404);
    }

    @Test
    void aPlatformAdminWritesPublicEntriesThatEveryTenantSees() {
        String id = uniqueId("PUBLIC");
        Map<String, Object> body = accelerator(id);
        body.put("visibility", "public");
        create(PLATFORM_ADMIN, "accelerators", body).then().statusCode(400).body("errors[0].field", equalTo("sources"));
        body.put("sources", Map.of("compute", "vendor datasheet (test)"));
        create(PLATFORM_ADMIN, "accelerators", body).then().statusCode(201).body("visibility", equalTo("public"));
        as(GLOBEX_VIEWER).get("/api/catalog/accelerators/" + id).then().statusCode(200)
                .body("source", equalTo("vendor datasheet (test)"));
        create(PLATFORM_ADMIN, "accelerators", body).then().statusCode(409);
        // a tenant cannot create a private entry hiding a public id; it overrides instead
        create(ACME_ADMIN, "accelerators", accelerator(id)).then().statusCode(409);
        as(PLATFORM_ADMIN).header("If-Match", "\"1\"").delete("/api/catalog/accelerators/" + id).then().statusCode(204);
        as(GLOBEX_VIEWER).get("/api/catalog/accelerators/" + id).then().statusCode(404);
    }

    @Test
    void aTenantOverridesAPublicEntryForItselfOnly() {
        String path = "/api/catalog/models/gpt-4o/override";
        as(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("priceUsdPerMillionTokens", 4.25,
                        "priceSource", "acme contract 2026-01", "priceNote", "negotiated"))
                .put(path).then().statusCode(200).header("ETag", "\"1\"")
                .body("overridden", equalTo(true))
                .body("overriddenFields", hasItems("priceUsdPerMillionTokens", "priceSource", "priceNote"))
                .body("priceUsdPerMillionTokens", equalTo(4.25f)).body("mmlu", equalTo(88.7f));
        as(ACME_VIEWER).get("/api/catalog/models/gpt-4o").then()
                .body("priceUsdPerMillionTokens", equalTo(4.25f)).body("overridden", equalTo(true));
        as(ACME_VIEWER).get("/api/catalog/models?q=gpt-4o").then().body("[0].overridden", equalTo(true));
        as(GLOBEX_VIEWER).get("/api/catalog/models/gpt-4o").then()
                .body("priceUsdPerMillionTokens", equalTo(5.0f)).body("overridden", nullValue());
        // an override is validated merged with the public entry, and changing it needs If-Match
        as(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("mmlu", 140)).header("If-Match", "\"1\"")
                .put(path).then().statusCode(400).body("errors.field", hasItem("mmlu"));
        as(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("mmlu", 90, "mmluSource", "acme eval"))
                .put(path).then().statusCode(428);
        as(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("bogus", 1)).header("If-Match", "\"1\"")
                .put(path).then().statusCode(400).body("errors[0].field", equalTo("bogus"));
        as(GLOBEX_ADMIN).header("If-Match", "\"1\"").delete(path).then().statusCode(404);
        as(ACME_ADMIN).get(path.replace("/override", "/override/revisions/1")).then().statusCode(200)
                .body("document.priceUsdPerMillionTokens", equalTo(4.25f));
        as(ACME_ADMIN).header("If-Match", "\"1\"").delete(path).then().statusCode(204);
        as(ACME_VIEWER).get("/api/catalog/models/gpt-4o").then()
                .body("priceUsdPerMillionTokens", equalTo(5.0f)).body("overridden", nullValue());
    }

    @Test
    void filtersSortingCursorPagingCompareAndExport() {
        as(ACME_VIEWER).get("/api/catalog/accelerators?vendor=amd").then().statusCode(200)
                .body("vendor", everyItem(equalTo("AMD"))).body("size()", equalTo(3));
        as(ACME_VIEWER).get("/api/catalog/accelerators?precision=FP4&vendor=NVIDIA").then().statusCode(200)
                .body("id", hasItems("B200", "GB200")).body("id", not(hasItem("H100")));
        as(ACME_VIEWER).get("/api/catalog/accelerators?minMemoryGb=256").then().statusCode(200)
                .body("id", hasItems("MI325X", "B300")).body("id", not(hasItem("H200")));
        as(ACME_VIEWER).get("/api/catalog/models?moe=true").then().statusCode(200)
                .body("id", hasItems("mixtral-8x7b", "deepseek-v3")).body("id", not(hasItem("llama-3.1-8b")));
        as(ACME_VIEWER).get("/api/catalog/models?moe=false&q=llama").then().statusCode(200)
                .body("id", hasItems("llama-3.1-8b", "llama-3-70b")).body("id", not(hasItem("llama-4-scout-17b-16e")));
        List<String> byBandwidth = as(ACME_VIEWER).get("/api/catalog/accelerators?vendor=NVIDIA&sort=-memoryBandwidthTbps")
                .then().statusCode(200).extract().path("id");
        assertThat(byBandwidth.get(0)).isEqualTo("RUBIN");

        // cursor paging walks the whole list exactly once
        List<String> all = as(ACME_VIEWER).get("/api/catalog/accelerators?sort=memoryGb").then().extract().path("id");
        List<String> walked = new java.util.ArrayList<>();
        String next = "/api/catalog/accelerators?sort=memoryGb&limit=5";
        int pages = 0;
        while (next != null) {
            Response page = as(ACME_VIEWER).get(next);
            page.then().statusCode(200);
            walked.addAll(page.path("id"));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            pages++;
        }
        assertThat(walked).isEqualTo(all);
        assertThat(pages).isGreaterThanOrEqualTo(5);

        as(ACME_VIEWER).get("/api/catalog/accelerators/compare?ids=H100,H200,B200").then().statusCode(200)
                .body("ids", equalTo(List.of("H100", "H200", "B200")))
                .body("fields.find { it.field == 'memoryGb' }.values", equalTo(List.of(80, 141, 180)))
                .body("fields.find { it.field == 'memoryGb' }.differs", equalTo(true))
                .body("fields.find { it.field == 'tdpWatts' }.values", equalTo(List.of(700, 700, 1000)));
        as(ACME_VIEWER).get("/api/catalog/models/compare?ids=llama-3.1-70b,deepseek-v3").then().statusCode(200)
                .body("fields.find { it.field == 'totalParameters' }.values[1]", greaterThanOrEqualTo(670_000_000_000L));

        String csv = as(ACME_VIEWER).get("/api/catalog/accelerators/export?vendor=NVIDIA").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("id,kind,visibility,revision,name,").contains("memoryBandwidthTbps", "sources.compute");
        assertThat(lines).anyMatch(l -> l.startsWith("H100,accelerator,public,"));
        assertThat(lines.length - 1).isEqualTo(as(ACME_VIEWER).get("/api/catalog/accelerators?vendor=NVIDIA")
                .then().extract().<Integer>path("size()"));
        as(ACME_VIEWER).get("/api/catalog/models/export?format=json").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(20));

        as(ACME_VIEWER).get("/api/catalog/models?precision=FP8&minMemoryGb=x&limit=0&sort=nope").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("minMemoryGb"));
        as(ACME_VIEWER).get("/api/catalog/models?precision=FP8&limit=0&sort=nope").then().statusCode(400)
                .body("errors.field", hasItems("precision", "limit", "sort"));
        as(ACME_VIEWER).get("/api/catalog/accelerators?cursor=garbage").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void refusesCallsWithoutAValidTokenOrRole() {
        given().when().get("/api/catalog/accelerators").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(TestTokens.sign("acme", "some-other-api", TestTokens.ISSUER, 300, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sign("acme", TestTokens.AUDIENCE, "https://evil.invalid/realms/x", 300, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign("acme", TestTokens.AUDIENCE, TestTokens.ISSUER, -120, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("acme")).get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(null, "viewer")).get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json");
    }

}

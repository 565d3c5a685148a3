package io.tokenomics.gateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The catalog through the gateway with real Keycloak tokens (DEMO users): the seeded public catalog, tenant-private
 * entries and overrides, revisions with ETag/If-Match, role checks and validation.
 */
class CatalogThroughGatewayIT {
    @BeforeAll
    static void platform() {
        RestAssured.baseURI = PlatformUnderTest.gatewayUrl();
    }

    private static RequestSpecification api(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void theSeededCatalogIsListedWithSources() {
        String viewer = PlatformUnderTest.userToken("acme-viewer");
        api(viewer).get("/api/catalog/accelerators").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(24))
                // every public (seeded) entry carries its source; tenant-private entries made by other tests may not
                .body("findAll { it.visibility == 'public' }.source", everyItem(notNullValue()))
                .body("findAll { it.visibility == 'public' }.size()", greaterThanOrEqualTo(24))
                .body("find { it.id == 'H100' }.memoryBandwidthTbps", equalTo(3.35f));
        api(viewer).get("/api/catalog/models").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(20))
                .body("id", hasItems("gpt-4o", "claude-3.5-sonnet", "gemini-1.5-pro", "ernie-4.0-turbo",
                        "llama-3-70b", "mixtral-8x7b"))
                .body("find { it.id == 'llama-3.1-70b' }.kvBytesPerToken.BF16", equalTo(327680));
        api(viewer).get("/api/catalog/systems/gb200-nvl72").then().statusCode(200)
                .header("ETag", notNullValue()).body("acceleratorCount", equalTo(72));
        api(viewer).get("/api/catalog/accelerators/compare?ids=H100,B200").then().statusCode(200)
                .body("fields.find { it.field == 'memoryGb' }.values", equalTo(java.util.List.of(80, 180)));
        api(viewer).get("/api/catalog/accelerators/export?vendor=AMD").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(containsString("MI300X"));
    }

    @Test
    void tenantEntriesRevisionsAndIsolation() {
        String acmeAdmin = PlatformUnderTest.userToken("acme-admin");
        String globexAdmin = PlatformUnderTest.userToken("globex-admin");
        String id = "ACME-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> chip = Map.of("id", id, "vendor", "Acme", "name", "Acme inference chip", "status", "ANNOUNCED",
                "memoryGb", 96, "memoryBandwidthTbps", 4.0);

        api(acmeAdmin).contentType(ContentType.JSON).body(chip).post("/api/catalog/accelerators")
                .then().statusCode(201)
                .header("Location", startsWith(PlatformUnderTest.gatewayUrl() + "/api/catalog/accelerators/" + id))
                .header("ETag", "\"1\"");
        Map<String, Object> faster = new java.util.HashMap<>(chip);
        faster.put("memoryBandwidthTbps", 6.0);
        api(acmeAdmin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(faster)
                .put("/api/catalog/accelerators/" + id).then().statusCode(200).body("revision", equalTo(2));
        api(acmeAdmin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(faster)
                .put("/api/catalog/accelerators/" + id).then().statusCode(412).contentType("application/problem+json");
        api(acmeAdmin).get("/api/catalog/accelerators/" + id + "/revisions/1").then().statusCode(200)
                .body("document.memoryBandwidthTbps", equalTo(4.0f));

        // globex sees none of it, cannot change it, and cannot write public entries
        api(globexAdmin).get("/api/catalog/accelerators/" + id).then().statusCode(404);
        api(globexAdmin).get("/api/catalog/accelerators?q=" + id).then().statusCode(200).body("id", not(hasItem(id)));
        api(globexAdmin).header("If-Match", "\"2\"").delete("/api/catalog/accelerators/" + id).then().statusCode(404);
        api(globexAdmin).header("X-Tenant", "acme").get("/api/catalog/accelerators/" + id).then().statusCode(404);
        api(globexAdmin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("vendor", "NVIDIA", "name", "hijack", "status", "GA"))
                .put("/api/catalog/accelerators/H100").then().statusCode(403);

        // an override of a public model's price, visible to acme only
        api(acmeAdmin).contentType(ContentType.JSON)
                .body(Map.of("priceUsdPerMillionTokens", 2.0, "priceSource", "acme contract (demo)"))
                .put("/api/catalog/models/claude-3.5-sonnet/override").then().statusCode(200)
                .body("overridden", equalTo(true));
        api(PlatformUnderTest.userToken("acme-viewer")).get("/api/catalog/models/claude-3.5-sonnet").then()
                .body("priceUsdPerMillionTokens", equalTo(2.0f));
        api(globexAdmin).get("/api/catalog/models/claude-3.5-sonnet").then()
                .body("priceUsdPerMillionTokens", equalTo(3.0f));
        api(acmeAdmin).header("If-Match", "\"1\"").delete("/api/catalog/models/claude-3.5-sonnet/override")
                .then().statusCode(204);

        // viewers do not write; bad input names the field
        api(PlatformUnderTest.userToken("acme-viewer")).contentType(ContentType.JSON).body(chip)
                .post("/api/catalog/accelerators").then().statusCode(403);
        api(acmeAdmin).contentType(ContentType.JSON)
                .body(Map.of("id", "BAD-1", "vendor", "Acme", "name", "absurd", "status", "GA", "memoryBandwidthTbps", 1e9))
                .post("/api/catalog/accelerators").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("memoryBandwidthTbps"));
        api(acmeAdmin).header("If-Match", "\"2\"").delete("/api/catalog/accelerators/" + id).then().statusCode(204);
    }

    @Test
    void aPlatformAdminWritesPublicEntries() {
        String platformAdmin = PlatformUnderTest.userToken("acme-platform-admin");
        String id = "PUB-" + UUID.randomUUID().toString().substring(0, 8);
        api(platformAdmin).contentType(ContentType.JSON)
                .body(Map.of("id", id, "visibility", "public", "name", "Demo W4A8", "weightFormat", "INT4",
                        "weightBits", 4, "activationFormat", "FP8", "activationBits", 8, "source", "demo definition"))
                .post("/api/catalog/quantizations").then().statusCode(201).body("visibility", equalTo("public"));
        api(PlatformUnderTest.userToken("globex-viewer")).get("/api/catalog/quantizations/" + id).then().statusCode(200);
        api(platformAdmin).header("If-Match", "\"1\"").delete("/api/catalog/quantizations/" + id).then().statusCode(204);
        api(PlatformUnderTest.userToken("globex-viewer")).get("/api/catalog/quantizations/" + id + "/revisions/1")
                .then().statusCode(200).body("document.name", equalTo("Demo W4A8"));
    }
}

package io.tokenomics.gateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The thin flow through the whole platform, on the real servers the project starts itself: Keycloak tokens ->
 * gateway -> catalog-service (PostgreSQL) and simulator-service (PostgreSQL, Kafka work units, outbox) ->
 * pricing-service (Kafka results, PostgreSQL) -> back through the gateway. No in-memory connector, no test identity.
 */
class PlatformEndToEndIT {
    @BeforeAll
    static void platform() {
        RestAssured.baseURI = PlatformUnderTest.gatewayUrl();
    }

    @Test
    void anAnalystRunsASimulationAndReadsItsResultAndPrice() {
        String analyst = PlatformUnderTest.userToken("acme-analyst");

        api(analyst).get("/api/catalog/accelerators")
                .then().statusCode(200)
                .body("id", hasItems("H100", "H200", "B200"));

        String id = api(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "Llama 3.1 8B BF16 on one H100", "acceleratorId", "H100",
                        "modelParameters", 8_030_000_000L, "weightPrecision", "BF16"))
                .post("/api/simulations")
                .then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith(PlatformUnderTest.gatewayUrl() + "/api/simulations/"))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api(analyst).get("/api/simulations/" + id)
                        .then().statusCode(200)
                        .body("status", equalTo("COMPLETED"))
                        .body("price", notNullValue()));

        var job = api(analyst).get("/api/simulations/" + id).then().extract().jsonPath();
        double tokensPerSecond = job.getDouble("result.outputTokensPerSecond");
        assertThat(tokensPerSecond).isCloseTo(3.35e12 / 16.06e9, within(1e-3));
        assertThat(job.getString("price.currency")).isEqualTo("USD");
        assertThat(job.getDouble("price.usdPerMillionOutputTokens"))
                .isCloseTo(job.getDouble("price.usdPerGpuHour") / 3600 / tokensPerSecond * 1e6, within(1e-5));

        // a tenant's API client (client credentials) sees its tenant's job; another tenant's users do not
        api(PlatformUnderTest.clientToken("acme-api", "demo-acme-api-secret")).get("/api/simulations/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        api(PlatformUnderTest.userToken("globex-analyst")).get("/api/simulations/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        api(PlatformUnderTest.userToken("globex-analyst")).header("X-Tenant", "acme").get("/api/simulations/" + id)
                .then().statusCode(404);
        api(PlatformUnderTest.userToken("globex-analyst")).get("/api/pricing/simulations/" + id + "/cost")
                .then().statusCode(404);
    }

    @Test
    void callsWithoutTheRightTokenOrRoleAreRefused() {
        given().get("/api/catalog/accelerators").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/catalog/accelerators").then().statusCode(401);
        api(PlatformUnderTest.userToken("acme-viewer")).contentType(ContentType.JSON)
                .body(Map.of("name", "viewer tries", "acceleratorId", "H100", "modelParameters", 8_030_000_000L,
                        "weightPrecision", "BF16"))
                .post("/api/simulations")
                .then().statusCode(403);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNothingIsStored() {
        String analyst = PlatformUnderTest.userToken("acme-analyst");
        int before = api(analyst).get("/api/simulations").then().statusCode(200).extract().path("size()");

        api(analyst).contentType(ContentType.JSON).body("{\"name\": \"broken\", \"acceleratorId\": ")
                .post("/api/simulations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
        api(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "no model size", "acceleratorId", "H100", "weightPrecision", "BF16"))
                .post("/api/simulations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("modelParameters"));
        api(analyst).contentType(ContentType.JSON)
                .body(Map.of("name", "unknown chip", "acceleratorId", "TPU-v99", "modelParameters", 8_030_000_000L,
                        "weightPrecision", "BF16"))
                .post("/api/simulations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("acceleratorId"));

        int after = api(analyst).get("/api/simulations").then().statusCode(200).extract().path("size()");
        assertThat(after).isEqualTo(before);
    }

    private static RequestSpecification api(String token) {
        return given().auth().oauth2(token);
    }
}

package io.tokenomics.pricing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Price books on the real database: tenant scoping, roles, revisions and validation. */
@QuarkusTest
class PriceBookResourceTest {
    static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    static final String PUBLIC_DEFAULT = "00000000-0000-0000-0000-000000000001";

    static String rentBook(String name, String rental) {
        return """
                {"name": "%s", "terms": {"currency": "USD", "workload": {"inputTokensPerRequest": 8000, "outputTokensPerRequest": 1000},
                  "accelerators": [{"acceleratorId": "H100", "tco": {"path": "RENT", "rentalUsdPerGpuHour": %s}, "source": "test"}]}}
                """.formatted(name, rental);
    }

    static String admin(String tenant) {
        return TestTokens.user(tenant, "viewer", "analyst", "tenant-admin");
    }

    static String createBook(String tenant, String body) {
        return given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/price-books")
                .then().statusCode(201).header("Location", containsString("/api/pricing/price-books/"))
                .extract().path("id");
    }

    @Test
    void everyTenantSeesThePublicDefaultBookWithItsSources() {
        given().config(DECIMALS).auth().oauth2(TestTokens.user("hooli", "viewer"))
                .when().get("/api/pricing/price-books/default")
                .then().statusCode(200)
                .body("id", equalTo(PUBLIC_DEFAULT))
                .body("visibility", equalTo("public"))
                .body("isDefault", equalTo(true))
                .body("terms.accelerators[0].acceleratorId", equalTo("H100"))
                .body("terms.accelerators[0].tco.rentalUsdPerGpuHour", comparesEqualTo(new BigDecimal("2.0")))
                .body("terms.accelerators[0].source", containsString("open-infra-index"));
        given().auth().oauth2(TestTokens.user("hooli", "viewer"))
                .when().get("/api/pricing/power-prices")
                .then().statusCode(200)
                .body("find { it.region == 'US' }.usdPerKwh", equalTo(0.091f))
                .body("find { it.region == 'US' }.source", containsString("9.1 cents per kWh"))
                .body("find { it.region == 'CN-WEST' }.basis", equalTo("upper-bound"));
    }

    @Test
    void aTenantsBooksAreInvisibleAndUnchangeableForOtherTenants() {
        String id = createBook("initech", rentBook("initech book", "2.10"));

        given().auth().oauth2(TestTokens.user("initech", "viewer")).when().get("/api/pricing/price-books/{id}", id)
                .then().statusCode(200).body("visibility", equalTo("tenant"));
        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/pricing/price-books/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/pricing/price-books")
                .then().statusCode(200).body("id", not(hasItem(id))).body("id", hasItem(PUBLIC_DEFAULT));
        given().auth().oauth2(admin("globex")).contentType(ContentType.JSON).body(rentBook("hijack", "0.01"))
                .when().put("/api/pricing/price-books/{id}", id).then().statusCode(404);
        given().auth().oauth2(admin("globex")).when().delete("/api/pricing/price-books/{id}", id).then().statusCode(404);
        given().auth().oauth2(admin("globex")).contentType(ContentType.JSON).body("{\"priceBookId\": \"" + id + "\"}")
                .when().put("/api/pricing/price-books/default").then().statusCode(404);
        given().auth().oauth2(admin("globex")).when().get("/api/pricing/price-books/{id}/revisions/1", id)
                .then().statusCode(404);
        // unchanged for its owner
        given().config(DECIMALS).auth().oauth2(TestTokens.user("initech", "viewer"))
                .when().get("/api/pricing/price-books/{id}", id)
                .then().statusCode(200).body("currentRevision", equalTo(1)).body("name", equalTo("initech book"))
                .body("terms.accelerators[0].tco.rentalUsdPerGpuHour", comparesEqualTo(new BigDecimal("2.10")));
    }

    @Test
    void writesNeedTenantAdminAndPublicBooksNeedPlatformAdmin() {
        given().auth().oauth2(TestTokens.user("initech", "viewer", "analyst")).contentType(ContentType.JSON)
                .body(rentBook("x", "1")).when().post("/api/pricing/price-books").then().statusCode(403)
                .contentType("application/problem+json");
        String publicBook = rentBook("public x", "1").replace("\"name\"", "\"publicBook\": true, \"name\"");
        given().auth().oauth2(admin("initech")).contentType(ContentType.JSON).body(publicBook)
                .when().post("/api/pricing/price-books").then().statusCode(403);
        given().auth().oauth2(admin("initech")).contentType(ContentType.JSON).body(rentBook("hijack", "0"))
                .when().put("/api/pricing/price-books/{id}", PUBLIC_DEFAULT).then().statusCode(403);

        String id = given().auth().oauth2(TestTokens.user("initech", "viewer", "analyst", "tenant-admin", "platform-admin"))
                .contentType(ContentType.JSON).body(publicBook)
                .when().post("/api/pricing/price-books").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/pricing/price-books/{id}", id)
                .then().statusCode(200).body("visibility", equalTo("public"));
    }

    @Test
    void everyUpdateIsANewRevisionAndOldRevisionsStayReadable() {
        String id = createBook("initech", rentBook("revised", "2.00"));
        given().auth().oauth2(admin("initech")).contentType(ContentType.JSON)
                .body(rentBook("revised", "2.50").replace("\"name\"", "\"baseRevision\": 1, \"name\""))
                .when().put("/api/pricing/price-books/{id}", id).then().statusCode(200).body("currentRevision", equalTo(2));
        // a writer still based on revision 1 is refused
        given().auth().oauth2(admin("initech")).contentType(ContentType.JSON)
                .body(rentBook("revised", "9").replace("\"name\"", "\"baseRevision\": 1, \"name\""))
                .when().put("/api/pricing/price-books/{id}", id).then().statusCode(409)
                .contentType("application/problem+json");

        given().config(DECIMALS).auth().oauth2(TestTokens.user("initech", "viewer"))
                .when().get("/api/pricing/price-books/{id}/revisions", id)
                .then().statusCode(200)
                .body("revision", equalTo(List.of(1, 2)))
                .body("[0].terms.accelerators[0].tco.rentalUsdPerGpuHour", comparesEqualTo(new BigDecimal("2.00")))
                .body("[1].terms.accelerators[0].tco.rentalUsdPerGpuHour", comparesEqualTo(new BigDecimal("2.50")));
    }

    @Test
    void aPowerRegionIsResolvedIntoTheRevision() {
        String body = """
                {"name": "own in western China", "terms": {"currency": "USD", "accelerators": [{"acceleratorId": "H100",
                  "tco": {"path": "OWN", "systemPriceUsd": 240000, "gpusPerSystem": 8, "amortizationYears": 4,
                          "wattsPerGpu": 700, "pue": 1.2, "powerRegion": "CN-WEST"}}]}}""";
        String id = createBook("initech", body);
        given().config(DECIMALS).auth().oauth2(TestTokens.user("initech", "viewer"))
                .when().get("/api/pricing/price-books/{id}", id)
                .then().statusCode(200)
                .body("terms.accelerators[0].tco.usdPerKwh", comparesEqualTo(new BigDecimal("0.04")))
                .body("terms.accelerators[0].source", containsString("region CN-WEST"));
    }

    @Test
    void invalidTermsAre400NamingEveryFieldAndStoreNothing() {
        int before = given().auth().oauth2(TestTokens.user("umbrella", "viewer"))
                .when().get("/api/pricing/price-books").then().statusCode(200).extract().path("size()");
        String body = """
                {"name": "", "terms": {"currency": "EUR", "accelerators": [
                  {"acceleratorId": "H100", "tco": {"path": "RENT", "rentalUsdPerGpuHour": -1}},
                  {"acceleratorId": "B200", "tco": {"path": "OWN", "systemPriceUsd": 500000, "gpusPerSystem": 8,
                     "amortizationYears": 4, "wattsPerGpu": 1000, "pue": 0.9, "usdPerKwh": 0.05}}]}}""";
        List<String> fields = given().auth().oauth2(admin("umbrella")).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/price-books")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .extract().path("errors.field");
        assertThat(fields).hasSize(4);
        assertThat(String.join(" ", fields)).contains("name", "rentalUsdPerGpuHour", "pue", "fxRatesPerUsd");

        given().auth().oauth2(admin("umbrella")).contentType(ContentType.JSON)
                .body(rentBook("bad region", "1").replace("\"rentalUsdPerGpuHour\": 1", "\"rentalUsdPerGpuHour\": 1, "
                        + "\"powerIncludedInRental\": false, \"wattsPerGpu\": 700, \"powerRegion\": \"ATLANTIS\""))
                .when().post("/api/pricing/price-books")
                .then().statusCode(400).body("errors[0].field", equalTo("terms.accelerators[0].tco.powerRegion"));
        given().auth().oauth2(admin("umbrella")).contentType(ContentType.JSON).body("{\"name\": \"x\", \"terms\": [}")
                .when().post("/api/pricing/price-books").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(TestTokens.user("umbrella", "viewer")).when().get("/api/pricing/price-books")
                .then().statusCode(200).body("size()", equalTo(before));
    }

    @Test
    void archivingAPublicBookMovesEveryTenantThatUsedItBackToThePlatformDefault() {
        String platformAdmin = TestTokens.user("platform", "viewer", "analyst", "tenant-admin", "platform-admin");
        String publicBook = rentBook("short-lived public", "1.5").replace("\"name\"", "\"publicBook\": true, \"name\"");
        String id = given().auth().oauth2(platformAdmin).contentType(ContentType.JSON).body(publicBook)
                .when().post("/api/pricing/price-books").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin("umbrella")).contentType(ContentType.JSON).body("{\"priceBookId\":\"" + id + "\"}")
                .when().put("/api/pricing/price-books/default").then().statusCode(200).body("id", equalTo(id));

        given().auth().oauth2(platformAdmin).when().delete("/api/pricing/price-books/{id}", id).then().statusCode(204);

        given().auth().oauth2(TestTokens.user("umbrella", "viewer")).when().get("/api/pricing/price-books/default")
                .then().statusCode(200).body("id", equalTo(PUBLIC_DEFAULT));
    }
}

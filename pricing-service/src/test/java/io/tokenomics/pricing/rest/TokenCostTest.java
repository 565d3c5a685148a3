package io.tokenomics.pricing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** {@code POST /api/pricing/token-cost}: a replica's cost per million tokens, hand-computed, from a TCO or a rate. */
@QuarkusTest
class TokenCostTest {
    private static final String VIEWER = TestTokens.user("hooli", "viewer");

    @Test
    void rentedReplicaPerMillionOutputAndAllTokens() {
        // 4 GPUs x 2.00 USD/h = 8 USD/h = 1/450 USD/s; 1000 output tok/s -> 1e6 / 1000 / 450 = 2.2222... USD/M;
        // 4000 tok/s input + output -> 0.5555... USD/M
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"tco": {"path": "RENT", "rentalUsdPerGpuHour": 2.00}, "gpusPerReplica": 4,
                         "outputTokensPerSecond": 1000, "tokensPerSecond": 4000}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200).contentType("application/json")
                .body("currency", equalTo("USD"))
                .body("gpusPerReplica", equalTo(4))
                .body("rateBasis", nullValue())
                .body("usdPerGpuHour.total", equalTo(new BigDecimal("2.000000")))
                .body("usdPerGpuHour.rental", equalTo(new BigDecimal("2.000000")))
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("2.222222")))
                .body("perMillionOutputTokens.rental", equalTo(new BigDecimal("2.222222")))
                .body("perMillionOutputTokens.energy", equalTo(new BigDecimal("0.000000")))
                .body("perMillionOutputTokens.capital", equalTo(new BigDecimal("0.000000")))
                .body("perMillionTokens.total", equalTo(new BigDecimal("0.555556")))
                .body("method", containsString("/ 3600"));
        // without tokensPerSecond there is no blended figure
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"tco": {"path": "RENT", "rentalUsdPerGpuHour": 2.00}, "gpusPerReplica": 1, "outputTokensPerSecond": 100}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200)
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("5.555556")))
                .body("perMillionTokens", nullValue());
    }

    @Test
    void ownedGpuSplitSumsToTheTotal() {
        // capex 240,000 / 8 = 30,000 per GPU over 3 years at 0 % = 10,000 / 8760 = 1.141552511 USD/h capital;
        // maintenance 8.76 % x 30,000 / 8760 = 0.3 USD/h opex; 1 kW x 100 % x PUE 1 x 0.10 USD/kWh = 0.1 USD/h energy;
        // 1 GPU at 1000 output tok/s: x 1e6 / 3600 / 1000 = / 3.6 -> capital 0.317098, energy 0.027778, opex 0.083333,
        // total 1.541552511 / 3.6 = 0.428209
        JsonPath json = given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"tco": {"path": "OWN", "systemPriceUsd": 240000, "gpusPerSystem": 8, "amortizationYears": 3,
                                 "costOfCapitalPercent": 0, "maintenancePercentPerYear": 8.76, "wattsPerGpu": 1000,
                                 "utilizationPercent": 100, "pue": 1, "usdPerKwh": 0.10},
                         "gpusPerReplica": 1, "outputTokensPerSecond": 1000}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200)
                .body("usdPerGpuHour.capital", equalTo(new BigDecimal("1.141553")))
                .body("usdPerGpuHour.total", equalTo(new BigDecimal("1.541553")))
                .body("perMillionOutputTokens.capital", equalTo(new BigDecimal("0.317098")))
                .body("perMillionOutputTokens.energy", equalTo(new BigDecimal("0.027778")))
                .body("perMillionOutputTokens.opex", equalTo(new BigDecimal("0.083333")))
                .body("perMillionOutputTokens.rental", equalTo(new BigDecimal("0.000000")))
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("0.428209")))
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        BigDecimal parts = BigDecimal.ZERO;
        for (String part : List.of("capital", "energy", "opex", "rental")) {
            parts = parts.add(json.getObject("perMillionOutputTokens." + part, BigDecimal.class));
        }
        assertThat(parts).isEqualByComparingTo(json.getObject("perMillionOutputTokens.total", BigDecimal.class));
    }

    @Test
    void acceleratorIdUsesThePlatformRateWithItsBasis() {
        // H100: 2.00 USD/h, sourced (V1 seed); 2 GPUs at 100 output tok/s -> 4 / 3600 / 100 x 1e6 = 11.111111
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"acceleratorId": "H100", "gpusPerReplica": 2, "outputTokensPerSecond": 100, "tokensPerSecond": 900}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200)
                .body("acceleratorId", equalTo("H100"))
                .body("rateBasis", equalTo("sourced"))
                .body("currency", equalTo("USD"))
                .body("usdPerGpuHour.rental", equalTo(new BigDecimal("2.000000")))
                .body("usdPerGpuHour.energy", equalTo(new BigDecimal("0.000000")))
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("11.111111")))
                .body("perMillionTokens.total", equalTo(new BigDecimal("1.234568")));
        // B200: 3.50 USD/h, an assumption; 1 GPU at 1000 tok/s -> 3.5 / 3.6 = 0.972222
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"acceleratorId": "B200", "gpusPerReplica": 1, "outputTokensPerSecond": 1000}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200)
                .body("rateBasis", equalTo("assumption"))
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("0.972222")));
        // no rate row: pricing.default-usd-per-gpu-hour (2.00), basis default
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"acceleratorId": "no-such-gpu", "gpusPerReplica": 1, "outputTokensPerSecond": 1000}""")
                .when().post("/api/pricing/token-cost")
                .then().statusCode(200)
                .body("rateBasis", equalTo("default"))
                .body("usdPerGpuHour.total", equalTo(new BigDecimal("2.000000")))
                .body("perMillionOutputTokens.total", equalTo(new BigDecimal("0.555556")));
    }

    @Test
    void badFieldsAreProblemsNamingThem() {
        assertThat(problemFields("{}")).containsExactlyInAnyOrder("tco", "gpusPerReplica", "outputTokensPerSecond");
        assertThat(problemFields("""
                {"tco": {"path": "RENT", "rentalUsdPerGpuHour": 2}, "acceleratorId": "H100",
                 "gpusPerReplica": 1, "outputTokensPerSecond": 100}""")).containsExactly("acceleratorId");
        assertThat(problemFields("""
                {"tco": {"path": "RENT", "pue": 0.5}, "gpusPerReplica": 0, "outputTokensPerSecond": -1,
                 "tokensPerSecond": 0}""")).containsExactlyInAnyOrder("gpusPerReplica", "outputTokensPerSecond",
                "tokensPerSecond", "tco.pue", "tco.rentalUsdPerGpuHour");
        assertThat(problemFields("""
                {"acceleratorId": "not an id!", "gpusPerReplica": 1, "outputTokensPerSecond": 100}""")).containsExactly("acceleratorId");
        assertThat(problemFields("""
                {"tco": {"path": "OWN", "systemPriceUsd": 1, "gpusPerSystem": 1, "amortizationYears": 1,
                         "wattsPerGpu": 700, "powerRegion": "ATLANTIS"}, "gpusPerReplica": 1, "outputTokensPerSecond": 100}"""))
                .containsExactly("tco.powerRegion");
        assertThat(problemFields("""
                {"acceleratorId": "H100", "gpusPerReplica": "four", "outputTokensPerSecond": 100}""")).containsExactly("gpusPerReplica");
    }

    @Test
    void refusesCallsWithoutAValidTokenRoleOrTenant() {
        String body = """
                {"acceleratorId": "H100", "gpusPerReplica": 1, "outputTokensPerSecond": 100}""";
        given().contentType(ContentType.JSON).body(body).when().post("/api/pricing/token-cost").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("hooli")).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/token-cost").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(null, "viewer")).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/token-cost").then().statusCode(403).contentType("application/problem+json");
    }

    private static List<String> problemFields(String body) {
        return given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/token-cost")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
    }
}

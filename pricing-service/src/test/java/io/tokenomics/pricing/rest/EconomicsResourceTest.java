package io.tokenomics.pricing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The stateless calculators through HTTP: happy paths, CSV, and the validation matrix as 400 problem+json. */
@QuarkusTest
class EconomicsResourceTest {
    private static final String VIEWER = TestTokens.user("hooli", "viewer");

    private static final String TIER_PLAN = """
            {"facilityMw": 20, "usdPerKwh": 0.05,
             "tiers": [{"name": "Free", "usdPerMillionOutputTokens": 0, "minTokensPerSecondPerUser": 10},
                       {"name": "Premium", "usdPerMillionOutputTokens": 45, "minTokensPerSecondPerUser": 100, "demandCapTokensPerSecond": 600000},
                       {"name": "Fast", "usdPerMillionOutputTokens": 6, "minTokensPerSecondPerUser": 20, "demandCapTokensPerSecond": 1000000}],
             "configurations": [
               {"name": "gen-1", "frontier": [{"tokensPerSecondPerUser": 20, "tokensPerSecondPerMw": 200000},
                                              {"tokensPerSecondPerUser": 100, "tokensPerSecondPerMw": 20000}],
                "capexUsdPerMw": 10000000, "opexUsdPerMwYear": 100000, "amortizationYears": 5},
               {"name": "gen-2", "frontier": [{"tokensPerSecondPerUser": 20, "tokensPerSecondPerMw": 400000},
                                              {"tokensPerSecondPerUser": 100, "tokensPerSecondPerMw": 40000}],
                "capexUsdPerMw": 20000000, "opexUsdPerMwYear": 100000, "amortizationYears": 5}]}""";

    @Test
    void tierPlanComparesConfigurationsSideBySide() {
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON).body(TIER_PLAN)
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(200)
                .body("configurations.name", equalTo(List.of("gen-1", "gen-2")))
                // gen-1: see TierPlanCalculatorTest, 19.5 USD/s x 31,536,000
                .body("configurations[0].revenueMaximizing.revenuePerYear", equalTo(new BigDecimal("614952000.000000")))
                // gen-2: Fast's 1,000,000 tok/s cap now takes 2.5 MW (2.4 USD/s per MW); Premium 17.5 MW x 40,000 =
                // 700,000 tok/s but its cap is 600,000 -> 15 MW; 2.5 MW idle. 6 + 27 = 33 USD/s x 31,536,000
                .body("configurations[1].revenueMaximizing.revenuePerYear", equalTo(new BigDecimal("1040688000.000000")))
                .body("configurations[1].revenueMaximizing.idleMw", equalTo(new BigDecimal("2.500000")))
                .body("configurations[1].revenueMaximizing.tiers[1].capped", equalTo(true));

        String csv = given().auth().oauth2(VIEWER).contentType(ContentType.JSON).accept("text/csv").body(TIER_PLAN)
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.strip().split("\n");
        assertThat(lines).hasSize(1 + 2 * 2 * 3);
        assertThat(lines[0]).startsWith("\"configuration\",\"method\",\"tier\"");
        assertThat(csv).contains("\"gen-2\",\"revenue-maximizing\",\"Premium\",45,true,100,40000,15.000000");
    }

    @Test
    void defaultTiersAreSaidToBeIllustrative() {
        given().auth().oauth2(VIEWER).when().get("/api/pricing/tier-plans/default-tiers")
                .then().statusCode(200)
                .body("name", equalTo(List.of("Free", "Standard", "Fast", "Premium", "Ultra")))
                .body("usdPerMillionOutputTokens", equalTo(List.of(0, 3, 6, 45, 150)));
        String openapi = given().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("ILLUSTRATIVE").contains("/api/pricing/tier-plans").contains("/api/pricing/price-books");
    }

    @Test
    void tierPlanValidationNamesEveryOffendingField() {
        String bad = """
                {"facilityMw": 0, "usdPerKwh": 0.05,
                 "tiers": [{"name": "A", "usdPerMillionOutputTokens": -3, "minTokensPerSecondPerUser": 10, "sharePercent": 50},
                           {"name": "B", "usdPerMillionOutputTokens": 6, "minTokensPerSecondPerUser": 20, "sharePercent": 40}],
                 "configurations": [{"name": "empty", "frontier": []}]}""";
        List<String> fields = given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(bad)
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(400).contentType("application/problem+json")
                .extract().path("errors.field");
        assertThat(String.join(" ", fields)).contains("facilityMw", "usdPerMillionOutputTokens", "tiers.sharePercent", "frontier");
        assertThat(fields).hasSize(4);
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(bad).when().post("/api/pricing/tier-plans")
                .then().body("detail", containsString("shares must sum to 100 %, they sum to 90 %"));
        // no configurations at all, and an unknown power region
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("{\"facilityMw\": 1, \"powerRegion\": \"MARS\", \"configurations\": [{\"name\": \"x\", "
                        + "\"frontier\": [{\"tokensPerSecondPerUser\": 1, \"tokensPerSecondPerMw\": 1}]}]}")
                .when().post("/api/pricing/tier-plans").then().statusCode(400).body("errors[0].field", equalTo("powerRegion"));
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body("{\"facilityMw\": 1, \"usdPerKwh\": 0.1}")
                .when().post("/api/pricing/tier-plans").then().statusCode(400).body("errors[0].field", equalTo("configurations"));
    }

    @Test
    void tcoWithARegionalPowerPriceAndItsValidation() {
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"path": "OWN", "systemPriceUsd": 240000, "gpusPerSystem": 8, "amortizationYears": 4,
                         "facilityCapexUsdPerMw": 10000000, "maintenancePercentPerYear": 5, "opexUsdPerMwYear": 1000000,
                         "wattsPerGpu": 700, "utilizationPercent": 80, "pue": 1.2, "powerRegion": "US"}""")
                .when().post("/api/pricing/tco")
                .then().statusCode(200)
                .body("capital", equalTo(new BigDecimal("1.055936")))
                .body("energy", equalTo(new BigDecimal("0.061152")))
                .body("opex", equalTo(new BigDecimal("0.251142")))
                .body("total", equalTo(new BigDecimal("1.368230")));
        List<String> fields = given().auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("{\"path\": \"OWN\", \"systemPriceUsd\": -5, \"gpusPerSystem\": 8, \"amortizationYears\": 4, "
                        + "\"wattsPerGpu\": 700, \"pue\": 0.95, \"usdPerKwh\": -0.1}")
                .when().post("/api/pricing/tco")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("systemPriceUsd", "pue", "usdPerKwh");
    }

    @Test
    void efficiencyScoresReproduceSeed002AsJsonAndCsv() {
        String body = """
                {"models": [{"name": "GPT-4o", "quality": 88.7, "usdPerMillionInputTokens": 5.00, "usdPerMillionOutputTokens": 15},
                            {"name": "Claude 3.5 Sonnet", "quality": 88.3, "usdPerMillionInputTokens": 3.00},
                            {"name": "Gemini 1.5 Pro", "quality": 86.5, "usdPerMillionInputTokens": 3.50},
                            {"name": "ERNIE 4.0 Turbo", "quality": 82.1, "usdPerMillionInputTokens": 1.20},
                            {"name": "Llama 3 70B", "quality": 82.0, "usdPerMillionInputTokens": 0.59},
                            {"name": "Mixtral 8x7B", "quality": 70.6, "usdPerMillionInputTokens": 0.20}]}""";
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(200)
                .body("score", equalTo(List.of(new BigDecimal("17.7"), new BigDecimal("29.4"), new BigDecimal("24.7"),
                        new BigDecimal("68.4"), new BigDecimal("139.0"), new BigDecimal("353.0"))));
        String csv = given().auth().oauth2(VIEWER).contentType(ContentType.JSON).accept("text/csv").body(body)
                .when().post("/api/pricing/efficiency-scores").then().statusCode(200).extract().asString();
        assertThat(csv).contains("1,\"Mixtral 8x7B\",70.6,0.200000,353.0");
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("{\"inputWeightPercent\": 120, \"models\": [{\"name\": \"x\", \"quality\": -1, \"usdPerMillionInputTokens\": -2}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors.size()", equalTo(3));
    }

    @Test
    void unitEconomicsAndItsValidation() {
        String body = """
                {"cost": {"usdPerMillionInputTokens": 0.5, "usdPerMillionOutputTokens": 2},
                 "segments": [{"name": "law firm", "users": 10, "requestsPerMonth": 156, "inputTokensPerRequest": 500000,
                   "outputTokensPerRequest": 2000, "churnPercentPerMonth": 2, "cacUsd": 5000,
                   "plan": {"type": "SUBSCRIPTION", "usdPerMonth": 500, "includedTokensPerMonth": 50000000, "overageUsdPerMillionTokens": 1}}],
                 "growthUserCounts": [10, 100]}""";
        given().config(DECIMALS).auth().oauth2(VIEWER).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/unit-economics")
                .then().statusCode(200)
                .body("segments[0].ltvUsd", equalTo(new BigDecimal("24434.400000")))
                .body("growth[1].marginPerMonth", equalTo(new BigDecimal("48868.800000")));
        String csv = given().auth().oauth2(VIEWER).contentType(ContentType.JSON).accept("text/csv").body(body)
                .when().post("/api/pricing/unit-economics").then().statusCode(200).extract().asString();
        assertThat(csv.strip().split("\n")).hasSize(4);

        List<String> fields = given().auth().oauth2(VIEWER).contentType(ContentType.JSON)
                .body("""
                        {"cost": {"usdPerMillionInputTokens": -1, "usdPerMillionOutputTokens": 2},
                         "segments": [{"name": "x", "users": 1, "requestsPerMonth": 1, "inputTokensPerRequest": 1,
                           "outputTokensPerRequest": 1, "churnPercentPerMonth": 0, "cacUsd": -3,
                           "plan": {"type": "PER_TOKEN", "usdPerMillionInputTokens": -1}}]}""")
                .when().post("/api/pricing/unit-economics")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
        assertThat(String.join(" ", fields)).contains("cost.usdPerMillionInputTokens", "churnPercentPerMonth", "cacUsd",
                "usdPerMillionOutputTokens");
        assertThat(fields).hasSize(5);
    }
}

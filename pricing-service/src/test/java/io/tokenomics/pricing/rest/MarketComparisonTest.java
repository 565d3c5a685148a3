package io.tokenomics.pricing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tokenomics.pricing.UpstreamServer.HOOLI_MODEL;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Self-hosted cost vs market API prices, hand-computed; the catalog price is read from the catalog server. */
@QuarkusTest
class MarketComparisonTest {
    private static final String HOOLI = TestTokens.user("hooli", "viewer");

    @Test
    void rentedReplicaAgainstTheCatalogAndGroqPrices() {
        // 4 GPUs at 2.00 USD/h (power included) = 8 USD/h = 1/450 USD/s; 1000 output tok/s with 3 input tokens per
        // output token = 4000 tokens/s -> 1e6 / 4000 x 1/450 = 0.5555... USD per million tokens; per million output
        // tokens with their prompts x4 = 2.2222...
        // catalog Llama 3 70B: one price 0.59 -> ratio (5/9)/0.59 = 0.9416196, saving 5.8380 %
        // Groq (shared/data/prices.csv, Llama 3.3 70B): (3 x 0.59 + 0.79) / 4 = 0.64 -> ratio 0.8680556, saving 13.1944 %
        String body = """
                {"modelId": "llama-3-70b", "tco": {"path": "RENT", "rentalUsdPerGpuHour": 2.00},
                 "gpusPerReplica": 4, "outputTokensPerSecond": 1000, "inputTokensPerOutputToken": 3,
                 "marketPrices": [{"provider": "Groq (Llama 3.3 70B versatile)", "usdPerMillionInputTokens": 0.59,
                                   "usdPerMillionOutputTokens": 0.79, "source": "shared/data/prices.csv"}]}""";
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(200)
                .body("modelName", equalTo("Llama 3 70B"))
                .body("gpuHour.total", equalTo(new BigDecimal("2.000000")))
                .body("selfHosted.usdPerMillionTokens", equalTo(new BigDecimal("0.555556")))
                .body("selfHosted.rental", equalTo(new BigDecimal("0.555556")))
                .body("selfHosted.energy", equalTo(new BigDecimal("0.000000")))
                .body("selfHosted.usdPerMillionOutputTokensInputIncluded", equalTo(new BigDecimal("2.222222")))
                .body("rows.provider", equalTo(List.of("catalog: Llama 3 70B", "Groq (Llama 3.3 70B versatile)")))
                .body("rows[0].source", containsString("catalog model llama-3-70b revision 1"))
                .body("rows.marketUsdPerMillionTokens", equalTo(List.of(new BigDecimal("0.590000"), new BigDecimal("0.640000"))))
                .body("rows.selfHostedToMarketRatio", equalTo(List.of(new BigDecimal("0.941620"), new BigDecimal("0.868056"))))
                .body("rows.savingPercent", equalTo(List.of(new BigDecimal("5.8380"), new BigDecimal("13.1944"))))
                .body("rows.cheaper", equalTo(List.of("self-hosted", "self-hosted")))
                // no energy billed: break-even load = rental / market = 0.555556 / 0.59, / 0.64
                .body("rows.breakEvenUtilizationPercent", equalTo(List.of(new BigDecimal("94.1620"), new BigDecimal("86.8056"))));
        String csv = given().auth().oauth2(HOOLI).contentType(ContentType.JSON).accept("text/csv").body(body)
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("\"modelId\",\"provider\"");
        assertThat(lines[2]).startsWith("\"llama-3-70b\",\"Groq (Llama 3.3 70B versatile)\",0.59,0.79,0.640000,0.555556,0.868056,13.1944,\"self-hosted\",86.8056,");
    }

    @Test
    void energyIsSplitOutAndTheMarketCanBeCheaper() {
        // 2.00 USD/h rental + power billed: 0.7 kW x PUE 1.25 x 0.08 USD/kWh = 0.07 USD/h -> 2.07 USD/h for 1 GPU at
        // 100 output tok/s, no input: 2.07 / 3600 / 100 x 1e6 = 5.75 USD/M; energy 0.07 / 0.36 = 0.194444;
        // GPT-4o launch output price 15 -> ratio 0.383333, saving 61.6667 %; a 2/4 price -> market cheaper, -43.75 %
        String body = """
                {"tco": {"path": "RENT", "rentalUsdPerGpuHour": 2.00, "powerIncludedInRental": false,
                         "wattsPerGpu": 700, "pue": 1.25, "usdPerKwh": 0.08},
                 "gpusPerReplica": 1, "outputTokensPerSecond": 100, "inputTokensPerOutputToken": 0,
                 "marketPrices": [{"provider": "OpenAI GPT-4o (2024-05-13)", "usdPerMillionInputTokens": 5, "usdPerMillionOutputTokens": 15},
                                  {"provider": "cheap", "usdPerMillionInputTokens": 2, "usdPerMillionOutputTokens": 4}]}""";
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(200)
                .body("modelId", nullValue())
                .body("selfHosted.usdPerMillionTokens", equalTo(new BigDecimal("5.750000")))
                .body("selfHosted.energy", equalTo(new BigDecimal("0.194444")))
                .body("selfHosted.rental", equalTo(new BigDecimal("5.555556")))
                .body("rows.marketUsdPerMillionTokens", equalTo(List.of(new BigDecimal("15.000000"), new BigDecimal("4.000000"))))
                .body("rows.selfHostedToMarketRatio", equalTo(List.of(new BigDecimal("0.383333"), new BigDecimal("1.437500"))))
                .body("rows.savingPercent", equalTo(List.of(new BigDecimal("61.6667"), new BigDecimal("-43.7500"))))
                .body("rows.cheaper", equalTo(List.of("self-hosted", "market")))
                // 5.555556 / (15 - 0.194444) = 37.5235 %; 5.555556 / (4 - 0.194444) = 145.9854 %: a loss even when full
                .body("rows.breakEvenUtilizationPercent", equalTo(List.of(new BigDecimal("37.5235"), new BigDecimal("145.9854"))));
    }

    @Test
    void validationAndTenancy() {
        List<String> fields = given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("""
                        {"tco": {"path": "RENT", "pue": 0.5}, "gpusPerReplica": 0, "outputTokensPerSecond": -1,
                         "inputTokensPerOutputToken": 1}""")
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("gpusPerReplica", "marketPrices", "outputTokensPerSecond",
                "tco.pue", "tco.rentalUsdPerGpuHour");
        String privateModel = """
                {"modelId": "%s", "tco": {"path": "RENT", "rentalUsdPerGpuHour": 2},
                 "gpusPerReplica": 1, "outputTokensPerSecond": 100, "inputTokensPerOutputToken": 0}""".formatted(HOOLI_MODEL);
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(privateModel)
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(200).body("rows[0].provider", equalTo("catalog: Hooli distilled 8B"));
        given().auth().oauth2(TestTokens.user("globex", "viewer")).contentType(ContentType.JSON).body(privateModel)
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(404).body("errors[0].field", equalTo("modelId"));
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(privateModel.replace(HOOLI_MODEL, "llama-3.1-8b"))
                .when().post("/api/pricing/market-comparison")
                .then().statusCode(400).body("errors[0].field", equalTo("modelId"));
    }
}

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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The efficiency score from catalog ids: MMLU and API price are read server-side from a real HTTP server answering as
 * catalog-service (its view shape and seed figures, {@code UpstreamServer}), with the caller's token.
 */
@QuarkusTest
class EfficiencyFromCatalogTest {
    private static final String HOOLI = TestTokens.user("hooli", "viewer");
    private static final String GLOBEX = TestTokens.user("globex", "viewer");

    @Test
    void seed002TableFromCatalogIdsOnly() {
        String body = """
                {"models": [{"modelId": "gpt-4o"}, {"modelId": "claude-3.5-sonnet"}, {"modelId": "gemini-1.5-pro"},
                            {"modelId": "ernie-4.0-turbo"}, {"modelId": "llama-3-70b"}, {"modelId": "mixtral-8x7b"}]}""";
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(200)
                .body("name", equalTo(List.of("GPT-4o", "Claude 3.5 Sonnet", "Gemini 1.5 Pro", "ERNIE 4.0 Turbo",
                        "Llama 3 70B", "Mixtral 8x7B")))
                .body("quality", equalTo(List.of(new BigDecimal("88.7"), new BigDecimal("88.3"), new BigDecimal("86.5"),
                        new BigDecimal("82.1"), new BigDecimal("82.0"), new BigDecimal("70.6"))))
                // seed 002: 17.7, 29.4, 24.7, 68.4, 139.0, 353.0
                .body("score", equalTo(List.of(new BigDecimal("17.7"), new BigDecimal("29.4"), new BigDecimal("24.7"),
                        new BigDecimal("68.4"), new BigDecimal("139.0"), new BigDecimal("353.0"))))
                .body("rank", equalTo(List.of(6, 4, 5, 3, 2, 1)))
                .body("source[0]", containsString("catalog model gpt-4o revision 1"));
    }

    @Test
    void requestFieldsWinOverTheCatalog() {
        // quality from the catalog (88.7), the input price from the request: 88.7 / 2.5 = 35.48 -> 35.5
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"modelId\": \"gpt-4o\", \"name\": \"GPT-4o (batch)\", \"usdPerMillionInputTokens\": 2.5}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(200)
                .body("name[0]", equalTo("GPT-4o (batch)"))
                .body("score[0]", equalTo(new BigDecimal("35.5")));
    }

    @Test
    void aTenantsPrivateModelIsNotFoundForAnotherTenant() {
        String body = "{\"models\": [{\"modelId\": \"gpt-4o\"}, {\"modelId\": \"" + HOOLI_MODEL + "\"}]}";
        // hooli: 65.0 / 0.13 = 500.0
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(200).body("score[1]", equalTo(new BigDecimal("500.0")));
        given().auth().oauth2(GLOBEX).contentType(ContentType.JSON).body(body)
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("models[1].modelId"))
                .body("detail", containsString(HOOLI_MODEL));
    }

    @Test
    void unusableCatalogIdsNameTheField() {
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"modelId\": \"no-such-model\"}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(404).body("errors[0].field", equalTo("models[0].modelId"));
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"modelId\": \"../accelerators/H100\"}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("modelId"));
        // the catalog entry has neither MMLU nor an API price
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"modelId\": \"llama-3.1-8b\"}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("models[0].quality"));
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"modelId\": \"llama-3.1-8b\", \"quality\": 66.7}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("models[0].usdPerMillionInputTokens"));
        // the catalog has one price; a blend with output weight needs the output price
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"inputWeightPercent\": 50, \"models\": [{\"modelId\": \"gpt-4o\"}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("models[0].usdPerMillionOutputTokens"));
        // without a modelId, name and quality stay required
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body("{\"models\": [{\"usdPerMillionInputTokens\": 1}]}")
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors.field", equalTo(List.of("models[0].name", "models[0].quality")));
    }
}

package io.tokenomics.pricing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.devstack.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tokenomics.pricing.UpstreamServer.BROKEN_SWEEP;
import static io.tokenomics.pricing.UpstreamServer.DROPPED_SWEEP;
import static io.tokenomics.pricing.UpstreamServer.GLOBEX_SWEEP;
import static io.tokenomics.pricing.UpstreamServer.HOOLI_SWEEP;
import static io.tokenomics.pricing.UpstreamServer.RUNNING_SWEEP;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Tier plans from a simulator sweep id: the sweep is read over HTTP from a real server answering with simulator-service's
 * SweepView/SweepResult shape, with the caller's token forwarded (the server applies tenancy from it).
 */
@QuarkusTest
class TierPlanFromSweepTest {
    private static final String HOOLI = TestTokens.user("hooli", "viewer");

    @ConfigProperty(name = "quarkus.rest-client.simulator.url")
    String simulatorUrl;

    /** The tiers and costs of EconomicsResourceTest's gen-1; the frontier comes from the sweep or inline. */
    private static String request(String sweepConfiguration) {
        return """
                {"facilityMw": 20, "usdPerKwh": 0.05,
                 "tiers": [{"name": "Free", "usdPerMillionOutputTokens": 0, "minTokensPerSecondPerUser": 10},
                           {"name": "Premium", "usdPerMillionOutputTokens": 45, "minTokensPerSecondPerUser": 100, "demandCapTokensPerSecond": 600000},
                           {"name": "Fast", "usdPerMillionOutputTokens": 6, "minTokensPerSecondPerUser": 20, "demandCapTokensPerSecond": 1000000}],
                 "configurations": [%s,
                   {"name": "inline", "frontier": [{"tokensPerSecondPerUser": 20, "tokensPerSecondPerMw": 200000},
                                                   {"tokensPerSecondPerUser": 100, "tokensPerSecondPerMw": 20000}],
                    "capexUsdPerMw": 10000000, "opexUsdPerMwYear": 100000, "amortizationYears": 5}]}""".formatted(sweepConfiguration);
    }

    private static String sweep(String id) {
        return """
                {"name": "from-sweep", "sweepId": "%s", "wattsPerGpu": 800, "pue": 1.25,
                 "capexUsdPerMw": 10000000, "opexUsdPerMwYear": 100000, "amortizationYears": 5}""".formatted(id);
    }

    @Test
    void paretoPointsOfTheSweepBecomeTheFrontierPerMw() {
        // 800 W x PUE 1.25 = 1000 W per GPU -> 1000 GPUs per MW: 200 tok/s/GPU -> 200,000 tok/s per MW at 20 tok/s/user,
        // 20 tok/s/GPU -> 20,000 at 100; the dominated point (150 @ 18) and the failed point are left out. That is
        // exactly the inline frontier, so both plans must be equal (614,952,000 USD/year, see EconomicsResourceTest).
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep(HOOLI_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(200)
                .body("configurations[0].frontier.tokensPerSecondPerMw",
                        equalTo(List.of(new BigDecimal("200000.000000"), new BigDecimal("20000.000000"))))
                .body("configurations[0].frontier.tokensPerSecondPerUser",
                        equalTo(List.of(new BigDecimal("20.0"), new BigDecimal("100.0"))))
                .body("configurations[0].sweep.sweepId", equalTo(HOOLI_SWEEP))
                .body("configurations[0].sweep.modelId", equalTo("llama-3.1-70b"))
                .body("configurations[0].sweep.acceleratorId", equalTo("H100"))
                .body("configurations[0].sweep.simulationIds", equalTo(List.of("sim-0", "sim-2")))
                .body("configurations[0].sweep.completedPoints", equalTo(3))
                .body("configurations[0].sweep.wattsBasis", equalTo("request"))
                .body("configurations[1].sweep", nullValue())
                .body("configurations[0].revenueMaximizing.revenuePerYear", equalTo(new BigDecimal("614952000.000000")))
                .body("configurations[1].revenueMaximizing.revenuePerYear", equalTo(new BigDecimal("614952000.000000")))
                .body("configurations[0].revenueMaximizing.revenuePerMwYear", equalTo(new BigDecimal("30747600.000000")))
                .body("configurations[0].fixedSplit.revenuePerYear",
                        equalTo(given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON)
                                .body(request(sweep(HOOLI_SWEEP))).when().post("/api/pricing/tier-plans")
                                .then().extract().path("configurations[1].fixedSplit.revenuePerYear")));
    }

    @Test
    void withoutWattsTheCatalogTdpOfTheSweepsAcceleratorIsUsed() {
        // H100's catalog TDP 700 W x PUE 1.25 = 875 W per GPU: 200 x 1e6 / 875 = 228,571.428571...,
        // 20 x 1e6 / 875 = 22,857.142857...
        given().config(DECIMALS).auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body(request("""
                        {"name": "from-sweep", "sweepId": "%s", "pue": 1.25}""".formatted(HOOLI_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(200)
                .body("configurations[0].sweep.wattsBasis", equalTo("catalog-tdp"))
                .body("configurations[0].sweep.wattsPerGpu", equalTo(700))
                .body("configurations[0].frontier.tokensPerSecondPerMw",
                        equalTo(List.of(new BigDecimal("228571.428571"), new BigDecimal("22857.142857"))));
    }

    @Test
    void anotherTenantsSweepIsNotFoundAndNamesTheField() {
        // the server holds the sweep, but for globex: the forwarded hooli token gets simulator-service's 404
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep(GLOBEX_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("configurations[0].sweepId"))
                .body("detail", containsString(GLOBEX_SWEEP));
        // globex itself reads it
        given().auth().oauth2(TestTokens.user("globex", "viewer")).contentType(ContentType.JSON)
                .body(request(sweep(GLOBEX_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(200).body("configurations[0].sweep.sweepId", equalTo(GLOBEX_SWEEP));
        // an unknown id is the same 404
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body(request(sweep("5a1f0c3e-0000-4000-8000-0000000000ff")))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(404).body("errors[0].field", equalTo("configurations[0].sweepId"));
    }

    @Test
    void anUnfinishedSweepIsAConflict() {
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep(RUNNING_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("configurations[0].sweepId"))
                .body("detail", containsString("RUNNING"));
    }

    @Test
    void aFailingSimulatorIsRetriedThenUnavailable() throws Exception {
        int before = calls("/api/sweeps/" + BROKEN_SWEEP);
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep(BROKEN_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(503).contentType("application/problem+json");
        assertThat(calls("/api/sweeps/" + BROKEN_SWEEP) - before).as("one call and two retries").isEqualTo(3);

        // a dropped connection is no HTTP answer at all: still a 503 problem, not a 500
        int dropped = calls("/api/sweeps/" + DROPPED_SWEEP);
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep(DROPPED_SWEEP)))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("simulator-service"));
        // retried: the server saw more than one attempt (observed: 2 of the 3 attempts reach the handler here)
        assertThat(calls("/api/sweeps/" + DROPPED_SWEEP) - dropped).as("retried").isGreaterThanOrEqualTo(2);
    }

    @Test
    void sweepFieldsAreValidated() {
        String bad = request("""
                {"name": "both", "sweepId": "%s", "frontier": [{"tokensPerSecondPerUser": 20, "tokensPerSecondPerMw": 1}],
                 "pue": 0.9}""".formatted(HOOLI_SWEEP));
        // (wattsPerGpu may be left out: the catalog's TDP is used)
        List<String> fields = given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(bad)
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("configurations[0].sweepId", "configurations[0].pue");
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON)
                .body(request("{\"name\": \"inline-with-watts\", \"wattsPerGpu\": 700, "
                        + "\"frontier\": [{\"tokensPerSecondPerUser\": 20, \"tokensPerSecondPerMw\": 1}]}"))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(400).body("errors[0].field", equalTo("configurations[0].wattsPerGpu"));
        given().auth().oauth2(HOOLI).contentType(ContentType.JSON).body(request(sweep("not-a-uuid")))
                .when().post("/api/pricing/tier-plans")
                .then().statusCode(400).body("errors[0].field", equalTo("configurations[0].sweepId"));
    }

    private int calls(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulatorUrl + "/_calls" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(r.body());
    }
}

package io.tokenomics.gateway;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Whether the simulator work merged in parallel with the web app is on the platform under test: the browser tests
 * that need it are enabled by these probes, so they run (and must pass) as soon as it is merged, and are reported as
 * skipped before. {@code -Dtokenomics.simulatorMerged=true} enables them regardless (they then fail without it).
 */
final class SimulatorFeatures {
    private static final String FORCE = "tokenomics.simulatorMerged";
    private static final String SCENARIO = """
            {"name": "probe", "modelId": "llama-3.1-8b", "acceleratorId": "H100", "quantization": "FP8",
             "parallelism": {"tensor": 1, "pipeline": 1, "expert": 1}, "replicas": 1,
             "workload": {"arrivalRate": 4, "inputTokens": 256, "outputTokens": 32}, "requestCount": 50, "seed": 3}""";
    private static Boolean estimate;
    private static Boolean distributions;

    private SimulatorFeatures() {
    }

    /** {@code POST /api/simulations/estimate} exists: anything but 404/405 from the simulator behind the gateway. */
    static synchronized boolean estimate() {
        if (Boolean.getBoolean(FORCE)) {
            return true;
        }
        if (estimate == null) {
            int status = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(PlatformUnderTest.userToken("acme-analyst"))
                    .contentType(ContentType.JSON).body(SCENARIO).post("/api/simulations/estimate").statusCode();
            System.out.println("[probe] POST /api/simulations/estimate -> " + status);
            estimate = status != 404 && status != 405;
        }
        return estimate;
    }

    /** A small run's result carries {@code latencyDistribution} and {@code timeSeries}. */
    static synchronized boolean distributions() throws InterruptedException {
        if (Boolean.getBoolean(FORCE)) {
            return true;
        }
        if (distributions == null) {
            String token = PlatformUnderTest.userToken("acme-analyst");
            String id = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(SCENARIO).post("/api/simulations").then().statusCode(202).extract().path("id");
            JsonPath job = null;
            for (int i = 0; i < 120; i++) {
                job = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(token).get("/api/simulations/" + id).jsonPath();
                if (!java.util.List.of("QUEUED", "RUNNING").contains(job.getString("status"))) {
                    break;
                }
                Thread.sleep(500);
            }
            Map<String, Object> result = job == null ? null : job.getMap("result");
            distributions = result != null && result.get("latencyDistribution") != null && result.get("timeSeries") != null;
            System.out.println("[probe] result of " + id + " has latencyDistribution and timeSeries: " + distributions);
        }
        return distributions;
    }
}

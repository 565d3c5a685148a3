package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tokenomics.devstack.DevstackLayout;
import io.tokenomics.devstack.PlatformStack;
import io.tokenomics.devstack.PostgresServer;
import io.tokenomics.devstack.QuarkusService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The free plan's limits and a service outage on the real platform, seen through the API and the web app:
 * globex (free plan: one queued or running job, 120 requests per minute with a burst of 30) gets 429 with
 * Retry-After from simulator-service's job quota and from the gateway's token bucket, and the web app says when to try
 * again; a gateway whose simulator-service is down answers 503 problem+json naming it, promptly, while its other routes
 * keep working. The outage uses a second gateway of its own, so the shared platform stays whole for the other ITs,
 * and globex's bucket is left refilled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaAndOutageIT {
    private static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static String api(String path) {
        return PlatformUnderTest.gatewayUrl() + path;
    }

    @Test
    @Order(1)
    void theFreePlansJobQuotaRefusesASecondJobWith429AndTheBuilderSaysWhenToRetry() {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = Chromium.logIn(context, "globex-analyst");
            page.navigate(api("/app/#/simulate"));
            page.waitForSelector("#scenario input[name='requestCount']");

            // a sweep of 25 points x 100 000 requests occupies globex's only job slot for a while
            String globex = PlatformUnderTest.userToken("globex-analyst");
            Map<String, Object> base = new HashMap<>(SimulationJobsThroughGatewayIT.scenario("quota holder"));
            base.put("requestCount", 100_000);
            String sweep = given().auth().oauth2(globex).contentType(ContentType.JSON)
                    .body(Map.of("name", "holds the free plan's only slot", "scenario", base,
                            "grid", Map.of("maxBatchSequences", List.of(8, 16, 32, 64, 128),
                                    "arrivalRate", List.of(1.0, 2.0, 4.0, 8.0, 16.0))))
                    .post(api("/api/sweeps")).then().statusCode(202).extract().path("id");
            try {
                // the API: 429 problem+json with Retry-After
                Response refused = given().auth().oauth2(globex).contentType(ContentType.JSON)
                        .body(SimulationJobsThroughGatewayIT.scenario("second job")).post(api("/api/simulations"));
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();

                // the web app: the refusal and when to try again
                page.fill("input[name='name']", "One job too many");
                page.click("#run-simulation");
                page.waitForSelector("#submit-status .problem[data-status='429']");
                assertThat(page.textContent("#submit-status .retry-after")).matches(" Try again in \\d+ s\\.");
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("quota-jobs-429.png")).setFullPage(true));
            } finally {
                given().auth().oauth2(globex).post(api("/api/sweeps/" + sweep + "/cancel")).then().statusCode(200)
                        .body("status", equalTo("CANCELLED"));
            }

            // the slot is free again: the same click now starts the run
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
        }
    }

    @Test
    @Order(2)
    void theFreePlansRequestRateEndsIn429WithRetryAfterAndTheWebAppShowsIt() throws Exception {
        String globex = PlatformUnderTest.userToken("globex-analyst");
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = Chromium.logIn(context, "globex-analyst");
            page.waitForSelector("#accelerators");

            // empty globex's bucket (burst 30, refilled at 2 per second) and keep it empty while the browser asks
            Response refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                Response r = given().auth().oauth2(globex).get(api("/api/platform/plans"));
                if (r.statusCode() == 429) {
                    refused = r;
                }
            }
            assertThat(refused).as("globex's bucket empties within 200 requests").isNotNull();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.jsonPath().getString("detail")).contains("plan 'free'", "120 requests per minute");

            AtomicBoolean hammering = new AtomicBoolean(true);
            Thread hammer = Thread.ofVirtual().start(() -> {
                while (hammering.get()) {
                    given().auth().oauth2(globex).get(api("/api/platform/plans"));
                }
            });
            try {
                boolean shown = false;
                for (int attempt = 0; attempt < 8 && !shown; attempt++) {
                    page.navigate(api("/app/#/pricing/unit-economics"));
                    page.navigate(api("/app/#/catalog"));
                    page.waitForSelector(".problem, #accelerators");
                    shown = page.locator(".problem[data-status='429']").count() > 0;
                }
                assertThat(shown).as("the catalog page shows the 429").isTrue();
                assertThat(page.textContent(".problem[data-status='429']")).contains("Too Many Requests", "plan 'free'");
                assertThat(page.textContent(".problem[data-status='429'] .retry-after")).matches(" Try again in \\d+ s\\.");
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("quota-rate-429.png")));
            } finally {
                hammering.set(false);
                hammer.join();
            }
        } finally {
            // leave the bucket refilled for the other ITs
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                Response r = given().auth().oauth2(globex).get(api("/api/platform/plans"));
                return r.statusCode() == 200 && Integer.parseInt(r.header("RateLimit-Remaining")) >= 25;
            });
        }
    }

    @Test
    @Order(3)
    void aGatewayWhoseSimulatorIsDownAnswers503NamingItWhileItsOtherRoutesWork() throws IOException {
        PlatformStack stack = PlatformUnderTest.get();
        int deadPort;
        int port;
        try (ServerSocket dead = new ServerSocket(0); ServerSocket free = new ServerSocket(0)) {
            deadPort = dead.getLocalPort();
            port = free.getLocalPort();
        }
        Map<String, String> config = new HashMap<>(new PostgresServer.Database("127.0.0.1", stack.postgresPort(),
                "gateway", "gateway", "demo-gateway").quarkusConfig());
        config.put("quarkus.oidc.auth-server-url", stack.keycloak().realmUrl());
        config.put("gateway.services.catalog", stack.serviceUrl(PlatformStack.CATALOG));
        config.put("gateway.services.pricing", stack.serviceUrl(PlatformStack.PRICING));
        config.put("gateway.services.simulator", "http://127.0.0.1:" + deadPort);
        config.put("quarkus.log.console.json.enabled", "false");
        try (QuarkusService gateway = QuarkusService.start(DevstackLayout.detect().serviceJar(PlatformStack.GATEWAY),
                "gateway-simulator-down", port, config, Path.of("target", "e2e", "gateway-simulator-down.log").toAbsolutePath(),
                Duration.ofSeconds(180))) {
            String analyst = PlatformUnderTest.userToken("acme-analyst");
            for (String method : List.of("GET", "POST", "GET")) {
                long begin = System.nanoTime();
                Response response = method.equals("POST")
                        ? given().auth().oauth2(analyst).contentType(ContentType.JSON)
                                .body(SimulationJobsThroughGatewayIT.scenario("nowhere to go"))
                                .post(gateway.baseUrl() + "/api/simulations")
                        : given().auth().oauth2(analyst).get(gateway.baseUrl() + "/api/simulations");
                double seconds = (System.nanoTime() - begin) / 1e9;
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.jsonPath().getString("detail")).contains("simulator-service");
                assertThat(response.header("Retry-After")).isNotBlank();
                assertThat(seconds).as("answered promptly, not a hang").isLessThan(10);
            }
            given().auth().oauth2(analyst).get(gateway.baseUrl() + "/api/sweeps").then().statusCode(503)
                    .body("detail", containsString("simulator-service"));
            // the same gateway still reaches the services that are up
            given().auth().oauth2(analyst).get(gateway.baseUrl() + "/api/catalog/accelerators?limit=5").then().statusCode(200);
        }
        // and the shared platform's gateway is untouched
        given().auth().oauth2(PlatformUnderTest.userToken("acme-analyst")).get(api("/api/simulations?limit=1"))
                .then().statusCode(200);
    }
}

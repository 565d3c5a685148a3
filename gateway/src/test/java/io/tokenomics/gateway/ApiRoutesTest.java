package io.tokenomics.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.common.ResourceArg;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.PostgresTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(EchoBackendResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class ApiRoutesTest {

    @Test
    void forwardsTheCallersTokenButNoClientSuppliedIdentityHeaders() {
        String token = TestTokens.user("acme", "viewer");
        given().auth().oauth2(token)
                .header("X-Tenant", "globex")
                .header("X-Forwarded-User", "admin")
                .header("X-Tenant-Plan", "enterprise; jobs=9999")
                .header("Idempotency-Key", "k-1")
                .when().get("/api/catalog/accelerators?vendor=NVIDIA")
                .then().statusCode(200)
                .header("X-Backend", "echo")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/catalog/accelerators?vendor=NVIDIA"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.idempotency-key", equalTo("k-1"))
                .body("headers.x-tenant", nullValue())
                .body("headers.x-tenant-plan", equalTo("pro; jobs=5; requests=10000000; sweep-points=1000"))
                .header("RateLimit-Limit", equalTo("200"))
                .header("RateLimit-Policy", equalTo("200;w=10"))
                .body("headers.x-forwarded-user", nullValue());
    }

    @Test
    void forwardsBodiesAndStatusCodes() {
        given().auth().oauth2(TestTokens.user("acme", "analyst", "viewer"))
                .contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().post("/api/simulations")
                .then().statusCode(200)
                .header("Location", equalTo(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/simulations/created"))
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"name\":\"x\"}"))
                .body("headers.content-type", startsWith("application/json"));
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/teapot")
                .then().statusCode(418);
    }

    @Test
    void composesASimulationWithItsPriceAndSurvivesPricingBeingDown() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/simulations/abc")
                .then().statusCode(200)
                .body("uri", equalTo("/api/simulations/abc"))
                .body("price", nullValue());
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/pricing/rates")
                .then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .contentType("application/problem+json")
                .body("detail", containsString("pricing-service"));
    }

    @Test
    void refusesMissingTokensRolesAndTenants() {
        given().when().get("/api/catalog/accelerators").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sign("acme", "account", TestTokens.ISSUER, 300, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("acme"))
                .when().get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(null, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("tenant"));
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/accelerators")
                .then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", nullValue());
        given().header("X-Forwarded-Proto", "https").when().get("/api/catalog/accelerators")
                .then().statusCode(401)
                .header("Strict-Transport-Security", startsWith("max-age="))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void idempotentCallsAreRetriedButWritesAreNot() {
        // pricing points at a closed port: a GET is tried three times, a POST once, both end as 503 naming the service
        long begin = System.nanoTime();
        given().auth().oauth2(TestTokens.user("acme", "viewer")).when().get("/api/pricing/rates")
                .then().statusCode(503).body("detail", containsString("pricing-service"));
        given().auth().oauth2(TestTokens.user("acme", "analyst", "viewer")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/pricing/quotes")
                .then().statusCode(503).body("detail", containsString("pricing-service"));
        org.assertj.core.api.Assertions.assertThat(System.nanoTime() - begin).isLessThan(10_000_000_000L);
    }

    @Test
    void unknownApiPathsAreProblems() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void aTenantOverItsPlanGets429WithRetryAfterAndOthersAreUnaffected() {
        String admin = TestTokens.user("platform", "platform-admin", "viewer");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"plan\":\"free\"}")
                .when().put("/api/platform/tenants/initech/plan").then().statusCode(200).body("name", equalTo("free"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"requestsPerMinute\":1,\"burst\":3,\"maxRequestsPerSimulation\":100000,\"maxSweepPoints\":50,\"maxConcurrentJobs\":1}")
                .when().put("/api/platform/plans/free").then().statusCode(200).body("burst", equalTo(3));
        try {
            String initech = TestTokens.user("initech", "viewer");
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(initech).when().get("/api/catalog/accelerators").then().statusCode(200)
                        .header("RateLimit-Remaining", equalTo(Integer.toString(2 - i)));
            }
            given().auth().oauth2(initech).when().get("/api/catalog/accelerators")
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("60"))
                    .header("RateLimit-Remaining", equalTo("0"))
                    .body("detail", containsString("free"));
            // acme (plan pro) is not throttled by initech's empty bucket
            given().auth().oauth2(TestTokens.user("acme", "viewer")).when().get("/api/catalog/accelerators")
                    .then().statusCode(200);
        } finally {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"requestsPerMinute\":120,\"burst\":30,\"maxRequestsPerSimulation\":100000,\"maxSweepPoints\":50,\"maxConcurrentJobs\":1}")
                    .when().put("/api/platform/plans/free").then().statusCode(200);
        }
    }

    @Test
    void plansAreEditableOnlyByPlatformAdminsAndValidated() {
        given().auth().oauth2(TestTokens.user("acme", "viewer")).when().get("/api/platform/plans")
                .then().statusCode(200).body("name", org.hamcrest.Matchers.contains("free", "pro", "enterprise", "internal"));
        given().auth().oauth2(TestTokens.user("acme", "tenant-admin", "viewer")).contentType(ContentType.JSON)
                .body("{\"requestsPerMinute\":1,\"burst\":1,\"maxRequestsPerSimulation\":1,\"maxSweepPoints\":1,\"maxConcurrentJobs\":1}")
                .when().put("/api/platform/plans/pro").then().statusCode(403).contentType("application/problem+json");
        String admin = TestTokens.user("platform", "platform-admin", "viewer");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"requestsPerMinute\":0,\"burst\":-1,\"maxRequestsPerSimulation\":1,\"maxSweepPoints\":1,\"maxConcurrentJobs\":1}")
                .when().put("/api/platform/plans/pro").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("burst", "requestsPerMinute"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"plan\":\"platinum\"}")
                .when().put("/api/platform/tenants/acme/plan").then().statusCode(400).body("errors[0].field", equalTo("plan"));
        given().auth().oauth2(TestTokens.user("acme", "tenant-admin", "viewer")).contentType(ContentType.JSON)
                .body("{\"plan\":\"enterprise\"}")
                .when().put("/api/platform/tenants/acme/plan").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("acme", "viewer")).when().get("/api/platform/tenants/acme/plan")
                .then().statusCode(200).body("name", equalTo("pro"));
        given().auth().oauth2(TestTokens.user("acme", "viewer")).when().get("/api/platform/tenants/globex/plan")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/platform/tenants/globex/plan")
                .then().statusCode(200).body("name", equalTo("free"));
    }

    @Test
    void serverSentEventsStreamThroughWithoutBuffering() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/simulations/s1/events"))
                .header("Authorization", "Bearer " + TestTokens.user("acme", "viewer"))
                .header("Accept", "text/event-stream").GET().build();
        long begin = System.nanoTime();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.util.List<Long> arrivals = new java.util.ArrayList<>();
        java.util.List<String> events = new java.util.ArrayList<>();
        response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
            arrivals.add((System.nanoTime() - begin) / 1_000_000);
            events.add(line);
        });
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        org.assertj.core.api.Assertions.assertThat(events).containsExactly(
                "data: {\"percent\":33}", "data: {\"percent\":66}", "data: {\"percent\":99}");
        // the first event arrived well before the stream ended
        org.assertj.core.api.Assertions.assertThat(arrivals.get(2) - arrivals.get(0)).isGreaterThan(1000);
    }

    @Test
    void oneOpenApiDocumentCoversTheServicesThatAreUp() {
        given().when().get("/openapi").then().statusCode(200)
                .body("info.title", equalTo("Tokenomics API"))
                .body("paths.keySet().findAll { it.startsWith('/api/echo/') }.size()", equalTo(1))
                .body("paths.'/q/health'", nullValue())
                .body("components.schemas.Echo.type", equalTo("object"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("info.description", containsString("pricing-service"));
    }
}

package io.tokenomics.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.devstack.testing.OidcTestResource;
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
class ApiRoutesTest {

    @Test
    void forwardsTheCallersTokenButNoClientSuppliedIdentityHeaders() {
        String token = TestTokens.user("acme", "viewer");
        given().auth().oauth2(token)
                .header("X-Tenant", "globex")
                .header("X-Forwarded-User", "admin")
                .header("Idempotency-Key", "k-1")
                .when().get("/api/catalog/accelerators?vendor=NVIDIA")
                .then().statusCode(200)
                .header("X-Backend", "echo")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/catalog/accelerators?vendor=NVIDIA"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.idempotency-key", equalTo("k-1"))
                .body("headers.x-tenant", nullValue())
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
                .then().statusCode(502)
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
    void unknownApiPathsAreProblems() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}

package io.tokenomics.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.PostgresTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's calls carry the trace on to the services: the echo backend shows the W3C {@code traceparent} it
 * received - in the caller's trace when the caller sent one, with the gateway's own span as the parent.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(EchoBackendResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class TracePropagationTest {
    private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-01";

    @Test
    void aCallThroughTheGatewayCarriesTheCallersTraceToTheBackend() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String received = given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .when().get("/api/catalog/accelerators")
                .then().statusCode(200)
                .extract().path("headers.traceparent");

        assertThat(received).matches(TRACEPARENT);
        assertThat(received.split("-")[1]).as("same trace").isEqualTo(traceId);
        assertThat(received.split("-")[2]).as("parent: a span of the gateway, not the caller's").isNotEqualTo(callerSpan);
    }

    @Test
    void aCallWithoutATraceStartsOneThatTheBackendContinues() {
        String first = given().auth().oauth2(TestTokens.user("acme", "analyst", "viewer"))
                .contentType("application/json").body("{\"name\":\"x\"}")
                .when().post("/api/simulations")
                .then().statusCode(200)
                .extract().path("headers.traceparent");
        String second = given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/accelerators")
                .then().statusCode(200)
                .extract().path("headers.traceparent");

        assertThat(first).matches(TRACEPARENT).doesNotStartWith("00-00000000000000000000000000000000");
        assertThat(second).matches(TRACEPARENT);
        assertThat(first.split("-")[1]).as("each request is its own trace").isNotEqualTo(second.split("-")[1]);
    }
}

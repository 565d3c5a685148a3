package io.tokenomics.gateway;

import io.restassured.http.ContentType;
import io.tokenomics.devstack.DevstackLayout;
import io.tokenomics.devstack.PlatformStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The whole platform on real PostgreSQL, Kafka and Keycloak, started once for every {@code *IT} class of the test JVM
 * (Keycloak alone takes 25-100 s on 2 cores) and stopped when the JVM exits. Tokens come from the real Keycloak with
 * the DEMO credentials of the realm file.
 */
public final class PlatformUnderTest {
    private static PlatformStack stack;

    private PlatformUnderTest() {
    }

    public static synchronized PlatformStack get() {
        if (stack == null) {
            long begin = System.nanoTime();
            var options = new PlatformStack.Options(PlatformStack.Ports.ephemeral(),
                    Path.of("target", "e2e").toAbsolutePath(), false, false, Duration.ofSeconds(300),
                    Duration.ofSeconds(180));
            stack = PlatformStack.start(DevstackLayout.detect(), options, line -> System.out.println("[e2e] " + line));
            System.out.printf("[e2e] platform ready in %.1f s; memory (RSS MiB): %s%n", (System.nanoTime() - begin) / 1e9,
                    stack.residentMemory().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue() / (1024 * 1024)).toList());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "platform-under-test-shutdown"));
        }
        return stack;
    }

    public static String gatewayUrl() {
        return get().gatewayUrl();
    }

    /** Password grant with the demo client {@code cli}; the password of every demo user is "demo-" + its name. */
    public static String userToken(String user) {
        return given().baseUri(get().keycloak().tokenUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("client_id", "cli", "grant_type", "password", "username", user,
                        "password", "demo-" + user, "scope", "openid"))
                .post()
                .then().statusCode(200).extract().path("access_token");
    }

    /** Client-credentials grant of a tenant's API client (DEMO secret). */
    public static String clientToken(String clientId, String demoSecret) {
        return given().baseUri(get().keycloak().tokenUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("client_id", clientId, "client_secret", demoSecret,
                        "grant_type", "client_credentials"))
                .post()
                .then().statusCode(200).extract().path("access_token");
    }
}

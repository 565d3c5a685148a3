package io.tokenomics.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Makes a service verify bearer tokens against the signing key of {@link TestTokens}: real signature, issuer,
 * audience and expiry checks by quarkus-oidc, without a Keycloak per service test. The end-to-end tests use the real
 * Keycloak instead.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}

package io.tokenomics.devstack.testing;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signed access tokens shaped like Keycloak's (issuer, {@code aud}, {@code tenant}, {@code realm_access.roles}) for
 * service tests. The key pair is made fresh per test JVM and kept in system properties, so the test class loader and
 * Quarkus' class loader see the same key.
 */
public final class TestTokens {
    public static final String ISSUER = "https://tests.tokenomics.invalid/realms/tokenomics";
    public static final String AUDIENCE = "tokenomics-api";
    private static final String PRIVATE_KEY = "tokenomics.test.oidc.private-key";
    private static final String PUBLIC_KEY = "tokenomics.test.oidc.public-key";

    private TestTokens() {
    }

    /** A token of a user of {@code tenant} holding {@code roles}. */
    public static String user(String tenant, String... roles) {
        return sign(tenant, AUDIENCE, ISSUER, 300, roles);
    }

    /** Any token variant, to test that wrong audience, issuer or expiry is refused. */
    public static String sign(String tenant, String audience, String issuer, long expiresInSeconds, String... roles) {
        var builder = Jwt.issuer(issuer)
                .audience(audience)
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", (tenant == null ? "nobody" : tenant) + "-test-user")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(System.currentTimeMillis() / 1000 - 5)
                .expiresAt(System.currentTimeMillis() / 1000 + expiresInSeconds);
        if (tenant != null) {
            builder.claim("tenant", tenant);
        }
        return builder.jws().keyId("test-key").sign(privateKey());
    }

    static String publicKeyBase64() {
        ensureKeys();
        return System.getProperty(PUBLIC_KEY);
    }

    private static PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void ensureKeys() {
        synchronized (System.class) {
            if (System.getProperty(PRIVATE_KEY) != null) {
                return;
            }
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                System.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                System.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

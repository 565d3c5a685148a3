package io.tokenomics.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution, run as a child process in dev mode on loopback, importing the
 * {@code tokenomics} realm from this module's resources at every start (the dev database is wiped first: Keycloak
 * silently skips the import of a realm that already exists).
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String REALM = "tokenomics";
    /** Local-only bootstrap admin of the dev Keycloak: DEMO credentials, never used outside loopback. */
    public static final String DEMO_ADMIN_USER = "admin";
    public static final String DEMO_ADMIN_PASSWORD = "demo-admin";

    private final ChildProcess process;
    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param distribution the unpacked distribution, left untouched
     * @param home         this run's private copy (made on first use), so a test run and a local run never share a
     *                     Keycloak database or build
     */
    /**
     * @param webAppUrl where the gateway serves the web app; added to the {@code web} client's redirect URIs when it
     *                  is not the default {@code http://127.0.0.1:8080} (tests run the gateway on a free port)
     */
    public static KeycloakServer start(Path distribution, Path home, int port, int managementPort, String webAppUrl,
                                       Path log, Duration timeout) {
        if (!Files.isRegularFile(distribution.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + distribution
                    + ": run ./mvnw -pl devstack package");
        }
        copyOnce(distribution, home);
        Path kcSh = home.resolve("bin/kc.sh");
        prepareImport(home, webAppUrl);
        List<String> command = new ArrayList<>(List.of("bash", kcSh.toString(), "start-dev",
                "--import-realm",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--hostname-strict=false",
                "--log-level=warn,org.keycloak.services:info,org.keycloak.exportimport:info"));
        Map<String, String> env = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", DEMO_ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        ChildProcess child = ChildProcess.start("keycloak", command, env, home, log);
        KeycloakServer server = new KeycloakServer(child, port);
        try {
            ReadinessProbe.awaitOk("Keycloak", URI.create(server.realmUrl() + "/.well-known/openid-configuration"),
                    timeout, child::isAlive);
        } catch (RuntimeException e) {
            child.close();
            throw new IllegalStateException(e.getMessage() + "; see " + log, e);
        }
        return server;
    }

    private static void prepareImport(Path home, String webAppUrl) {
        try {
            Path data = home.resolve("data");
            for (String stale : List.of("h2", "import")) {
                FileTrees.delete(data.resolve(stale));
            }
            Path importDir = Files.createDirectories(data.resolve("import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/tokenomics-realm.json")) {
                if (realm == null) {
                    throw new IllegalStateException("realm file keycloak/tokenomics-realm.json missing from the classpath");
                }
                String json = new String(realm.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String defaultRedirect = "\"http://127.0.0.1:8080/*\"";
                if (!json.contains(defaultRedirect)) {
                    throw new IllegalStateException("the realm's web client lost its default redirect URI " + defaultRedirect);
                }
                json = json.replace(defaultRedirect, defaultRedirect + ", \"" + webAppUrl + "/*\"");
                Files.writeString(importDir.resolve("tokenomics-realm.json"), json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Keycloak realm import", e);
        }
    }

    private static void copyOnce(Path from, Path to) {
        if (Files.isRegularFile(to.resolve("bin/kc.sh"))) {
            return;
        }
        try {
            Path partial = to.resolveSibling(to.getFileName() + ".partial");
            FileTrees.delete(partial);
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path source : paths.toList()) {
                    Path target = partial.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            FileTrees.delete(to);
            Files.move(partial, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Keycloak to " + to, e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer and {@code auth-server-url} of the platform's realm. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    long pid() {
        return process.pid();
    }

    long residentBytes() {
        return process.residentBytes();
    }

    @Override
    public void close() {
        process.close();
    }
}

package io.tokenomics.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where things are: the repository root, the unpacked Keycloak, the service jars, and the local-run state folder. */
public record DevstackLayout(Path projectRoot, Path keycloakHome) {

    public static DevstackLayout detect() {
        Properties built = new Properties();
        try (InputStream in = DevstackLayout.class.getResourceAsStream("devstack.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path root = Path.of(System.getProperty("tokenomics.root", built.getProperty("project.root", "."))).toAbsolutePath().normalize();
        Path keycloak = Path.of(System.getProperty("tokenomics.keycloak.home",
                built.getProperty("keycloak.home", root.resolve("devstack/target/keycloak").toString())));
        return new DevstackLayout(root, keycloak);
    }

    /** The runnable jar Quarkus builds for a service module (fast-jar layout). */
    public Path serviceJar(String module) {
        Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        return jar;
    }

    /** State of the local run (database files, logs, pid file); ignored by git. */
    public Path stateDir() {
        return projectRoot.resolve(".devstack");
    }
}

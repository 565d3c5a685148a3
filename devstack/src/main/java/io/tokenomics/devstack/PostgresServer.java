package io.tokenomics.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * A real PostgreSQL 17 server from the zonky bundled binaries (no Docker, no system package). As root it runs initdb
 * inside a user namespace, which is what PostgreSQL requires. Each service gets its own database and login role.
 */
public final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param port    0 for any free port
     * @param dataDir where the cluster lives; {@code null} for a throw-away directory. An existing cluster is kept.
     */
    public static PostgresServer start(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * Creates (if missing) a login role and a database it owns, and returns how to reach it.
     * The password is a local-only demo credential; production takes it from a Kubernetes Secret.
     */
    public Database database(String name) {
        Objects.requireNonNull(name);
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("invalid database name " + name);
        }
        String password = "demo-" + name;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "select 1 from pg_roles where rolname = '" + name + "'")) {
                s.execute("create role " + name + " login password '" + password + "'");
            }
            if (!exists(s, "select 1 from pg_database where datname = '" + name + "'")) {
                s.execute("create database " + name + " owner " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new Database("127.0.0.1", port(), name, name, password);
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }

    /** Connection facts of one service database. */
    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }

        /** Quarkus configuration for one datasource carrying both the reactive and the JDBC URL. */
        public java.util.Map<String, String> quarkusConfig() {
            return java.util.Map.of(
                    "quarkus.datasource.reactive.url", reactiveUrl(),
                    "quarkus.datasource.jdbc.url", jdbcUrl(),
                    "quarkus.datasource.username", user,
                    "quarkus.datasource.password", password);
        }
    }
}

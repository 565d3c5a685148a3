package io.tokenomics.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokenomics.devstack.PostgresServer;

import java.util.Map;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s, started once per test JVM and stopped when it exits. Init arg
 * {@code database} names the service's database (one per service, as in production).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static PostgresServer server;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return server().database(database).quarkusConfig();
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-shutdown"));
        }
        return server;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}

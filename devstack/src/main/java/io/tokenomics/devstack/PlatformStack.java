package io.tokenomics.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The whole platform on one machine: PostgreSQL, Kafka, Keycloak, then catalog, simulator, pricing and the gateway,
 * each waited for until ready. Used by {@code ./tokenomics up} and by the end-to-end tests, so both run the same thing.
 */
public final class PlatformStack implements AutoCloseable {
    public static final String CATALOG = "catalog-service";
    public static final String SIMULATOR = "simulator-service";
    public static final String PRICING = "pricing-service";
    public static final String GATEWAY = "gateway";

    /** Ports of everything; {@link #ephemeral()} picks free ones so a test run never collides with a local run. */
    public record Ports(int gateway, int catalog, int simulator, int pricing, int postgres, int keycloak,
                        int keycloakManagement) {
        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 15432, 8180, 9180);
        }

        public static Ports ephemeral() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * @param postgresData where PostgreSQL keeps its files between runs; {@code null} for a throw-away cluster
     * @param logs         one log file per server
     * @param jsonLogs     services log JSON lines instead of text
     */
    public record Options(Ports ports, Path stateDir, boolean persistentDatabase, boolean jsonLogs,
                          Duration keycloakTimeout, Duration serviceTimeout) {
        Path logs() {
            return stateDir.resolve("logs");
        }

        Path postgresData() {
            return persistentDatabase ? stateDir.resolve("postgres") : null;
        }

        Path keycloakHome() {
            return stateDir.resolve("keycloak");
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, QuarkusService> services = new LinkedHashMap<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;

    private PlatformStack() {
    }

    public static PlatformStack start(DevstackLayout layout, Options options, Consumer<String> progress) {
        PlatformStack stack = new PlatformStack();
        try {
            stack.startAll(layout, options, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(DevstackLayout layout, Options options, Consumer<String> progress) {
        Ports ports = options.ports();
        progress.accept("starting Keycloak on :" + ports.keycloak() + " (30-100 s on 2 cores) ...");
        CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(() -> KeycloakServer.start(
                layout.keycloakHome(), options.keycloakHome(), ports.keycloak(), ports.keycloakManagement(),
                "http://127.0.0.1:" + ports.gateway(),
                options.logs().resolve("keycloak.log"), options.keycloakTimeout()));
        try {
            postgres = PostgresServer.start(ports.postgres(), options.postgresData());
            started.add(postgres);
            progress.accept("PostgreSQL ready on :" + postgres.port());
            kafka = KafkaBroker.start();
            started.add(kafka);
            progress.accept("Kafka (KRaft) ready on " + kafka.bootstrapServers());
            keycloak = keycloakStart.join();
            started.add(keycloak);
            progress.accept("Keycloak ready at " + keycloak.realmUrl());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            if (keycloak == null) {
                keycloakStart.thenAccept(KeycloakServer::close);
            }
        }

        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put(CATALOG, backendConfig(postgres.database("catalog")));
        configs.put(SIMULATOR, backendConfig(postgres.database("simulator")));
        configs.get(SIMULATOR).put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + ports.catalog());
        configs.put(PRICING, backendConfig(postgres.database("pricing")));
        configs.get(PRICING).put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + ports.catalog());
        configs.get(PRICING).put("quarkus.rest-client.simulator.url", "http://127.0.0.1:" + ports.simulator());
        Map<String, String> gateway = new HashMap<>(postgres.database("gateway").quarkusConfig());
        gateway.put("gateway.services.catalog", "http://127.0.0.1:" + ports.catalog());
        gateway.put("gateway.services.simulator", "http://127.0.0.1:" + ports.simulator());
        gateway.put("gateway.services.pricing", "http://127.0.0.1:" + ports.pricing());
        configs.put(GATEWAY, gateway);
        configs.values().forEach(c -> c.putAll(commonConfig(options.jsonLogs())));

        Map<String, Integer> servicePorts = Map.of(CATALOG, ports.catalog(), SIMULATOR, ports.simulator(),
                PRICING, ports.pricing(), GATEWAY, ports.gateway());
        Map<String, CompletableFuture<QuarkusService>> starting = new LinkedHashMap<>();
        configs.forEach((module, config) -> starting.put(module, CompletableFuture.supplyAsync(() ->
                QuarkusService.start(layout.serviceJar(module), module, servicePorts.get(module), config,
                        options.logs().resolve(module + ".log"), options.serviceTimeout()))));
        RuntimeException failure = null;
        for (var entry : starting.entrySet()) {
            try {
                QuarkusService service = entry.getValue().join();
                services.put(entry.getKey(), service);
                started.add(service);
                progress.accept(entry.getKey() + " ready at " + service.baseUrl());
            } catch (CompletionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Map<String, String> backendConfig(PostgresServer.Database database) {
        Map<String, String> config = new HashMap<>(database.quarkusConfig());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    private Map<String, String> commonConfig(boolean jsonLogs) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        config.put("quarkus.log.console.json.enabled", Boolean.toString(jsonLogs));
        return config;
    }

    public String gatewayUrl() {
        return services.get(GATEWAY).baseUrl();
    }

    public String serviceUrl(String module) {
        return services.get(module).baseUrl();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** Resident memory per server in bytes; this JVM hosts PostgreSQL's supervisor and the Kafka broker. */
    public Map<String, Long> residentMemory() {
        Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("keycloak", keycloak.residentBytes());
        services.forEach((name, service) -> memory.put(name, service.residentBytes()));
        memory.put("devstack (kafka + postgres)", ProcessMemory.residentBytes(ProcessHandle.current()) - memory.values().stream().mapToLong(Long::longValue).sum());
        return memory;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e.getMessage());
            }
        }
        started.clear();
        services.clear();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

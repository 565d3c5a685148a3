package io.tokenomics.simulator;

import io.tokenomics.devstack.testing.KeyedRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.KafkaBroker;
import io.tokenomics.devstack.PostgresServer;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real simulator-service processes (the built fast-jar, {@code target/quarkus-app}) on different ports, one
 * PostgreSQL, one KRaft Kafka broker whose {@code simulation.requests} has 6 partitions, both instances in consumer
 * group {@code simulator-workers}:
 * <ul>
 *   <li>end-to-end latency of a small scenario (submit → COMPLETED, one instance);</li>
 *   <li>the same sweep on one instance and on two: both instances run points, the results are identical, and the
 *   wall time of each is printed;</li>
 *   <li>an instance killed (SIGKILL) while it runs a unit: the unit is redelivered to the other instance, which
 *   completes it; the job is announced on {@code simulation.results} exactly once.</li>
 * </ul>
 * Catalog-service is the one part stood in for (a JDK HTTP server answering the two entries the jobs name), as in
 * the module's other tests; everything this test is about is real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedWorkersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GROUP = "simulator-workers";
    /** Worker threads per instance: one, so the one-vs-two comparison is about instances, not threads. */
    private static final int THREADS = 1;

    private PostgresServer postgres;
    private PostgresServer.Database database;
    private KafkaBroker kafka;
    private HttpServer catalog;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final String tenant = "dist-" + UUID.randomUUID().toString().substring(0, 6);
    private final String analyst = TestTokens.user(tenant, "analyst", "viewer");
    private final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        postgres = PostgresServer.start(0, null);
        database = postgres.database("simulator");
        kafka = KafkaBroker.start();
        catalog = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> entries = Map.of("/api/catalog/models/llama-3.1-8b", TestData.LLAMA_8B,
                "/api/catalog/accelerators/H100", TestData.H100);
        catalog.createContext("/api/catalog/", exchange -> {
            String body = entries.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        catalog.start();
        instances.put("a", Instance.start("a", config()));
    }

    @AfterAll
    void stop() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "unknown";
        }
        System.out.println("[distributed-workers] figures (" + Runtime.getRuntime().availableProcessors()
                + " CPUs visible, load average " + load + ", " + THREADS + " worker thread per instance):");
        figures.forEach((k, v) -> System.out.println("[distributed-workers]   " + k + ": " + v));
        instances.values().forEach(Instance::close);
        if (catalog != null) {
            catalog.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new TreeMap<>(database.quarkusConfig());
        config.putAll(new OidcTestResource().start());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + catalog.getAddress().getPort());
        config.put("smallrye.messaging.worker.simulator-engine.max-concurrency", String.valueOf(THREADS));
        // a killed instance leaves the group after this long (the broker's minimum), not after the default 45 s
        config.put("mp.messaging.incoming.simulation-requests.session.timeout.ms", "6000");
        config.put("mp.messaging.incoming.simulation-requests.heartbeat.interval.ms", "1000");
        return config;
    }

    @Test
    @Order(1)
    void aSmallScenarioCompletesEndToEnd() throws Exception {
        Instance a = instances.get("a");
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            String id = submit(a, "/api/simulations", TestData.scenario("latency " + run, "llama-3.1-8b", 4.0));
            JsonNode job = awaitStatus(a, "/api/simulations/" + id, "COMPLETED", Duration.ofSeconds(60), 10);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(job.path("result").path("completedRequests").asInt()).isEqualTo(1000);
            assertThat(job.path("worker").asText()).isEqualTo("a");
        }
        figures.put("small scenario (1000 requests) submit -> COMPLETED, 5 runs, ms", millis.toString());
    }

    @Test
    @Order(2)
    void twoInstancesShareOneSweepAndProduceTheSameResultAsOne() throws Exception {
        Map<String, Object> sweep = sweepBody();
        Run one = runSweep(sweep);
        assertThat(one.unitsPerWorker()).containsOnlyKeys("a");

        instances.put("b", Instance.start("b", config()));
        awaitGroupMembers(2);
        // instance a is warm (it ran the scenarios and the first sweep): warm b's JIT with one unmeasured run
        Run warmUp = runSweep(sweep);
        assertThat(warmUp.pointResults()).isEqualTo(one.pointResults());
        figures.put("sweep of 16 points, 2 instances, b cold (not compared)", warmUp.describe());
        Run two = runSweep(sweep);
        System.out.println("[distributed-workers] units per instance, one instance: " + one.unitsPerWorker()
                + "; two instances: " + two.unitsPerWorker());
        assertThat(two.unitsPerWorker()).containsOnlyKeys("a", "b");
        assertThat(two.unitsPerWorker().values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(two.unitsPerWorker().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
        // same scenario and seeds: every point's full result and the frontier are equal, whoever ran them
        assertThat(two.pointResults()).isEqualTo(one.pointResults());
        assertThat(two.pareto()).isEqualTo(one.pareto());

        figures.put("sweep of 16 points, 1 instance", one.describe());
        figures.put("sweep of 16 points, 2 instances", two.describe());
        figures.put("sweep speed-up 2 vs 1 instance", String.format("%.2fx", (double) one.millis() / two.millis()));
    }

    @Test
    @Order(3)
    void aUnitOfAKilledInstanceIsRedeliveredAndCompletedOnceByTheOther() throws Exception {
        assertThat(instances).containsKeys("a", "b");
        awaitGroupMembers(2);
        Map<String, Object> body = TestData.scenario("long unit", "llama-3.1-8b", 0.5);
        body.put("batch", Map.of("maxBatchSequences", 8, "maxBatchTokens", 8192));
        body.put("workload", Map.of("arrivalRate", 0.5, "inputTokens", 1024, "outputTokens", 2000));
        body.put("requestCount", 100_000);
        String id = submit(instances.get("a"), "/api/simulations", body);

        // wait until an instance has claimed the unit and is computing it
        String victim = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> row(id), r -> "RUNNING".equals(r.get("status")) && r.get("worker") != null)
                .get("worker");
        String survivor = victim.equals("a") ? "b" : "a";
        long killedAt = System.nanoTime();
        instances.remove(victim).kill();
        System.out.println("[distributed-workers] killed instance " + victim + " while it ran unit " + id);
        Map<String, String> running = row(id);
        assertThat(running.get("status")).as("the unit was still running when its instance died").isEqualTo("RUNNING");

        JsonNode job = awaitStatus(instances.get(survivor), "/api/simulations/" + id, "COMPLETED",
                Duration.ofSeconds(240), 200);
        figures.put("kill mid-unit: instance " + victim + " killed, unit completed by " + survivor + " after",
                (System.nanoTime() - killedAt) / 1_000_000 + " ms");
        assertThat(job.path("worker").asText()).isEqualTo(survivor);
        assertThat(job.path("attempts").asInt()).as("claimed by the killed instance, then once more").isEqualTo(2);
        assertThat(job.path("result").path("completedRequests").asInt()).isEqualTo(100_000);

        // the outcome was announced exactly once
        List<ConsumerRecord<String, String>> results = records(Topics.SIMULATION_RESULTS, id, Duration.ofSeconds(3));
        assertThat(results).hasSize(1);
        assertThat(EventCodec.typeOf(results.get(0).value())).isEqualTo(EventTypes.SIMULATION_COMPLETED);
    }

    // ---- sweeps

    private static Map<String, Object> sweepBody() {
        Map<String, Object> scenario = TestData.scenario(null, "llama-3.1-8b", 1.0);
        scenario.remove("name");
        scenario.put("workload", Map.of("arrivalRate", 1.0, "inputTokens", 1024, "outputTokens", 1000));
        scenario.put("requestCount", 5000);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "shared sweep");
        body.put("scenario", scenario);
        body.put("grid", Map.of("tensor", List.of(1, 2), "maxBatchSequences", List.of(8, 32),
                "arrivalRate", List.of(0.5, 1.0, 2.0, 4.0)));
        return body;
    }

    private record Run(long millis, Map<String, Integer> unitsPerWorker, Map<Integer, JsonNode> pointResults,
                       JsonNode pareto) {
        String describe() {
            return String.format("%d ms wall, %.2f points/s, units per instance %s", millis, 16_000.0 / millis,
                    unitsPerWorker);
        }
    }

    private Run runSweep(Map<String, Object> body) throws Exception {
        Instance api = instances.get("a");
        long start = System.nanoTime();
        String id = submit(api, "/api/sweeps", body);
        JsonNode sweep = awaitStatus(api, "/api/sweeps/" + id, "COMPLETED", Duration.ofSeconds(300), 50);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(sweep.path("progress").path("completed").asInt()).isEqualTo(16);
        Map<String, Integer> perWorker = new TreeMap<>();
        Map<Integer, JsonNode> results = new TreeMap<>();
        for (JsonNode point : sweep.path("result").path("results")) {
            JsonNode job = get(api, "/api/simulations/" + point.path("simulationId").asText());
            assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
            perWorker.merge(job.path("worker").asText(), 1, Integer::sum);
            results.put(point.path("index").asInt(), job.path("result"));
        }
        assertThat(results).hasSize(16);
        return new Run(millis, perWorker, results, sweep.path("result").path("pareto"));
    }

    private void awaitGroupMembers(int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                List<MemberDescription> assigned = group.members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).toList();
                return assigned.size() == members && assigned.stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size()).sum() == 6;
            });
        }
    }

    // ---- HTTP and database

    private String submit(Instance instance, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private JsonNode get(Instance instance, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + analyst).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitStatus(Instance instance, String path, String status, Duration atMost, long pollMillis) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(pollMillis)).pollDelay(Duration.ZERO)
                .until(() -> get(instance, path), j -> {
                    assertThat(j.path("status").asText()).isIn("QUEUED", "RUNNING", status);
                    return status.equals(j.path("status").asText());
                });
    }

    private Map<String, String> row(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             var s = c.prepareStatement("select status, worker, attempts from simulation where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                Map<String, String> row = new HashMap<>();
                row.put("status", r.getString(1));
                row.put("worker", r.getString(2));
                row.put("attempts", r.getString(3));
                return row;
            }
        }
    }

    private List<ConsumerRecord<String, String>> records(String topic, String key, Duration quiet) {
        return KeyedRecords.await(kafka.bootstrapServers(), topic, key, 1, quiet);
    }

    /** One simulator-service process from the built fast-jar. */
    private record Instance(String name, int port, Process process, Path log) {
        static Instance start(String name, Map<String, String> config) throws Exception {
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
            assertThat(jar).as("built by the package phase").exists();
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xms64m", "-Xmx512m",
                    // a runtime profile of its own, so the %prod Keycloak URL does not apply (tokens are checked
                    // against the test key instead)
                    "-Dquarkus.profile=it", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dsimulator.instance-id=" + name));
            config.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", jar.toString()));
            Path log = Files.createTempFile("simulator-" + name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instance instance = new Instance(name, port, process, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("instance " + name + " exited: " + Files.readString(log));
                }
                try {
                    HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                            URI.create(instance.baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return instance;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    instance.close();
                    throw new IllegalStateException("instance " + name + " not ready in 120 s; see " + log);
                }
                Thread.sleep(250);
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** SIGKILL: no shutdown hook, no consumer close, no offset commit - as a crashed pod. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.tokenomics.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for simulator-service's sweep API in the pricing tests. It answers with the JSON
 * shape simulator-service documents ({@code mapping/SweepView} holding a {@code mapping/SweepResult}) and applies
 * tenancy like simulator-service does: the tenant comes from the bearer token the caller forwarded, and another
 * tenant's sweep is a 404 problem. {@code GET /_calls/<path>} tells how often a path was requested.
 */
public class UpstreamServer implements QuarkusTestResourceLifecycleManager {
    /** hooli's finished sweep: two Pareto points, one dominated point, one failed point. */
    public static final String HOOLI_SWEEP = "5a1f0c3e-0000-4000-8000-000000000001";
    /** globex's finished sweep (same figures): hooli must not see it. */
    public static final String GLOBEX_SWEEP = "5a1f0c3e-0000-4000-8000-000000000002";
    /** hooli's sweep that is still running: no result. */
    public static final String RUNNING_SWEEP = "5a1f0c3e-0000-4000-8000-000000000003";
    /** simulator-service failing with 500 on every call. */
    public static final String BROKEN_SWEEP = "5a1f0c3e-0000-4000-8000-000000000004";

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** simulator-service's SweepView of a finished sweep (SweepResult in {@code result}). */
    static String finishedSweep(String id) {
        return """
                {"id":"%s","name":"llama-70b-h100-grid","status":"COMPLETED","modelId":"llama-3.1-70b",
                 "acceleratorId":"H100","points":4,
                 "progress":{"queued":0,"running":0,"completed":3,"failed":1,"cancelled":0,"percent":100.0},
                 "scenario":{"modelId":"llama-3.1-70b","acceleratorId":"H100"},
                 "grid":{"maxBatchSequences":[8,64,256],"tensor":[4,8]},
                 "result":{"xAxis":"outputTokensPerSecondPerGpu","yAxis":"tokensPerSecondPerUser","points":4,
                   "completed":3,"failed":1,"cancelled":0,
                   "results":[
                     {"index":0,"simulationId":"sim-0","status":"COMPLETED","parameters":{"tensor":4,"maxBatchSequences":256},
                      "outputTokensPerSecondPerGpu":200.0,"tokensPerSecondPerUser":20.0,"outputTokensPerSecond":800.0,
                      "ttftSeconds":0.9,"tpotSeconds":0.05,"saturated":false,"sloMet":true,"pareto":true},
                     {"index":1,"simulationId":"sim-1","status":"COMPLETED","parameters":{"tensor":4,"maxBatchSequences":64},
                      "outputTokensPerSecondPerGpu":150.0,"tokensPerSecondPerUser":18.0,"outputTokensPerSecond":600.0,
                      "ttftSeconds":0.7,"tpotSeconds":0.0556,"saturated":false,"sloMet":true,"pareto":false},
                     {"index":2,"simulationId":"sim-2","status":"COMPLETED","parameters":{"tensor":8,"maxBatchSequences":8},
                      "outputTokensPerSecondPerGpu":20.0,"tokensPerSecondPerUser":100.0,"outputTokensPerSecond":160.0,
                      "ttftSeconds":0.2,"tpotSeconds":0.01,"saturated":false,"sloMet":true,"pareto":true},
                     {"index":3,"simulationId":"sim-3","status":"FAILED","parameters":{"tensor":8,"maxBatchSequences":256},
                      "error":"does not fit","pareto":false}],
                   "pareto":[0,2]},
                 "createdAt":"2026-11-22T10:00:00Z","completedAt":"2026-11-22T10:05:00Z"}""".formatted(id);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.simulator.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/_calls/")) {
            AtomicInteger n = calls.get(path.substring("/_calls".length()));
            send(exchange, 200, "application/json", String.valueOf(n == null ? 0 : n.get()));
            return;
        }
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String tenant = tenantOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (tenant == null) {
            problem(exchange, 401, "no valid bearer token");
            return;
        }
        if (path.equals("/api/sweeps/" + BROKEN_SWEEP)) {
            problem(exchange, 500, "the simulator's database is down");
            return;
        }
        String owner;
        String body;
        if (path.equals("/api/sweeps/" + HOOLI_SWEEP)) {
            owner = "hooli";
            body = finishedSweep(HOOLI_SWEEP);
        } else if (path.equals("/api/sweeps/" + GLOBEX_SWEEP)) {
            owner = "globex";
            body = finishedSweep(GLOBEX_SWEEP);
        } else if (path.equals("/api/sweeps/" + RUNNING_SWEEP)) {
            owner = "hooli";
            body = """
                    {"id":"%s","name":"still running","status":"RUNNING","modelId":"llama-3.1-70b","acceleratorId":"H100",
                     "points":6,"progress":{"queued":2,"running":2,"completed":2,"failed":0,"cancelled":0,"percent":33.3}}"""
                    .formatted(RUNNING_SWEEP);
        } else {
            owner = null;
            body = null;
        }
        if (owner == null || !owner.equals(tenant)) {
            problem(exchange, 404, "no sweep with this id");
            return;
        }
        send(exchange, 200, "application/json", body);
    }

    /** The {@code tenant} claim of the forwarded token (its signature was checked by pricing-service already). */
    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("tenant").asText(null);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        send(exchange, status, "application/problem+json",
                JSON.createObjectNode().put("status", status).put("title", "HTTP " + status).put("detail", detail).toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

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
 * A real HTTP server standing in for simulator-service's sweep API and catalog-service's entry API in the pricing
 * tests. Catalog entries have catalog-service's view shape (spec fields plus id, kind, visibility, revision) with the
 * figures of its seed (seed 002's MMLU and API prices, H100's 700 W TDP); a tenant's private entry is 404 for other
 * tenants, as in catalog-service.
 * <p>
 * Sweeps: It answers with the JSON
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
    /** a connection that simulator-service drops without answering (a transport failure, not an HTTP status). */
    public static final String DROPPED_SWEEP = "5a1f0c3e-0000-4000-8000-000000000005";
    /** simulator-service failing with 500 on every call. */
    public static final String BROKEN_SWEEP = "5a1f0c3e-0000-4000-8000-000000000004";

    /** hooli's private catalog model: 404 for everybody else. */
    public static final String HOOLI_MODEL = "hooli-distilled-8b";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** catalog-service's views by path: {owner tenant or null for public, JSON}. */
    private static final Map<String, String[]> CATALOG = Map.of(
            "/api/catalog/models/gpt-4o", model(null, "gpt-4o", "GPT-4o", "88.7", "5.00"),
            "/api/catalog/models/claude-3.5-sonnet", model(null, "claude-3.5-sonnet", "Claude 3.5 Sonnet", "88.3", "3.00"),
            "/api/catalog/models/gemini-1.5-pro", model(null, "gemini-1.5-pro", "Gemini 1.5 Pro", "86.5", "3.50"),
            "/api/catalog/models/ernie-4.0-turbo", model(null, "ernie-4.0-turbo", "ERNIE 4.0 Turbo", "82.1", "1.20"),
            "/api/catalog/models/llama-3-70b", model(null, "llama-3-70b", "Llama 3 70B", "82.0", "0.59"),
            "/api/catalog/models/mixtral-8x7b", model(null, "mixtral-8x7b", "Mixtral 8x7B", "70.6", "0.20"),
            "/api/catalog/models/llama-3.1-8b", model(null, "llama-3.1-8b", "Llama 3.1 8B", null, null),
            "/api/catalog/models/" + HOOLI_MODEL, model("hooli", HOOLI_MODEL, "Hooli distilled 8B", "65.0", "0.13"),
            "/api/catalog/accelerators/H100", new String[]{null, """
                    {"id":"H100","kind":"accelerator","visibility":"public","revision":2,"vendor":"NVIDIA",
                     "name":"NVIDIA H100 SXM 80GB","status":"GA","memoryGb":80,"memoryBandwidthTbps":3.35,
                     "bf16DenseTflops":989,"fp8DenseTflops":1979,"tdpWatts":700}"""});

    private static String[] model(String owner, String id, String name, String mmlu, String price) {
        var view = JSON.createObjectNode().put("id", id).put("kind", "model")
                .put("visibility", owner == null ? "public" : "private").put("revision", 1).put("name", name)
                .put("availability", "API_ONLY");
        if (mmlu != null) {
            view.put("mmlu", new java.math.BigDecimal(mmlu)).put("mmluSource", "shared/seeds/002_c5cd58bea1a7a16b.txt")
                    .put("priceUsdPerMillionTokens", new java.math.BigDecimal(price))
                    .put("priceNote", "seed table figure").put("priceSource", "shared/seeds/002_c5cd58bea1a7a16b.txt");
        }
        return new String[]{owner, view.toString()};
    }
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
        return Map.of("quarkus.rest-client.simulator.url", url, "quarkus.rest-client.catalog.url", url);
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
        if (path.equals("/api/sweeps/" + DROPPED_SWEEP)) {
            exchange.close(); // no status line: the client sees the connection end
            return;
        }
        if (path.equals("/api/sweeps/" + BROKEN_SWEEP)) {
            problem(exchange, 500, "the simulator's database is down");
            return;
        }
        if (path.startsWith("/api/catalog/")) {
            String[] entry = CATALOG.get(path);
            if (entry == null || (entry[0] != null && !entry[0].equals(tenant))) {
                problem(exchange, 404, "no catalog entry with this id");
            } else {
                send(exchange, 200, "application/json", entry[1]);
            }
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

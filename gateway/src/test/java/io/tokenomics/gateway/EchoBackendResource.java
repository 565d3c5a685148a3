package io.tokenomics.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that answers every request with what reached it (method, path, headers, body), standing in for the
 * catalog and simulator so the gateway's own tests can see exactly what crosses it. Pricing points at a closed port to
 * exercise the unavailable-backend path. The real services are exercised by {@code PlatformEndToEndIT}.
 */
public class EchoBackendResource implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().endsWith("/events")) {
                // three events 700 ms apart: a buffering proxy would deliver them all at once at the end
                var response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    vertx.setTimer(1 + 700L * i, t -> {
                        response.write("data: {\"percent\":" + (n + 1) * 33 + "}\n\n");
                        if (n == 2) {
                            response.end();
                        }
                    });
                }
                return;
            }
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(
                        "{\"openapi\":\"3.1.0\",\"paths\":{\"/api/echo/" + request.localAddress().port()
                                + "\":{\"get\":{}},\"/q/health\":{\"get\":{}}},\"components\":{\"schemas\":{\"Echo\":{\"type\":\"object\"}}}}");
                return;
            }
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("body", body.toString());
            int status = request.path().endsWith("/teapot") ? 418 : 200;
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .putHeader("X-Backend", "echo")
                    .putHeader("Location", "http://127.0.0.1:" + request.localAddress().port() + request.path() + "/created")
                    .end(echo.encode());
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "gateway.services.catalog", url,
                "gateway.services.simulator", url,
                "gateway.services.pricing", "http://127.0.0.1:" + closedPort());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}

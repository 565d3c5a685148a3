package io.tokenomics.gateway.routing;

import io.smallrye.mutiny.Uni;
import io.tokenomics.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Calls a backend service on behalf of the caller. Only an allow-list of request headers crosses the gateway: the
 * caller's bearer token does (services validate it themselves), while anything that could claim a tenant or an
 * identity (X-Tenant, X-Forwarded-User, ...) does not.
 */
@ApplicationScoped
public class BackendCall {
    static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("authorization", "accept", "content-type",
            "idempotency-key", "if-match", "if-none-match", "last-event-id", "x-request-id");
    static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-authenticate", "trailer", "te");

    private final WebClient client;
    private final GatewayConfig config;

    @Inject
    public BackendCall(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(2000)
                .setKeepAlive(true)
                .setMaxPoolSize(50)
                .setFollowRedirects(false)
                .setUserAgent("tokenomics-gateway"));
    }

    public Uni<HttpResponse<Buffer>> send(Backend backend, HttpMethod method, String pathAndQuery,
                                          MultiMap incomingHeaders, Buffer body) {
        URI base = baseOf(backend);
        HttpRequest<Buffer> request = client.requestAbs(method, base.resolve(pathAndQuery).toString())
                .timeout(config.timeout().toMillis());
        incomingHeaders.names().stream()
                .filter(name -> FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> request.putHeader(name, incomingHeaders.getAll(name)));
        return body == null || body.length() == 0 ? request.send() : request.sendBuffer(body);
    }

    private URI baseOf(Backend backend) {
        return switch (backend) {
            case CATALOG -> config.services().catalog();
            case SIMULATOR -> config.services().simulator();
            case PRICING -> config.services().pricing();
        };
    }

    @PreDestroy
    void close() {
        client.close();
    }
}

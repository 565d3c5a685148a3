package io.tokenomics.gateway.routing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
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

import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls a backend service on behalf of the caller, behind a per-service circuit breaker and timeout (SmallRye Fault
 * Tolerance); idempotent methods are retried twice with backoff on connection failures and timeouts, other methods
 * never (a POST may have reached the service). Calls fail fast while a service's breaker is open. Only an allow-list of request headers crosses the gateway: the
 * caller's bearer token does (services validate it themselves), while anything that could claim a tenant or an
 * identity (X-Tenant, X-Forwarded-User, ...) does not. The current trace context (the gateway's server span, a
 * child of the caller's {@code traceparent} where it sent one) goes with every call as W3C {@code traceparent} /
 * {@code tracestate} headers, so the backend continues the gateway's trace: Quarkus' OpenTelemetry instrumentation of
 * the Vert.x web client adds them to proxied calls; the raw client of event streams gets them here.
 */
@ApplicationScoped
public class BackendCall {
    static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("authorization", "accept", "content-type",
            "idempotency-key", "if-match", "if-none-match", "last-event-id", "x-request-id", "x-tenant-plan");
    static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-authenticate", "trailer", "te");

    static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    private static final TypeLiteral<Uni<HttpResponse<Buffer>>> RESPONSE = new TypeLiteral<>() {
    };

    private final WebClient client;
    private final io.vertx.core.http.HttpClient streamingClient;
    private final GatewayConfig config;
    private final Map<Backend, TypedGuard<Uni<HttpResponse<Buffer>>>> guards = new EnumMap<>(Backend.class);

    @Inject
    public BackendCall(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(2000)
                .setKeepAlive(true)
                .setMaxPoolSize(50)
                .setFollowRedirects(false)
                .setUserAgent("tokenomics-gateway"));
        this.streamingClient = vertx.getDelegate().createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setKeepAlive(true).setMaxPoolSize(200));
        for (Backend backend : Backend.values()) {
            guards.put(backend, TypedGuard.create(RESPONSE)
                    .withDescription("gateway->" + backend.service())
                    .withTimeout().duration(config.timeout().toMillis() + 500, ChronoUnit.MILLIS).done()
                    .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5)
                    .delay(5, ChronoUnit.SECONDS).successThreshold(2).done()
                    .build());
        }
    }

    public Uni<HttpResponse<Buffer>> send(Backend backend, HttpMethod method, String pathAndQuery,
                                          MultiMap incomingHeaders, Buffer body) {
        URI base = baseOf(backend);
        HttpRequest<Buffer> request = client.requestAbs(method, base.resolve(pathAndQuery).toString())
                .timeout(config.timeout().toMillis());
        incomingHeaders.names().stream()
                .filter(name -> FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> request.putHeader(name, incomingHeaders.getAll(name)));
        Uni<HttpResponse<Buffer>> call = guards.get(backend)
                .get(() -> body == null || body.length() == 0 ? request.send() : request.sendBuffer(body));
        if (IDEMPOTENT.contains(method)) {
            call = call.onFailure(BackendCall::isTransient).retry()
                    .withBackOff(Duration.ofMillis(100), Duration.ofMillis(400)).atMost(2);
        }
        return call;
    }

    /** Connection failures and timeouts may pass; an open breaker must not be hammered by retries. */
    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof CircuitBreakerOpenException);
    }

    private URI baseOf(Backend backend) {
        return switch (backend) {
            case CATALOG -> config.services().catalog();
            case SIMULATOR, SWEEPS, TRACES -> config.services().simulator();
            case PRICING -> config.services().pricing();
        };
    }

    /**
     * Server-Sent Events are streamed through as they arrive (status, headers, then every chunk), never buffered.
     * The breaker and timeout do not apply: a stream legitimately stays open until the job ends.
     */
    public void stream(Backend backend, String pathAndQuery, MultiMap incomingHeaders,
                       io.vertx.core.http.HttpServerResponse downstream, java.util.function.Consumer<Throwable> onFailure) {
        URI target = baseOf(backend).resolve(pathAndQuery);
        io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions()
                .setMethod(HttpMethod.GET).setAbsoluteURI(target.toString()).setConnectTimeout(2000);
        incomingHeaders.names().stream()
                .filter(name -> FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> incomingHeaders.getAll(name).forEach(value -> options.addHeader(name, value)));
        W3CTraceContextPropagator.getInstance().inject(Context.current(), options,
                io.vertx.core.http.RequestOptions::putHeader);
        streamingClient.request(options)
                .compose(request -> request.send())
                .onSuccess(upstream -> {
                    downstream.setStatusCode(upstream.statusCode());
                    upstream.headers().names().stream()
                            .filter(name -> !DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                            .forEach(name -> downstream.headers().add(name, upstream.headers().getAll(name)));
                    downstream.setChunked(true);
                    downstream.closeHandler(v -> upstream.request().reset());
                    upstream.pipeTo(downstream);
                })
                .onFailure(onFailure::accept);
    }

    @PreDestroy
    void close() {
        streamingClient.close();
        client.close();
    }
}

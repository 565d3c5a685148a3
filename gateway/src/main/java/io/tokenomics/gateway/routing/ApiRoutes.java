package io.tokenomics.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.Problem;
import io.tokenomics.contract.tenancy.TenantClaim;
import io.tokenomics.gateway.quota.Plan;
import io.tokenomics.gateway.quota.PlanRepository;
import io.tokenomics.gateway.quota.PlanRoutes;
import io.tokenomics.gateway.quota.RateLimiter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The public API: {@code /api/catalog/**}, {@code /api/simulations/**} and {@code /api/pricing/**} are forwarded to
 * their service with the caller's token; {@code GET /api/simulations/{id}} also carries the job's price from
 * pricing-service. Tokens are validated proactively before routing (an invalid one never gets here); the first
 * handler refuses anonymous calls, calls without the viewer role and tokens without a valid tenant claim.
 */
@ApplicationScoped
public class ApiRoutes {
    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
    private static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    @Inject
    BackendCall backends;
    @Inject
    PlanRepository plans;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    PlanRoutes planRoutes;
    @Inject
    ObjectMapper mapper;

    /** Browser calls of the web app: same API, authenticated by the login session instead of a bearer header. */
    static final String WEB_APP_PREFIX = "/app";

    void register(@Observes Router router) {
        for (String prefix : List.of("", WEB_APP_PREFIX)) {
            router.route(prefix + "/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
            router.route(prefix + "/api/*").handler(this::requireTenant);
            router.get(prefix + "/api/platform/plans").handler(ctx -> planRoutes.listPlans(ctx, identityOf(ctx), this::problem));
            router.put(prefix + "/api/platform/plans/:name").handler(ctx -> planRoutes.updatePlan(ctx, identityOf(ctx), this::problem));
            router.get(prefix + "/api/platform/tenants/:tenant/plan").handler(ctx ->
                    planRoutes.tenantPlan(ctx, identityOf(ctx), ctx.get(TenantClaim.NAME), this::problem));
            router.put(prefix + "/api/platform/tenants/:tenant/plan").handler(ctx -> planRoutes.assignPlan(ctx, identityOf(ctx), this::problem));
            router.get(prefix + "/api/simulations/:id").handler(this::simulationWithPrice);
            router.get(prefix + "/api/me").handler(this::me);
            for (Backend backend : Backend.values()) {
                router.route(prefix + backend.pathPrefix()).handler(ctx -> forward(ctx, backend));
                router.route(prefix + backend.pathPrefix() + "/*").handler(ctx -> forward(ctx, backend));
            }
            router.route(prefix + "/api/*").handler(ctx -> problem(ctx, 404, "Not Found", "no API at " + ctx.normalizedPath()));
        }
    }

    /** The floor for every API call: authenticated, role {@code viewer}, a valid tenant claim. */
    private void requireTenant(RoutingContext ctx) {
        Optional<SecurityIdentity> identity = identity(ctx).filter(id -> !id.isAnonymous());
        if (identity.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, "Unauthorized", "a valid bearer token of the tokenomics realm is required");
            return;
        }
        if (!identity.get().hasRole("viewer")) {
            problem(ctx, 403, "Forbidden", "the token holds none of the platform's roles");
            return;
        }
        Optional<String> tenant = identity
                .filter(id -> id.getPrincipal() instanceof JsonWebToken)
                .flatMap(id -> TenantClaim.parse(((JsonWebToken) id.getPrincipal()).getClaim(TenantClaim.NAME)));
        if (tenant.isEmpty()) {
            problem(ctx, 403, "Forbidden", "the access token carries no valid tenant claim");
            return;
        }
        ctx.put(TenantClaim.NAME, tenant.get());
        plans.planOf(tenant.get())
                .chain(plan -> rateLimiter.take(tenant.get(), plan).map(decision -> Map.entry(plan, decision)))
                .subscribe().with(planAndDecision -> {
                    Plan plan = planAndDecision.getKey();
                    RateLimiter.Decision decision = planAndDecision.getValue();
                    var headers = ctx.response().headers();
                    headers.set("RateLimit-Policy", plan.burst() + ";w=" + Math.round(plan.burst() / plan.tokensPerSecond()));
                    headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
                    headers.set("RateLimit-Remaining", Integer.toString(Math.max(0, decision.remaining())));
                    headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
                    if (!decision.allowed()) {
                        headers.set("Retry-After", Long.toString(decision.retryAfterSeconds()));
                        problem(ctx, 429, "Too Many Requests", "tenant " + tenant.get() + " exceeded its plan '"
                                + plan.name() + "' (" + plan.requestsPerMinute() + " requests per minute, burst "
                                + plan.burst() + "); retry after " + decision.retryAfterSeconds() + " s");
                        return;
                    }
                    ctx.put(PLAN_HEADER, plan.headerValue());
                    ctx.next();
                }, failure -> {
                    LOG.warnf("rate limiter unavailable: %s", failure.toString());
                    problem(ctx, 503, "Service Unavailable", "the gateway cannot check the tenant's quota right now");
                });
    }

    /**
     * Who is calling, as the validated token says: user, tenant and platform roles. The web app shows or hides its
     * edit controls with it; the services enforce the roles anyway.
     */
    private void me(RoutingContext ctx) {
        SecurityIdentity identity = identityOf(ctx);
        ObjectNode body = mapper.createObjectNode();
        String user = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            user = String.valueOf((Object) jwt.getClaim("preferred_username"));
        }
        body.put("user", user);
        body.put("tenant", (String) ctx.get(TenantClaim.NAME));
        var roles = body.putArray("roles");
        List.of("viewer", "analyst", "tenant-admin", "platform-admin").stream().filter(identity::hasRole).forEach(roles::add);
        try {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store").end(mapper.writeValueAsString(body));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    /** The caller's plan, set by the gateway for the services; a client-sent value is always replaced. */
    static final String PLAN_HEADER = "X-Tenant-Plan";

    private static SecurityIdentity identityOf(RoutingContext ctx) {
        return identity(ctx).orElseThrow();
    }

    private void problem(RoutingContext ctx, Problem problem) {
        problem(ctx, problem.status(), problem.title(), problem.detail(), problem.errors());
    }

    private static Optional<SecurityIdentity> identity(RoutingContext ctx) {
        return ctx.user() instanceof QuarkusHttpUser user ? Optional.of(user.getSecurityIdentity()) : Optional.empty();
    }

    private void forward(RoutingContext ctx, Backend backend) {
        String accept = ctx.request().getHeader("Accept");
        if (ctx.request().method() == HttpMethod.GET && accept != null && accept.contains("text/event-stream")) {
            backends.stream(backend, backendPath(ctx.request().uri()), forwardedHeaders(ctx), ctx.response(),
                    failure -> backendFailed(ctx, backend, failure));
            return;
        }
        call(ctx, backend, ctx.request().uri())
                .subscribe().with(response -> relay(ctx, response), failure -> backendFailed(ctx, backend, failure));
    }

    private Uni<HttpResponse<Buffer>> call(RoutingContext ctx, Backend backend, String pathAndQuery) {
        io.vertx.core.buffer.Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        return backends.send(backend, ctx.request().method(), backendPath(pathAndQuery), forwardedHeaders(ctx),
                body == null ? null : Buffer.newInstance(body));
    }

    /** The web app's calls carry the session's access token; API clients' calls carry their own bearer token. */
    private static MultiMap forwardedHeaders(RoutingContext ctx) {
        MultiMap headers = MultiMap.newInstance(io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers()));
        headers.remove(PLAN_HEADER);
        String plan = ctx.get(PLAN_HEADER);
        if (plan != null) {
            headers.set(PLAN_HEADER, plan);
        }
        if (ctx.normalizedPath().startsWith(WEB_APP_PREFIX + "/")) {
            headers.remove("Authorization");
            identity(ctx).map(id -> id.getCredential(AccessTokenCredential.class))
                    .ifPresent(token -> headers.set("Authorization", "Bearer " + token.getToken()));
        }
        return headers;
    }

    private static String backendPath(String uri) {
        return uri.startsWith(WEB_APP_PREFIX + "/api/") ? uri.substring(WEB_APP_PREFIX.length()) : uri;
    }

    /** GET /api/simulations/{id}: the job from simulator-service, with {@code price} from pricing-service once known. */
    private void simulationWithPrice(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        call(ctx, Backend.SIMULATOR, ctx.request().uri()).chain(job -> {
            if (job.statusCode() != 200) {
                return Uni.createFrom().item(new Composed(job, null));
            }
            return backends.send(Backend.PRICING, HttpMethod.GET, "/api/pricing/simulations/" + encode(id) + "/cost",
                            forwardedHeaders(ctx).remove("content-type"), null)
                    .map(price -> new Composed(job, price))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("pricing-service unavailable for simulation %s: %s", id, e.getMessage());
                        return new Composed(job, null);
                    });
        }).subscribe().with(composed -> {
            if (composed.price() == null && composed.job().statusCode() != 200) {
                relay(ctx, composed.job());
                return;
            }
            try {
                ObjectNode body = (ObjectNode) mapper.readTree(composed.job().bodyAsString());
                HttpResponse<Buffer> price = composed.price();
                if (price != null && price.statusCode() == 200) {
                    body.set("price", mapper.readTree(price.bodyAsString()));
                } else {
                    body.putNull("price");
                }
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(mapper.writeValueAsString(body));
            } catch (IOException | ClassCastException e) {
                backendFailed(ctx, Backend.SIMULATOR, e);
            }
        }, failure -> backendFailed(ctx, Backend.SIMULATOR, failure));
    }

    private record Composed(HttpResponse<Buffer> job, HttpResponse<Buffer> price) {
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void relay(RoutingContext ctx, HttpResponse<Buffer> response) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(response.statusCode());
        response.headers().names().stream()
                .filter(name -> !BackendCall.DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> ctx.response().headers().add(name, response.headers().getAll(name)));
        String location = response.getHeader("Location");
        if (location != null) {
            // services know only their own address; the caller must come back through the gateway
            ctx.response().headers().set("Location", publicLocation(ctx, location));
        }
        Buffer body = response.body();
        if (body == null) {
            ctx.response().end();
        } else {
            ctx.response().end(body.getDelegate());
        }
    }

    static String publicLocation(RoutingContext ctx, String backendLocation) {
        java.net.URI uri = java.net.URI.create(backendLocation);
        String path = ctx.normalizedPath().startsWith(WEB_APP_PREFIX + "/") ? WEB_APP_PREFIX + uri.getRawPath() : uri.getRawPath();
        String pathAndQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return ctx.request().scheme() + "://" + ctx.request().authority() + pathAndQuery;
    }

    private void backendFailed(RoutingContext ctx, Backend backend, Throwable failure) {
        LOG.warnf("%s call failed: %s", backend.service(), failure.toString());
        ctx.response().putHeader("Retry-After", "5");
        problem(ctx, 503, "Service Unavailable", backend.service() + " is unavailable; try again shortly");
    }

    private void problem(RoutingContext ctx, int status, String title, String detail) {
        problem(ctx, status, title, detail, List.of());
    }

    private void problem(RoutingContext ctx, int status, String title, String detail, List<Problem.FieldError> errors) {
        if (ctx.response().ended()) {
            return;
        }
        Problem problem = Problem.of(status, title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, detail, errors)
                .withInstance(ctx.normalizedPath());
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (IOException e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}

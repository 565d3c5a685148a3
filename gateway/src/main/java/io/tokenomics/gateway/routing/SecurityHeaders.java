package io.tokenomics.gateway.routing;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every gateway response: no MIME sniffing, no framing, a same-origin content policy (the web app
 * loads nothing from elsewhere), no referrer leaks, and HSTS when the request came over TLS (directly or as reported
 * by the ingress). CORS stays closed unless quarkus.http.cors is configured.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    void register(@Observes Router router) {
        router.route().order(-200).handler(this::addHeaders);
    }

    void addHeaders(RoutingContext ctx) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        ctx.addHeadersEndHandler(v -> {
            var headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            // Swagger UI boots with an inline script
            if (!headers.contains("Content-Security-Policy") && !ctx.normalizedPath().startsWith("/q/swagger-ui")) {
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            if (tls) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        ctx.next();
    }
}

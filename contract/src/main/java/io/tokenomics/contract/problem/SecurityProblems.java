package io.tokenomics.contract.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * 401 and 403 as problem+json too, whether they are raised while authenticating the request (before any endpoint,
 * seen here as a routing failure) or by a role check on an endpoint. A 401 keeps its {@code WWW-Authenticate: Bearer}
 * challenge.
 */
public final class SecurityProblems {
    static final Problem UNAUTHORIZED = Problem.of(401, "unauthorized", "Unauthorized",
            "a valid bearer token of the tokenomics realm is required", List.of());
    static final Problem FORBIDDEN = Problem.of(403, "forbidden", "Forbidden",
            "the token's roles or tenant do not allow this request", List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityProblems() {
    }

    static Response response(Problem problem, UriInfo uriInfo) {
        Response response = ProblemResponses.of(problem, uriInfo);
        return problem.status() == 401
                ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : response;
    }

    @Provider
    public static class UnauthorizedMapper implements ExceptionMapper<UnauthorizedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(UnauthorizedException e) {
            return response(UNAUTHORIZED, uriInfo);
        }
    }

    @Provider
    public static class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return response(UNAUTHORIZED, uriInfo);
        }
    }

    @Provider
    public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ForbiddenException e) {
            return response(FORBIDDEN, uriInfo);
        }
    }

    /** Failures of proactive authentication and of HTTP permission policies, before any endpoint runs. */
    @ApplicationScoped
    public static class RoutingFailures {
        public void register(@Observes Router router) {
            router.route().order(-1_000).failureHandler(this::handle);
        }

        public void handle(RoutingContext ctx) {
            Throwable failure = ctx.failure();
            Problem problem = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                    ? UNAUTHORIZED
                    : failure instanceof ForbiddenException ? FORBIDDEN : null;
            if (problem == null || ctx.response().ended()) {
                ctx.next();
                return;
            }
            try {
                if (problem.status() == 401) {
                    ctx.response().putHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                }
                ctx.response().setStatusCode(problem.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(JSON.writeValueAsString(problem.withInstance(ctx.normalizedPath())));
            } catch (JsonProcessingException e) {
                ctx.next();
            }
        }
    }
}

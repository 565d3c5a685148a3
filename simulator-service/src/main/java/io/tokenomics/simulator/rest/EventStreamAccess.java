package io.tokenomics.simulator.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.Problem;
import io.tokenomics.contract.tenancy.TenantClaim;
import io.tokenomics.simulator.service.JobEvents;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event stream answers 200 and its headers as soon as it starts, so a missing job (or another tenant's) must be
 * refused before the stream resource runs: this filter answers those with a 404 problem, like every other endpoint.
 */
public class EventStreamAccess {
    private static final Pattern STREAM = Pattern.compile("/api/(simulations|sweeps)/([^/]+)/events/?");

    @Inject
    JobEvents events;
    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public Uni<Response> ownStreamsOnly(ContainerRequestContext request) {
        Matcher m = STREAM.matcher(request.getUriInfo().getPath());
        if (!m.matches() || !"GET".equals(request.getMethod()) || token == null || token.getRawToken() == null) {
            return Uni.createFrom().nullItem(); // not a stream, or anonymous: the endpoint's own checks answer
        }
        var tenant = TenantClaim.parse(token.getClaim(TenantClaim.NAME));
        if (tenant.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String id = m.group(2);
        Uni<JobEvents.Update> exists = m.group(1).equals("sweeps") ? events.sweep(id, tenant.get())
                : events.simulation(id, tenant.get());
        return exists.map(found -> (Response) null)
                .onFailure(NotFoundException.class).recoverWithItem(e -> Response.status(404).type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(404, "not-found", "Not Found", e.getMessage(), List.of())
                                .withInstance(request.getUriInfo().getPath()))
                        .build());
    }
}

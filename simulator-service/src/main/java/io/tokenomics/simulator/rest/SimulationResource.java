package io.tokenomics.simulator.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationView;
import io.tokenomics.simulator.service.SimulationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "simulations")
public class SimulationResource {
    @Inject
    SimulationService service;
    @Inject
    CallerTenant caller;
    @Inject
    JsonWebToken token;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Submit a simulation; 202 with the queued job and its Location. Idempotency-Key makes retries safe.")
    public Uni<Response> create(SimulationRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uriInfo) {
        return service.create(request, caller.id(), token.getName(), "Bearer " + token.getRawToken(), idempotencyKey)
                .map(accepted -> Response.status(accepted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                        .location(uriInfo.getAbsolutePathBuilder().path(accepted.job().id()).build())
                        .entity(accepted.job())
                        .build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    @Operation(summary = "One of the tenant's simulations")
    public Uni<SimulationView> get(@PathParam("id") String id) {
        return service.get(id, caller.id());
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "The tenant's latest simulations")
    public Uni<List<SimulationView>> list() {
        return service.list(caller.id());
    }
}

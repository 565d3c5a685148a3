package io.tokenomics.pricing.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.mapping.SimulationCostView;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.pricing.service.SimulationCostService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/pricing/simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "simulation costs")
@RolesAllowed("viewer")
public class SimulationCostResource {
    @Inject
    SimulationCostService service;
    @Inject
    CallerTenant caller;

    @GET
    @Path("{simulationId}/cost")
    @Operation(summary = "Cost per million output tokens of one replica at the simulation's decode rate")
    public Uni<SimulationCostView> cost(@PathParam("simulationId") String simulationId) {
        return service.get(simulationId, caller.id());
    }
}

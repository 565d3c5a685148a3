package io.tokenomics.catalog.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.mapping.AcceleratorView;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.catalog.service.AcceleratorService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/catalog/accelerators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accelerators")
@RolesAllowed("viewer")
public class AcceleratorResource {
    @Inject
    AcceleratorService service;
    @Inject
    CallerTenant caller;

    @GET
    @Operation(summary = "Accelerators visible to the caller's tenant: public entries and its own")
    public Uni<List<AcceleratorView>> list() {
        return service.list(caller.id());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One accelerator")
    public Uni<AcceleratorView> get(@PathParam("id") String id) {
        return service.get(id, caller.id());
    }
}

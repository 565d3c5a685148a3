package io.tokenomics.pricing.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.mapping.GpuHourRateView;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.pricing.service.GpuHourRateService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/pricing/rates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rates")
@RolesAllowed("viewer")
public class GpuHourRateResource {
    @Inject
    GpuHourRateService service;
    @Inject
    CallerTenant caller;

    @GET
    @Operation(summary = "GPU-hour rates per accelerator, each with its basis (sourced or assumption) and source")
    public Uni<List<GpuHourRateView>> list() {
        caller.id(); // rates are public, but only to callers of a tenant
        return service.list();
    }
}

package io.tokenomics.pricing.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.pricing.mapping.CsvRows;
import io.tokenomics.pricing.mapping.Csv;
import io.tokenomics.pricing.mapping.QuoteView;
import io.tokenomics.pricing.mapping.RecomputeRequest;
import io.tokenomics.pricing.service.QuoteService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/pricing/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "quotes", description = "Immutable cost quotes of simulations, pinned to a price-book revision")
@RolesAllowed("viewer")
public class QuoteResource {
    @Inject
    QuoteService service;
    @Inject
    CallerTenant caller;

    @GET
    @Operation(summary = "The caller tenant's quotes, newest first (at most 500), optionally of one simulation")
    public Uni<List<QuoteView>> list(@QueryParam("simulationId") String simulationId) {
        return service.list(caller.id(), simulationId);
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The same list as CSV, one row per quote")
    public Uni<String> listCsv(@QueryParam("simulationId") String simulationId) {
        return service.list(caller.id(), simulationId).map(CsvRows::quotes);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One quote; another tenant's quote is a 404")
    public Uni<QuoteView> get(@PathParam("id") UUID id) {
        return service.get(id, caller.id());
    }

    @POST
    @Path("{id}/recompute")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Price the quote's simulation again with a book's current revision (default: the tenant's "
            + "default book) as a new quote; the original is never changed (role analyst)")
    public Uni<QuoteView> recompute(@PathParam("id") UUID id, RecomputeRequest request) {
        return service.recompute(id, caller.id(), request);
    }
}

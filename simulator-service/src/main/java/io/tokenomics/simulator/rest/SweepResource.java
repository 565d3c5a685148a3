package io.tokenomics.simulator.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.simulator.mapping.SweepRequest;
import io.tokenomics.simulator.mapping.SweepView;
import io.tokenomics.simulator.service.JobEvents;
import io.tokenomics.simulator.service.Quotas;
import io.tokenomics.simulator.service.SweepService;
import io.tokenomics.simulator.service.TenantPlan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Thin: reads the HTTP parts, asks {@link SweepService}, shapes the response. */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sweeps")
public class SweepResource {
    @Inject
    SweepService service;
    @Inject
    JobEvents events;
    @Inject
    Quotas quotas;
    @Inject
    CallerTenant caller;
    @Inject
    JsonWebToken token;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Submit a sweep: a base scenario and a grid; one work unit per point. 202 + Location; "
            + "Idempotency-Key; 422 when the grid has more points than the plan allows, 429 at the concurrency limit")
    public Uni<Response> create(SweepRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @HeaderParam(TenantPlan.HEADER) String plan, @Context UriInfo uriInfo) {
        return service.create(request, caller.id(), token.getName(), "Bearer " + token.getRawToken(), idempotencyKey,
                        quotas.planOf(plan))
                .map(accepted -> Response.status(accepted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                        .location(uriInfo.getBaseUriBuilder().path("api/sweeps").path(accepted.sweep().id()).build())
                        .entity(accepted.sweep())
                        .build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    @Operation(summary = "One of the tenant's sweeps with progress over its points and, once finished, the result")
    public Uni<SweepView> get(@PathParam("id") String id) {
        return service.get(id, caller.id());
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "The tenant's sweeps, newest first (Link rel=next, X-Next-Cursor)")
    public Uni<Response> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                              @Context UriInfo uriInfo) {
        return service.list(caller.id(), limit, cursor).map(page -> Pages.response(page, uriInfo));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed("analyst")
    @Operation(summary = "Cancel a sweep and its queued and running points")
    public Uni<SweepView> cancel(@PathParam("id") String id) {
        return service.cancel(id, caller.id(), token.getName());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("analyst")
    @Operation(summary = "Delete a sweep and its points")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id, caller.id()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{id}/result")
    @Produces({MediaType.APPLICATION_JSON, SimulationResource.CSV})
    @RolesAllowed("viewer")
    @Operation(summary = "Every point's parameters and metrics and the Pareto frontier (throughput per GPU vs tokens "
            + "per second per user), as JSON or CSV (format=csv or Accept: text/csv); 409 until finished")
    public Uni<Response> result(@PathParam("id") String id, @QueryParam("format") String format,
                                @HeaderParam("Accept") String accept) {
        String tenant = caller.id();
        if (Pages.wantsCsv(format, accept)) {
            return service.resultCsv(id, tenant).map(csv -> Pages.csv(csv, "sweep-" + id + ".csv"));
        }
        return service.result(id, tenant).map(json -> Response.ok(json, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("viewer")
    @Operation(summary = "Server-Sent Events: 'progress' (points finished, percent) on every change, then one "
            + "'completed', 'failed' or 'cancelled' event")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        String tenant = caller.id();
        // EventStreamAccess has already answered 404 for a missing job or another tenant's
        return events.sweep(id, tenant).onItem().transformToMulti(first ->
                events.follow(first, () -> events.sweep(id, tenant))).map(u -> Pages.sse(sse, u));
    }
}

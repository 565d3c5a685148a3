package io.tokenomics.simulator.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.simulator.mapping.EstimateView;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationView;
import io.tokenomics.simulator.service.JobEvents;
import io.tokenomics.simulator.service.Quotas;
import io.tokenomics.simulator.service.SimulationService;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Thin: reads the HTTP parts, asks {@link SimulationService}, shapes the response. */
@Path("/api/simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "simulations")
public class SimulationResource {
    static final String CSV = "text/csv";

    @Inject
    SimulationService service;
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
    @Operation(summary = "Submit a simulation (scenario form with modelId, or the parameter-count form); 202 with the "
            + "queued job and its Location. Idempotency-Key makes retries safe (200 with the first job). 422 over the "
            + "plan's size limits, 429 + Retry-After at its concurrency limit")
    public Uni<Response> create(SimulationRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @HeaderParam(TenantPlan.HEADER) String plan, @Context UriInfo uriInfo) {
        return service.create(request, caller.id(), token.getName(), "Bearer " + token.getRawToken(), idempotencyKey,
                        quotas.planOf(plan))
                .map(accepted -> accepted(accepted, uriInfo.getBaseUriBuilder().path("api/simulations")));
    }

    @POST
    @Path("estimate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Estimate a scenario synchronously with the steady-state engine (steady-state-estimate.v1): "
            + "the same body and validation as POST /api/simulations (400 problem+json naming each field, unknown or "
            + "other tenants' catalog ids as for job creation, 422 over the plan's request limit); nothing is stored "
            + "and no job slot is used. Answers the model and accelerator ids and revisions, replicas, GPUs per "
            + "replica, arrival rate and mean input/output tokens with the result, and the request fields the "
            + "estimate does not model (notModelled)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "the estimate", content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
            implementation = EstimateView.class)))
    public Uni<EstimateView> estimate(SimulationRequest request, @HeaderParam(TenantPlan.HEADER) String plan) {
        return service.estimate(request, caller.id(), "Bearer " + token.getRawToken(), quotas.planOf(plan));
    }

    static Response accepted(SimulationService.Accepted accepted, jakarta.ws.rs.core.UriBuilder base) {
        return Response.status(accepted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(base.path(accepted.job().id()).build())
                .entity(accepted.job())
                .build();
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
    @Operation(summary = "The tenant's simulations (sweep points excluded), newest first; filters combine. The next "
            + "page is linked (Link rel=next, X-Next-Cursor)")
    public Uni<Response> list(
            @Parameter(description = "QUEUED, RUNNING, COMPLETED, FAILED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "catalog model id") @QueryParam("modelId") String modelId,
            @Parameter(description = "catalog accelerator id") @QueryParam("acceleratorId") String acceleratorId,
            @Parameter(description = "page size") @QueryParam("limit") String limit,
            @Parameter(description = "X-Next-Cursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uriInfo) {
        return service.list(caller.id(), status, modelId, acceleratorId, limit, cursor)
                .map(page -> Pages.response(page, uriInfo));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed("analyst")
    @Operation(summary = "Cancel a queued or running simulation (409 when it already finished)")
    public Uni<SimulationView> cancel(@PathParam("id") String id) {
        return service.cancel(id, caller.id(), token.getName());
    }

    @POST
    @Path("{id}/rerun")
    @RolesAllowed("analyst")
    @Operation(summary = "Run a simulation again as a new job with the same scenario and pinned catalog entries")
    public Uni<Response> rerun(@PathParam("id") String id, @HeaderParam(TenantPlan.HEADER) String plan,
                               @Context UriInfo uriInfo) {
        return service.rerun(id, caller.id(), token.getName(), quotas.planOf(plan))
                .map(accepted -> accepted(accepted, uriInfo.getBaseUriBuilder().path("api/simulations")));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("analyst")
    @Operation(summary = "Delete a simulation (a running one stops)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id, caller.id()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{id}/result")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed("viewer")
    @Operation(summary = "The result of a completed simulation as JSON, or as CSV (format=csv or Accept: text/csv); "
            + "409 while it has none. Discrete-event results carry timeSeries {timeSeconds, queueLength, kvOccupancy, "
            + "runningSequences} (parallel arrays, at most 240 evenly spaced buckets) and latencyDistribution {ttft, "
            + "tpot, e2e: [{lowerSeconds, upperSeconds, count}]} (log-spaced); in CSV each array is one row, its "
            + "values separated by ';'")
    public Uni<Response> result(@PathParam("id") String id, @QueryParam("format") String format,
                                @HeaderParam("Accept") String accept) {
        String tenant = caller.id();
        if (Pages.wantsCsv(format, accept)) {
            return service.resultCsv(id, tenant).map(csv -> Pages.csv(csv, "simulation-" + id + ".csv"));
        }
        return service.result(id, tenant).map(json -> Response.ok(json, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("viewer")
    @Operation(summary = "Server-Sent Events: 'progress' (status, percent, simulatedSeconds, partial metrics) on every "
            + "change, then one 'completed' (with the result), 'failed' or 'cancelled' event; the stream then ends")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        String tenant = caller.id();
        // EventStreamAccess has already answered 404 for a missing job or another tenant's
        return events.simulation(id, tenant).onItem().transformToMulti(first ->
                events.follow(first, () -> events.simulation(id, tenant))).map(u -> Pages.sse(sse, u));
    }
}

package io.tokenomics.simulator.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.simulator.mapping.TraceView;
import io.tokenomics.simulator.service.TraceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;

/** Request traces of the caller's tenant: upload (streamed, size-capped), list, get. */
@Path("/api/traces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "traces")
public class TraceResource {
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final String JSONL = "application/jsonl";

    @Inject
    TraceService traces;
    @Inject
    CallerTenant caller;
    @Inject
    JsonWebToken token;

    @POST
    @Consumes({CSV, NDJSON, JSONL})
    @RolesAllowed("analyst")
    @Blocking
    @Operation(summary = "Upload a request trace: CSV (text/csv; header timestamp,input_tokens,output_tokens[,prefix_id,"
            + "prefix_tokens,cacheable_tokens]) or JSONL (application/x-ndjson; one object per line, same keys). "
            + "201 with its summary; 400 naming the first bad line; 413 over simulator.traces.max-bytes")
    public Response upload(InputStream body, @QueryParam("name") @DefaultValue("trace") String name,
                           @HeaderParam("Content-Type") String contentType, @Context UriInfo uriInfo) {
        String format = contentType != null && contentType.toLowerCase().startsWith(CSV) ? TraceService.CSV
                : TraceService.JSONL;
        TraceView view = traces.upload(body, format, name, caller.id(), token.getName());
        return Response.created(uriInfo.getBaseUriBuilder().path("api/traces").path(view.id()).build())
                .entity(view).build();
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "The tenant's traces, newest first (summaries)")
    public Uni<List<TraceView>> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return traces.list(caller.id(), Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    @Operation(summary = "One of the tenant's traces (summary)")
    public Uni<TraceView> get(@PathParam("id") String id) {
        return traces.get(id, caller.id());
    }
}

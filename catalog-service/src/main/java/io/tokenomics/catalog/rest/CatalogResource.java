package io.tokenomics.catalog.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.catalog.mapping.CsvWriter;
import io.tokenomics.catalog.service.CatalogListing;
import io.tokenomics.catalog.service.CatalogService;
import io.tokenomics.catalog.service.Caller;
import io.tokenomics.catalog.service.ListQuery;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem;
import io.tokenomics.contract.tenancy.CallerTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The endpoints every catalog kind shares (the subclasses add create and update with their own body schema). Thin:
 * reads the HTTP parts, asks {@link CatalogService}, shapes the response (ETag, Location, Link).
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public abstract class CatalogResource {
    /** Fields of a view that are not part of the spec; a PUT of a fetched view ignores them. */
    static final Set<String> READ_ONLY = Set.of("kind", "visibility", "revision", "updatedAt", "updatedBy",
            "overridden", "overriddenFields", "overrideRevision", "totalParameters", "activeParameters",
            "activeParametersWithEmbedding", "embeddingParameters", "kvBytesPerToken");

    @Inject
    CatalogService service;
    @Inject
    CallerTenant callerTenant;
    @Inject
    SecurityIdentity identity;

    protected abstract CatalogKind kind();

    @GET
    @Operation(summary = "List the entries visible to the caller's tenant: public ones (with the tenant's overrides "
            + "applied and marked) and its own private ones. Filters combine; with 'limit' the response is one page "
            + "and the next one is linked (Link rel=next, X-Next-Cursor)")
    public Uni<Response> list(
            @Parameter(description = "exact vendor, case-insensitive") @QueryParam("vendor") String vendor,
            @Parameter(description = "accelerators supporting this precision: FP32, BF16, FP16, FP8, FP6, FP4, NVFP4, INT8, INT4")
            @QueryParam("precision") String precision,
            @Parameter(description = "accelerators with at least this memory, GB") @QueryParam("minMemoryGb") String minMemoryGb,
            @Parameter(description = "models: true for mixture-of-experts, false for dense") @QueryParam("moe") String moe,
            @Parameter(description = "text search in id, name, vendor, family, notes") @QueryParam("q") String q,
            @Parameter(description = "field to sort by, '-' prefix for descending; default id") @QueryParam("sort") String sort,
            @Parameter(description = "page size") @QueryParam("limit") String limit,
            @Parameter(description = "from the previous page's X-Next-Cursor") @QueryParam("cursor") String cursor) {
        ListQuery query = query(vendor, precision, minMemoryGb, moe, q, sort, limit, cursor);
        return service.list(kind(), caller(), query).map(page -> {
            Response.ResponseBuilder response = Response.ok(page.items());
            if (page.nextCursor() != null) {
                String next = "/api/catalog/" + kind().path() + "?" + nextQuery(query, page.nextCursor());
                response.header("Link", "<" + next + ">; rel=\"next\"").header("X-Next-Cursor", page.nextCursor());
            }
            return response.build();
        });
    }

    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Export the visible entries (same filters as the list) as CSV (format=csv, default) or JSON")
    public Uni<Response> export(@QueryParam("format") String format, @QueryParam("vendor") String vendor,
                                @QueryParam("precision") String precision, @QueryParam("minMemoryGb") String minMemoryGb,
                                @QueryParam("moe") String moe, @QueryParam("q") String q, @QueryParam("sort") String sort) {
        boolean csv = format == null || format.equals("csv");
        if (!csv && !format.equals("json")) {
            throw new InvalidFieldException("format", "csv or json");
        }
        ListQuery query = query(vendor, precision, minMemoryGb, moe, q, sort, null, null);
        return service.list(kind(), caller(), query).map(page -> csv
                ? Response.ok(CsvWriter.write(List.of("id", "kind", "visibility", "revision", "name"), page.items()),
                        "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + kind().path() + ".csv\"").build()
                : Response.ok(page.items(), MediaType.APPLICATION_JSON)
                        .header("Content-Disposition", "attachment; filename=\"" + kind().path() + ".json\"").build());
    }

    @GET
    @Path("compare")
    @Operation(summary = "Compare entries field by field: 'fields' lists every field with one value per id, in the "
            + "order of 'ids', and whether they differ")
    public Uni<ObjectNode> compare(@Parameter(description = "2 to 20 comma-separated ids", example = "H100,H200,B200")
                                   @QueryParam("ids") String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidFieldException("ids", "give 2 to 20 comma-separated ids");
        }
        return service.compare(kind(), Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                caller());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The latest revision of one entry (ETag = its revision); another tenant's private entry is "
            + "404 like a missing one")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.get(kind(), id, caller()).map(view -> Response.ok(view)
                .header(HttpHeaders.ETAG, CatalogService.etag(view.get("revision").asInt())).build());
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "All revisions of an entry, oldest first (also of a deleted one)")
    public Uni<List<ObjectNode>> revisions(@PathParam("id") String id) {
        return service.revisionHistory(kind(), id, false, caller());
    }

    @GET
    @Path("{id}/revisions/{n}")
    @Operation(summary = "One revision, as it was; pinned revisions stay readable after updates and deletion")
    public Uni<ObjectNode> revision(@PathParam("id") String id, @PathParam("n") int n) {
        return service.revision(kind(), id, n, false, caller());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Delete (a tombstone revision) a private entry (tenant-admin) or a public one "
            + "(platform-admin); If-Match with the current ETag is required")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(kind(), id, ifMatch, caller()).replaceWith(Response.noContent().build());
    }

    @PUT
    @Path("{id}/override")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Set the tenant's private override of a public entry: the given fields replace the public "
            + "values for this tenant only (e.g. its negotiated price). If-Match required when changing an override")
    public Uni<Response> putOverride(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     ObjectNode fields) {
        if (fields == null) {
            throw new InvalidFieldException("body", "a JSON object of the fields to override");
        }
        return service.putOverride(kind(), id, fields, ifMatch, caller()).map(view -> Response.ok(view)
                .header(HttpHeaders.ETAG, CatalogService.etag(view.get("overrideRevision").asInt())).build());
    }

    @DELETE
    @Path("{id}/override")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Remove the tenant's override (tombstone revision); If-Match required")
    public Uni<Response> deleteOverride(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.deleteOverride(kind(), id, ifMatch, caller()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{id}/override/revisions")
    @Operation(summary = "All revisions of the tenant's override of an entry")
    public Uni<List<ObjectNode>> overrideRevisions(@PathParam("id") String id) {
        return service.revisionHistory(kind(), id, true, caller());
    }

    @GET
    @Path("{id}/override/revisions/{n}")
    @Operation(summary = "One revision of the tenant's override")
    public Uni<ObjectNode> overrideRevision(@PathParam("id") String id, @PathParam("n") int n) {
        return service.revision(kind(), id, n, true, caller());
    }

    // -------------------------------------------------------------- used by the subclasses' create and update

    protected Uni<Response> doCreate(ObjectNode body) {
        if (body == null) {
            throw new InvalidFieldException("body", "a JSON object");
        }
        ObjectNode spec = body.deepCopy();
        String id = spec.hasNonNull("id") ? spec.get("id").asText() : null;
        String visibility = spec.hasNonNull("visibility") ? spec.get("visibility").asText() : "tenant";
        if (!visibility.equals("tenant") && !visibility.equals("public")) {
            throw new InvalidFieldException("visibility", "tenant (default) or public");
        }
        stripReadOnly(spec);
        spec.remove("id");
        return service.create(kind(), id, spec, visibility.equals("public"), caller())
                .map(view -> Response.created(URI.create("/api/catalog/" + kind().path() + "/" + id)).entity(view)
                        .header(HttpHeaders.ETAG, CatalogService.etag(view.get("revision").asInt())).build());
    }

    protected Uni<Response> doUpdate(String id, String ifMatch, ObjectNode body) {
        if (body == null) {
            throw new InvalidFieldException("body", "a JSON object");
        }
        ObjectNode spec = body.deepCopy();
        if (spec.hasNonNull("id") && !spec.get("id").asText().equals(id)) {
            throw new InvalidFieldException("id", "differs from the id in the path");
        }
        spec.remove("id");
        stripReadOnly(spec);
        return service.update(kind(), id, spec, ifMatch, caller()).map(view -> Response.ok(view)
                .header(HttpHeaders.ETAG, CatalogService.etag(view.get("revision").asInt())).build());
    }

    private void stripReadOnly(ObjectNode spec) {
        spec.remove(READ_ONLY);
        if (!kind().fields().contains("source")) {
            spec.remove("source"); // the view's one-line summary of 'sources'
        }
    }

    protected Caller caller() {
        return new Caller(callerTenant.id(), identity.getPrincipal().getName(), identity.hasRole("tenant-admin"),
                identity.hasRole("platform-admin"));
    }

    private static ListQuery query(String vendor, String precision, String minMemoryGb, String moe, String q,
                                   String sort, String limit, String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        BigDecimal memory = null;
        if (minMemoryGb != null) {
            try {
                memory = new BigDecimal(minMemoryGb);
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("minMemoryGb", "a number of GB"));
            }
        }
        Boolean moeFlag = null;
        if (moe != null) {
            if (moe.equals("true") || moe.equals("false")) {
                moeFlag = Boolean.valueOf(moe);
            } else {
                errors.add(new Problem.FieldError("moe", "true or false"));
            }
        }
        Integer size = null;
        if (limit != null) {
            try {
                size = Integer.valueOf(limit);
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("limit", "a whole number"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        return new ListQuery(vendor, precision, memory, moeFlag, q, sort, size, cursor);
    }

    private static String nextQuery(ListQuery q, String cursor) {
        List<String> parts = new ArrayList<>();
        add(parts, "vendor", q.vendor());
        add(parts, "precision", q.precision());
        add(parts, "minMemoryGb", q.minMemoryGb() == null ? null : q.minMemoryGb().toPlainString());
        add(parts, "moe", q.moe() == null ? null : q.moe().toString());
        add(parts, "q", q.q());
        add(parts, "sort", q.sort());
        add(parts, "limit", q.limit() == null ? null : q.limit().toString());
        add(parts, "cursor", cursor);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}

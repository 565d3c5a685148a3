package io.tokenomics.catalog.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.catalog.domain.QuantizationSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RolesAllowed("viewer")
@Path("/api/catalog/quantizations")
@Tag(name = "quantizations", description = "Quantization schemes: weight, activation and KV-cache formats")
public class QuantizationResource extends CatalogResource {
    @Override
    protected CatalogKind kind() {
        return CatalogKind.QUANTIZATION;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Create an entry: private to the caller's tenant (tenant-admin), or public with "
            + "\"visibility\":\"public\" (platform-admin). The body is the spec plus \"id\"; 201 with Location and ETag")
    public Uni<Response> create(@RequestBody(content = @Content(schema = @Schema(implementation = QuantizationSpec.class))) ObjectNode body) {
        return doCreate(body);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Replace an entry's fields, writing a new revision; If-Match with the current ETag is "
            + "required (412 when stale, 428 when missing). Read-only view fields in the body are ignored")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @RequestBody(content = @Content(schema = @Schema(implementation = QuantizationSpec.class))) ObjectNode body) {
        return doUpdate(id, ifMatch, body);
    }
}

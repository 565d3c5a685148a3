package io.tokenomics.pricing.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.pricing.mapping.DefaultPriceBookRequest;
import io.tokenomics.pricing.mapping.PriceBookRequest;
import io.tokenomics.pricing.mapping.PriceBookRevisionView;
import io.tokenomics.pricing.mapping.PriceBookView;
import io.tokenomics.pricing.service.PriceBookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/pricing/price-books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "price books", description = "TCO assumptions per tenant, with public defaults and immutable revisions")
@RolesAllowed("viewer")
public class PriceBookResource {
    @Inject
    PriceBookService service;
    @Inject
    CallerTenant caller;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "The caller tenant's price books and the public ones, each with its current terms")
    public Uni<List<PriceBookView>> list() {
        return service.list(caller.id());
    }

    @GET
    @Path("default")
    @Operation(summary = "The book quotes are computed with: the tenant's default, else the platform default")
    public Uni<PriceBookView> defaultBook() {
        return service.defaultBook(caller.id());
    }

    @PUT
    @Path("default")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Make a visible price book the caller tenant's default (role tenant-admin)")
    public Uni<PriceBookView> makeDefault(DefaultPriceBookRequest request) {
        return service.makeDefault(callerInfo(), request);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One price book with its current terms; another tenant's book is a 404")
    public Uni<PriceBookView> get(@PathParam("id") UUID id) {
        return service.get(id, caller.id());
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "Every revision of a price book, oldest first")
    public Uni<List<PriceBookRevisionView>> revisions(@PathParam("id") UUID id) {
        return service.revisions(id, caller.id());
    }

    @GET
    @Path("{id}/revisions/{revision}")
    @Operation(summary = "One immutable revision of a price book")
    public Uni<PriceBookRevisionView> revision(@PathParam("id") UUID id, @PathParam("revision") int revision) {
        return service.revision(id, revision, caller.id());
    }

    @POST
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Create a price book of the caller's tenant (role tenant-admin), or a public one (platform-admin)")
    public Uni<Response> create(PriceBookRequest request, @Context UriInfo uri) {
        return service.create(callerInfo(), request).map(v -> Response
                .created(uri.getBaseUriBuilder().path("api/pricing/price-books/{id}").build(v.id())).entity(v).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Write a new revision of a price book; older revisions and the quotes pinned to them stay")
    public Uni<PriceBookView> update(@PathParam("id") UUID id, PriceBookRequest request) {
        return service.update(id, callerInfo(), request);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("tenant-admin")
    @Operation(summary = "Archive a price book: it leaves the list; revisions and quotes pinned to it remain readable")
    public Uni<Response> archive(@PathParam("id") UUID id) {
        return service.archive(id, callerInfo()).map(x -> Response.noContent().build());
    }

    private PriceBookService.Caller callerInfo() {
        return new PriceBookService.Caller(caller.id(), identity.getPrincipal().getName(),
                identity.hasRole("platform-admin"));
    }
}

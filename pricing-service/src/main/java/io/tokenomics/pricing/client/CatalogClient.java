package io.tokenomics.pricing.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's query API, called with the caller's own token so the catalog applies the caller's tenancy. */
@RegisterRestClient(configKey = "catalog")
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    /** The latest revision of an entry of {@code kind} ({@code accelerators}, {@code models}) as the API view. */
    @GET
    @Path("{kind}/{id}")
    Uni<ObjectNode> entry(@PathParam("kind") String kind, @PathParam("id") String id,
                          @HeaderParam("Authorization") String authorization);
}

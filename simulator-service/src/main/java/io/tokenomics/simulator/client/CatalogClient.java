package io.tokenomics.simulator.client;

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

    @GET
    @Path("accelerators/{id}")
    Uni<AcceleratorFacts> accelerator(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}

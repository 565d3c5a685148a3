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

/**
 * simulator-service's sweep API, called with the caller's own token so the simulator applies the caller's tenancy
 * (another tenant's sweep is a 404 there).
 */
@RegisterRestClient(configKey = "simulator")
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public interface SimulatorClient {

    /** The sweep as simulator-service's {@code SweepView}: {@code status}, {@code modelId}, {@code acceleratorId}, {@code result}. */
    @GET
    @Path("{id}")
    Uni<ObjectNode> sweep(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}

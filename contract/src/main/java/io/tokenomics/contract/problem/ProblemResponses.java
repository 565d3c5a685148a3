package io.tokenomics.contract.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

final class ProblemResponses {
    private ProblemResponses() {
    }

    static Response of(Problem problem, UriInfo uriInfo) {
        Problem body = uriInfo == null ? problem : problem.withInstance(uriInfo.getRequestUri().getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}

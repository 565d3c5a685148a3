package io.tokenomics.simulator.rest;

import io.tokenomics.contract.problem.Problem;
import io.tokenomics.simulator.service.QuotaExceededException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** 422 (size over the plan, naming the field) or 429 with Retry-After (concurrency), as problem+json. */
@Provider
public class QuotaExceededMapper implements ExceptionMapper<QuotaExceededException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(QuotaExceededException e) {
        boolean size = e.status() == 422;
        Problem problem = Problem.of(e.status(), size ? "quota-size" : "quota-concurrency",
                size ? "Over the plan's limit" : "Too many jobs at once", e.getMessage(),
                e.field() == null ? List.of() : List.of(new Problem.FieldError(e.field(), e.getMessage())));
        if (uriInfo != null) {
            problem = problem.withInstance(uriInfo.getRequestUri().getPath());
        }
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (!size) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }
}

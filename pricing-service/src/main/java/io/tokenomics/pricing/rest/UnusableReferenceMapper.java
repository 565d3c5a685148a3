package io.tokenomics.pricing.rest;

import io.tokenomics.contract.problem.Problem;
import io.tokenomics.pricing.client.UnusableReferenceException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** 404 (unknown or another tenant's) or 409 (not usable yet) problem+json naming the request field of the id. */
@Provider
public class UnusableReferenceMapper implements ExceptionMapper<UnusableReferenceException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(UnusableReferenceException e) {
        Response.Status status = Response.Status.fromStatusCode(e.status());
        String title = status == null ? "HTTP " + e.status() : status.getReasonPhrase();
        Problem problem = Problem.of(e.status(), e.status() == 404 ? "not-found" : "conflict", title,
                e.field() + ": " + e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())))
                .withInstance(uriInfo.getRequestUri().getPath());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

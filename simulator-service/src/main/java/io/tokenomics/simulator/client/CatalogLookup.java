package io.tokenomics.simulator.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/**
 * Reads catalog facts for a new job. Transient failures are retried with backoff behind a circuit breaker; a 404 is
 * the caller's mistake (unknown or foreign entry, or revision) and is never retried.
 */
@ApplicationScoped
public class CatalogLookup {
    @Inject
    @RestClient
    CatalogClient catalog;
    @Inject
    CatalogCache cache;
    @Inject
    io.tokenomics.contract.tenancy.CallerTenant caller;

    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = InvalidFieldException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidFieldException.class)
    public Uni<AcceleratorFacts> accelerator(String id, String authorization) {
        return catalog.accelerator(id, authorization)
                .onFailure(WebApplicationException.class).transform(e -> translate(e, "acceleratorId",
                        "no accelerator '" + id + "' in the catalog"));
    }

    /**
     * A catalog entry pinned to a revision: the latest when {@code revision} is null, else that revision's document.
     * The answer always carries {@code id} and {@code revision}.
     *
     * @param kind  path segment: {@code models} or {@code accelerators}
     * @param field the request field to name when the entry or revision does not exist
     */
    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = InvalidFieldException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidFieldException.class)
    public Uni<ObjectNode> pinned(String kind, String field, String revisionField, String id, Integer revision,
                                  String authorization) {
        String entity = kind.substring(0, kind.length() - 1);
        if (!cache.enabled()) {
            return read(kind, field, revisionField, id, revision, authorization, entity);
        }
        CatalogCache.Key key = new CatalogCache.Key(caller.id(), kind, id, revision);
        ObjectNode cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = cache.generation(kind, id);
        return read(kind, field, revisionField, id, revision, authorization, entity)
                .invoke(entry -> cache.put(key, entry, generation));
    }

    private Uni<ObjectNode> read(String kind, String field, String revisionField, String id, Integer revision,
                                 String authorization, String entity) {
        if (revision == null) {
            return catalog.entry(kind, id, authorization)
                    .onFailure(WebApplicationException.class).transform(e -> translate(e, field,
                            "no " + entity + " '" + id + "' in the catalog"));
        }
        return catalog.revision(kind, id, revision, authorization)
                .onFailure(WebApplicationException.class).transform(e -> translate(e, revisionField,
                        "no revision " + revision + " of " + entity + " '" + id + "' in the catalog"))
                .map(r -> {
                    if ("deleted".equals(r.path("change").asText()) || !r.path("document").isObject()) {
                        throw new InvalidFieldException(revisionField, "revision " + revision + " of " + entity + " '"
                                + id + "' is a deletion");
                    }
                    ObjectNode document = ((ObjectNode) r.get("document")).deepCopy();
                    document.put("id", id);
                    document.put("revision", revision);
                    return document;
                });
    }

    private static Throwable translate(Throwable e, String field, String notFound) {
        int status = ((WebApplicationException) e).getResponse().getStatus();
        if (status == 404) {
            return new InvalidFieldException(field, notFound);
        }
        return new ServiceUnavailableException("catalog-service answered " + status);
    }
}

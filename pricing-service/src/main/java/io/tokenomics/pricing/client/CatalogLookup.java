package io.tokenomics.pricing.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/**
 * Reads catalog entries (model MMLU and API price, accelerator TDP) with the caller's token. Transient failures are
 * retried with backoff behind a circuit breaker and end as 503; a 404 (unknown id or another tenant's private entry)
 * is never retried and answers 404 naming the request field.
 */
@ApplicationScoped
public class CatalogLookup {
    @Inject
    @RestClient
    CatalogClient catalog;

    /**
     * @param kind  {@code models} or {@code accelerators}
     * @param field the request field that named the id
     */
    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = UnusableReferenceException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UnusableReferenceException.class)
    public Uni<ObjectNode> entry(String kind, String id, String field, String authorization) {
        String entity = kind.substring(0, kind.length() - 1);
        return catalog.entry(kind, id, authorization)
                .onFailure(WebApplicationException.class).transform(e -> SweepLookup.translate(e, field,
                        "no " + entity + " '" + id + "' in the catalog for this tenant"));
    }
}

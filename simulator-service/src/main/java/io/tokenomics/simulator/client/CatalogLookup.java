package io.tokenomics.simulator.client;

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
 * the caller's mistake (unknown or foreign accelerator) and is never retried.
 */
@ApplicationScoped
public class CatalogLookup {
    @Inject
    @RestClient
    CatalogClient catalog;

    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = InvalidFieldException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidFieldException.class)
    public Uni<AcceleratorFacts> accelerator(String id, String authorization) {
        return catalog.accelerator(id, authorization)
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    if (status == 404) {
                        return new InvalidFieldException("acceleratorId", "no accelerator '" + id + "' in the catalog");
                    }
                    return new ServiceUnavailableException("catalog-service answered " + status);
                });
    }
}

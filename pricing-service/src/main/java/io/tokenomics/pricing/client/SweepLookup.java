package io.tokenomics.pricing.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
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
 * Reads a sweep from simulator-service. Transient failures (5xx, connection errors, timeouts) are retried with backoff
 * behind a circuit breaker and end as 503; a 404 (unknown sweep or another tenant's) is the caller's mistake and is
 * never retried.
 */
@ApplicationScoped
public class SweepLookup {
    @Inject
    @RestClient
    SimulatorClient simulator;

    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = UnusableReferenceException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UnusableReferenceException.class)
    public Uni<ObjectNode> sweep(String id, String field, String authorization) {
        return simulator.sweep(id, authorization)
                .onFailure(WebApplicationException.class).transform(e -> translate(e, field,
                        "no sweep '" + id + "' for this tenant in simulator-service"));
    }

    static Throwable translate(Throwable e, String field, String notFound) {
        int status = ((WebApplicationException) e).getResponse().getStatus();
        if (status == 404) {
            return new UnusableReferenceException(404, field, notFound);
        }
        return new ServiceUnavailableException("upstream answered " + status);
    }
}

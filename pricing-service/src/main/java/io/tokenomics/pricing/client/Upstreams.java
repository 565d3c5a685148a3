package io.tokenomics.pricing.client;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;

/**
 * What a failed call to another service means for our caller. After the fault-tolerance layer gave up, anything that
 * is not already an HTTP answer (connection refused, timeout, open circuit breaker) is a 503, never a 500.
 */
public final class Upstreams {
    private Upstreams() {
    }

    public static boolean isTransport(Throwable e) {
        return !(e instanceof UnusableReferenceException) && !(e instanceof WebApplicationException)
                && !(e instanceof io.tokenomics.contract.problem.InvalidFieldException);
    }

    public static Throwable unavailable(String service, Throwable e) {
        return new ServiceUnavailableException(service + " is unavailable (" + e.getClass().getSimpleName() + ")");
    }
}

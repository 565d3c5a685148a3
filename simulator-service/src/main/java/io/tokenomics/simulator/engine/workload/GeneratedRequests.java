package io.tokenomics.simulator.engine.workload;

import java.util.random.RandomGenerator;

/** Open-loop traffic: arrival times from an {@link ArrivalProcess}, contents from a {@link RequestFactory}. */
public final class GeneratedRequests implements RequestSource {
    private final ArrivalProcess arrivals;
    private final RequestFactory factory;
    private final long count;
    private final RandomGenerator arrivalRng;
    private long produced;
    private double last;

    /**
     * @param arrivalRng stream for arrival gaps (kept apart from the factory's stream so that changing the rate
     *                   does not change the request contents)
     */
    public GeneratedRequests(ArrivalProcess arrivals, RequestFactory factory, long count, RandomGenerator arrivalRng) {
        if (count < 0) {
            throw new IllegalArgumentException("request count must be >= 0");
        }
        this.arrivals = arrivals;
        this.factory = factory;
        this.count = count;
        this.arrivalRng = arrivalRng;
    }

    @Override
    public Request next() {
        if (produced >= count) {
            return null;
        }
        last = arrivals.nextArrival(last, arrivalRng);
        return factory.create(produced++, last);
    }
}

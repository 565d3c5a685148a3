package io.tokenomics.simulator.engine.workload;

/** Requests in non-decreasing arrival order, produced one at a time (never all held in memory). */
public interface RequestSource extends AutoCloseable {
    /** The next request, or null when there are no more. */
    Request next();

    @Override
    default void close() {
    }
}

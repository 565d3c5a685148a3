package io.tokenomics.simulator.engine.simulation;

/**
 * Something that happens at a simulated time. The {@link Simulator} stamps each scheduled event with its time and a
 * sequence number; events at the same time fire in scheduling order. An event object may be scheduled again once
 * it has fired (replicas reuse their iteration-end event).
 */
public abstract class Event {
    double time;
    long sequence;
    boolean pending;

    /**
     * Whether this event may change what a replica runs (arrivals, transfers, users): fast-forwarded replicas stop
     * at the first iteration end at or after the next such event. Replica-internal events override this with false.
     */
    protected boolean external() {
        return true;
    }

    /** Called by the simulator with its clock already at {@link #time()}. */
    protected abstract void fire();

    public final double time() {
        return time;
    }

    public final boolean isPending() {
        return pending;
    }
}

package io.tokenomics.simulator.engine.scheduler;

/** What a replica's scheduler reports about its sequences (to the cluster and the metrics). */
public interface SequenceListener {
    /** Admitted into the running batch; {@code firstTime} is false when it comes back after a preemption. */
    void admitted(Sequence s, double now, boolean firstTime);

    void firstToken(Sequence s, double now);

    void finished(Sequence s, double now);

    /** Evicted from the running batch because a decode step needed {@code neededBlocks} and only {@code available}. */
    void preempted(Sequence s, long availableBlocks, long neededBlocks, double now);

    /** A prefill-pool replica finished the prompt; the sequence keeps its KV blocks until released. */
    default void prefillHandedOff(Sequence s, double now) {
        throw new IllegalStateException("only prefill-pool replicas hand off sequences");
    }
}

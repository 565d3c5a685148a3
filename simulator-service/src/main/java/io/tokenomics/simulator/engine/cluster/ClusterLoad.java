package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.metrics.MetricsCollector;
import io.tokenomics.simulator.engine.metrics.TimeSeries;

/**
 * The cluster-wide quantities the run's time series follow — requests waiting, sequences running, KV blocks in use —
 * kept as the replicas change them (exactly when they change, not sampled).
 *
 * <p>Waiting and running counts change only at events, in time order. KV blocks also change between events: a
 * fast-forwarded replica allocates blocks at iterations that have no event of their own, and applies them late
 * ({@link Replica#catchUp}); each replica adds the area of its own KV steps to the shared series (exact, in any
 * order). The KV peak is the largest total held for a positive time (whole microseconds): between two events the
 * total only grows (segments only allocate), so before each KV change at an event every replica is brought up to
 * that instant and the total held just before it is a peak candidate — the same peak as the step-by-step run's.
 */
final class ClusterLoad {
    private final MetricsCollector metrics;
    private final TimeSeries kvBlocks;
    private Replica[] replicas = new Replica[0];
    private long waiting;
    private long running;
    private long kvInUse;
    /** The microsecond of the last peak candidate. */
    private long kvBreak;
    /** Replicas with skipped iterations not applied yet. */
    private int openSegments;

    ClusterLoad(MetricsCollector metrics, TimeSeries kvBlocks) {
        this.metrics = metrics;
        this.kvBlocks = kvBlocks;
    }

    void replicas(Replica[] all) {
        this.replicas = all;
    }

    TimeSeries kvBlocks() {
        return kvBlocks;
    }

    void waitingChanged(double now, long delta) {
        waiting += delta;
        metrics.queueLength(now, waiting);
    }

    void runningChanged(double now, long delta) {
        running += delta;
        metrics.runningSequences(now, running);
    }

    /** A replica applied {@code delta} KV blocks (its own area is its business). */
    void kvChanged(long delta) {
        kvInUse += delta;
    }

    void segmentOpened() {
        openSegments++;
    }

    void segmentClosed() {
        openSegments--;
    }

    /** Every replica's skipped iterations planned before {@code now} applied (what a router must see). */
    void catchUp(double now) {
        if (openSegments > 0) {
            for (Replica r : replicas) {
                r.catchUp(now);
            }
        }
    }

    /** Called at {@code now} before the KV blocks of a replica change at an event. */
    void kvChanging(double now) {
        long t = TimeSeries.micros(now);
        if (t > kvBreak) {
            if (openSegments > 0) {
                for (Replica r : replicas) {
                    r.catchUpBefore(t);
                }
            }
            kvBlocks.notePeak(kvInUse);
            kvBreak = t;
        }
        catchUp(now);
    }

    /** Closes the KV series at {@code end}: every replica's steps applied and its last level added. */
    void close(double end) {
        kvChanging(end);
        long t = TimeSeries.micros(end);
        for (Replica r : replicas) {
            r.settle();
            r.closeRun();
        }
        for (Replica r : replicas) {
            r.closeKv(t);
        }
    }
}

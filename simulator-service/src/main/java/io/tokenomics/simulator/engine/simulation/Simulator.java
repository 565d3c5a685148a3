package io.tokenomics.simulator.engine.simulation;

/**
 * The clock and the event queue of one simulation run. Not thread-safe and not shared: every run creates its own.
 * Time is in seconds from the start of the run.
 */
public final class Simulator {
    private final EventQueue queue = new EventQueue();
    /** The pending external events (also in {@link #queue}), for {@link #nextExternalTime()}. */
    private final EventQueue external = new EventQueue();
    private java.util.function.DoubleConsumer externalScheduled;
    private double horizon = Double.POSITIVE_INFINITY;
    private double now;
    private long nextSequence;
    private long fired;
    private long processed;
    private Runnable observer;
    private long observeMask = -1;

    public double now() {
        return now;
    }

    /** Events fired so far. */
    public long firedEvents() {
        return fired;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Schedules {@code event} at absolute time {@code time} (not before now). */
    public void schedule(Event event, double time) {
        if (event.pending) {
            throw new IllegalStateException("event already scheduled");
        }
        if (!(time >= now)) {
            throw new IllegalArgumentException("cannot schedule at " + time + " before now " + now);
        }
        event.time = time;
        event.sequence = nextSequence++;
        event.pending = true;
        queue.add(event);
        if (event.external()) {
            external.add(event);
            if (externalScheduled != null) {
                externalScheduled.accept(time);
            }
        }
    }

    /**
     * The time of the earliest pending external event, or the run's horizon if earlier (+infinity if none): no
     * replica's batch can change before it except by its own iterations.
     */
    public double nextExternalTime() {
        Event e = external.peek();
        return e == null ? horizon : Math.min(e.time, horizon);
    }

    /** Called with the time of every external event scheduled (fast-forwarded replicas cut their segment short). */
    public void onExternalScheduled(java.util.function.DoubleConsumer listener) {
        this.externalScheduled = listener;
    }

    /** Event objects actually taken from the queue (without the fast-forward correction of {@link #firedEvents()}). */
    public long processedEvents() {
        return processed;
    }

    /** Corrects {@link #firedEvents()} for iterations run without an event of their own (or events that stand in). */
    public void countEvents(long delta) {
        fired += delta;
    }

    public void scheduleAfter(Event event, double delay) {
        schedule(event, now + delay);
    }

    /**
     * Calls {@code observer} after every {@code 2^log2Events}-th event (progress reports; it must not change the run's
     * state, so the run is the same with or without it). An exception it throws ends the run.
     */
    public void observeEvery(int log2Events, Runnable observer) {
        this.observer = observer;
        this.observeMask = (1L << log2Events) - 1;
    }

    /** Fires events in (time, sequence) order until none is left or the next one lies beyond {@code horizon}. */
    public void runUntil(double horizon) {
        this.horizon = horizon;
        while (!queue.isEmpty()) {
            Event e = queue.peek();
            if (e.time > horizon) {
                break;
            }
            queue.poll();
            if (e.external()) {
                external.poll(); // the same event: both heaps order by (time, sequence)
            }
            e.pending = false;
            now = e.time;
            fired++;
            processed++;
            e.fire();
            if ((processed & observeMask) == 0 && observer != null) {
                observer.run();
            }
        }
    }

    public void run() {
        runUntil(Double.POSITIVE_INFINITY);
    }

    /** Advances the clock to {@code time} without firing anything (used when a run stops at a horizon). */
    public void advanceTo(double time) {
        if (time > now) {
            now = time;
        }
    }
}

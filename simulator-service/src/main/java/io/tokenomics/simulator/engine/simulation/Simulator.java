package io.tokenomics.simulator.engine.simulation;

/**
 * The clock and the event queue of one simulation run. Not thread-safe and not shared: every run creates its own.
 * Time is in seconds from the start of the run.
 */
public final class Simulator {
    private final EventQueue queue = new EventQueue();
    private double now;
    private long nextSequence;
    private long fired;

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
    }

    public void scheduleAfter(Event event, double delay) {
        schedule(event, now + delay);
    }

    /** Fires events in (time, sequence) order until none is left or the next one lies beyond {@code horizon}. */
    public void runUntil(double horizon) {
        while (!queue.isEmpty()) {
            Event e = queue.peek();
            if (e.time > horizon) {
                break;
            }
            queue.poll();
            e.pending = false;
            now = e.time;
            fired++;
            e.fire();
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

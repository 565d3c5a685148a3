package io.tokenomics.simulator.engine.metrics;

import java.util.Arrays;

/**
 * A non-negative, integer-valued, piecewise-constant quantity over simulated time (requests waiting, KV blocks in use,
 * running sequences), kept as time-weighted bucket averages in bounded memory: when the run outgrows the buckets,
 * neighbouring buckets merge and the width doubles.
 *
 * <p>The quantity may be the sum of several contributors (one per replica), each adding the area of its own steps
 * ({@link #add}) whenever it gets round to it, in any order: areas are kept exactly, as value × microseconds in
 * {@code long}s, so the buckets come out the same whatever the order of the additions (a replica that fast-forwards
 * adds its steps late, at the end of a segment, and still gets the figures of the step-by-step run). A single
 * contributor can use the time-ordered {@link #record}, which also keeps the peak.
 */
public final class TimeSeries {
    private static final double MICROS_PER_SECOND = 1e6;
    private final long[] integral;
    private long width;
    private long covered;
    private final double scale;
    private long peak;
    private final java.util.ArrayList<Level> levels = new java.util.ArrayList<>();
    // the single contributor of record()
    private long since;
    private long value;

    /**
     * @param buckets      points kept (even)
     * @param initialWidth seconds per bucket to start with (rounded to whole microseconds)
     * @param scale        what one unit of the quantity is worth in the points (1: counts; 1 / blocks: a share)
     */
    public TimeSeries(int buckets, double initialWidth, double scale) {
        if (buckets < 2 || buckets % 2 != 0 || !(initialWidth >= 1e-6)) {
            throw new IllegalArgumentException("buckets must be even and >= 2, width at least a microsecond");
        }
        this.integral = new long[buckets];
        this.width = Math.round(initialWidth * MICROS_PER_SECOND);
        this.scale = scale;
    }

    public TimeSeries(int buckets, double initialWidth) {
        this(buckets, initialWidth, 1);
    }

    /** Whole microseconds of a time in seconds (the same time always gives the same instant). */
    public static long micros(double seconds) {
        return Math.round(seconds * MICROS_PER_SECOND);
    }

    /**
     * The quantity takes {@code newValue} from {@code time} on (times must not decrease); the peak is the largest value
     * held for a positive time, so the order of changes at one instant does not matter.
     */
    public void record(double time, long newValue) {
        if (newValue == value) {
            return;
        }
        long t = micros(time);
        if (t < since) {
            throw new IllegalArgumentException("time went backwards: " + time);
        }
        if (t > since) {
            peak = Math.max(peak, value);
            add(since, t, value);
            since = t;
        }
        value = newValue;
    }

    /** Adds {@code value} held over [{@code from}, {@code to}) (microseconds) to the integral, in any order. */
    public void add(long from, long to, long value) {
        if (to <= from) {
            return;
        }
        grow(to);
        if (value == 0) {
            return;
        }
        long w = width;
        int b = (int) (from / w);
        long t = from;
        while (t < to) {
            long end = Math.min(to, (b + 1) * w);
            integral[b] += value * (end - t);
            t = end;
            b++;
        }
    }

    /** A contributor's peak candidate: the series' peak is the largest value passed here or held in record(). */
    public void notePeak(long candidate) {
        peak = Math.max(peak, candidate);
    }

    private void grow(long to) {
        covered = Math.max(covered, to);
        while (to > width * integral.length) {
            // merge pairs: twice the width, half the buckets used
            for (int i = 0; i < integral.length / 2; i++) {
                integral[i] = integral[2 * i] + integral[2 * i + 1];
            }
            Arrays.fill(integral, integral.length / 2, integral.length, 0);
            width *= 2;
        }
    }

    /** A new contributor to this series (its value starts at 0 at time 0). */
    public Level level() {
        Level l = new Level();
        levels.add(l);
        return l;
    }

    /**
     * One contributor's piecewise-constant value (e.g. one replica's KV blocks), changed in time order by its owner.
     * Its area is summed locally while it stays in one bucket and added to the series when it leaves it (a long
     * division and an array write per bucket, not per change).
     */
    public final class Level {
        private long since;
        private long value;
        /** Bucket of {@link #since} as of width {@link #bucketWidth}, its exclusive end, the area not yet added. */
        private long bucket;
        private long bucketWidth = width;
        private long bucketEnd = width;
        private long pending;

        private Level() {
        }

        public long value() {
            return value;
        }

        /** The value changes by {@code delta} at {@code t} microseconds (not before the previous change). */
        public void step(long t, long delta) {
            if (t > since) {
                advance(t);
            }
            value += delta;
        }

        /** Adds the area up to {@code t} microseconds; the value stays. */
        public void close(long t) {
            if (t > since) {
                advance(t);
            }
            flush();
        }

        private void advance(long t) {
            if (t <= bucketEnd) {
                pending += value * (t - since);
            } else {
                flush();
                add(since, t, value);
                bucketWidth = width;
                bucket = t / bucketWidth;
                bucketEnd = (bucket + 1) * bucketWidth;
            }
            since = t;
        }

        private void flush() {
            if (pending != 0) {
                // the buckets may have merged since: the old bucket lies inside one new one
                integral[(int) (bucket >> Long.numberOfTrailingZeros(width / bucketWidth))] += pending;
                pending = 0;
            }
        }
    }

    /** Closes the series at {@code end} and returns bucket start times and average values up to it. */
    public Points points(double end) {
        for (Level l : levels) {
            l.flush();
        }
        long e = micros(end);
        if (e > since) {
            peak = Math.max(peak, value);
            add(since, e, value);
            since = e;
        }
        grow(e);
        long last = covered;
        int used = (int) Math.max(1, Math.min(integral.length, (last + width - 1) / width));
        double[] t = new double[used];
        double[] v = new double[used];
        for (int i = 0; i < used; i++) {
            t[i] = i * width / MICROS_PER_SECOND;
            long span = Math.min(width, last - i * width);
            v[i] = span > 0 ? (double) integral[i] / span * scale : value * scale;
        }
        return new Points(t, v, peak * scale);
    }

    /** Bucket start times (seconds) and the time-weighted average in each bucket. */
    public record Points(double[] times, double[] values, double peak) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(times, p.times) && Arrays.equals(values, p.values)
                    && Double.compare(peak, p.peak) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Points[" + times.length + " buckets, peak " + peak + "]";
        }
    }
}

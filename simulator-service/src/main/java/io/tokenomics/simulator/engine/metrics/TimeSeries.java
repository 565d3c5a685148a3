package io.tokenomics.simulator.engine.metrics;

import java.util.Arrays;

/**
 * A piecewise-constant quantity over simulated time (queue length, KV occupancy), kept as time-weighted bucket
 * averages in bounded memory: when the run outgrows the buckets, neighbouring buckets merge and the width doubles.
 */
public final class TimeSeries {
    private final double[] integral;
    private double width;
    private double lastTime;
    private double lastValue;
    private double peak;

    /** @param buckets points kept (even), @param initialWidth seconds per bucket to start with */
    public TimeSeries(int buckets, double initialWidth) {
        if (buckets < 2 || buckets % 2 != 0 || !(initialWidth > 0)) {
            throw new IllegalArgumentException("buckets must be even and >= 2, width positive");
        }
        this.integral = new double[buckets];
        this.width = initialWidth;
    }

    /** The quantity takes {@code value} from {@code time} on (times must not decrease). */
    public void record(double time, double value) {
        if (value == lastValue && time >= lastTime) {
            // unchanged: the open segment just extends (integrated at the next change or at the end); the sums are
            // the same up to rounding, and most samples (after every iteration of every replica) change nothing
            return;
        }
        advance(time);
        lastValue = value;
        peak = Math.max(peak, value);
    }

    private void advance(double time) {
        while (time > width * integral.length) {
            // merge pairs: twice the width, half the buckets used
            for (int i = 0; i < integral.length / 2; i++) {
                integral[i] = integral[2 * i] + integral[2 * i + 1];
            }
            Arrays.fill(integral, integral.length / 2, integral.length, 0);
            width *= 2;
        }
        if (lastValue == 0 && time < Double.POSITIVE_INFINITY) {
            // every bucket would get 0 x (finite span) = +0: nothing changes (an idle queue between iterations)
            lastTime = time;
            return;
        }
        double t = lastTime;
        int b = (int) (t / width);
        while (t < time) {
            if (b < integral.length - 1 && (b + 1) * width <= t) {
                b++; // rounding put t at the end of bucket b
                continue;
            }
            double end = b >= integral.length - 1 ? time : Math.min(time, (b + 1) * width);
            integral[Math.min(b, integral.length - 1)] += lastValue * (end - t);
            t = end;
            b++;
        }
        lastTime = time;
    }

    /** Closes the series at {@code end} and returns bucket start times and average values up to it. */
    public Points points(double end) {
        advance(Math.max(end, lastTime));
        int used = Math.max(1, Math.min(integral.length, (int) Math.ceil(lastTime / width)));
        double[] t = new double[used];
        double[] v = new double[used];
        for (int i = 0; i < used; i++) {
            t[i] = i * width;
            double span = Math.min(width, lastTime - i * width);
            v[i] = span > 0 ? integral[i] / span : lastValue;
        }
        return new Points(t, v, peak);
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

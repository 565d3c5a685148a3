package io.tokenomics.simulator.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeSeriesTest {
    /** The series skips the bucket walk while the value is 0; the points must equal a walk that adds every 0 x span. */
    @Test
    void idleStretchesGiveTheSamePointsAsTheFullWalk() {
        SplittableRandom random = new SplittableRandom(3);
        for (int run = 0; run < 50; run++) {
            TimeSeries series = new TimeSeries(16, 0.01);
            Reference reference = new Reference(16, 0.01);
            double t = 0;
            for (int i = 0; i < 5000; i++) {
                t += random.nextDouble() * (random.nextInt(10) == 0 ? 1.0 : 0.003);
                double v = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
                series.record(t, v);
                reference.record(t, v);
            }
            double end = t + random.nextDouble();
            TimeSeries.Points p = series.points(end);
            TimeSeries.Points q = reference.points(end);
            assertThat(p.times()).isEqualTo(q.times());
            // repeated values are integrated in one span at the next change: equal up to rounding
            for (int i = 0; i < p.values().length; i++) {
                assertThat(p.values()[i]).isCloseTo(q.values()[i], within(1e-12 * Math.max(1, q.values()[i])));
            }
            assertThat(p.peak()).isEqualTo(q.peak());
        }
    }

    /** A sample that repeats the current value changes nothing: the same points as without it, bit for bit. */
    @Test
    void repeatedValuesAreOneSegment() {
        TimeSeries repeated = new TimeSeries(8, 0.5);
        TimeSeries once = new TimeSeries(8, 0.5);
        repeated.record(0.25, 3);
        once.record(0.25, 3);
        for (double t = 0.3; t < 9; t += 0.07) {
            repeated.record(t, 3);
        }
        repeated.record(9.5, 1);
        once.record(9.5, 1);
        TimeSeries.Points p = repeated.points(12);
        TimeSeries.Points q = once.points(12);
        assertThat(p).isEqualTo(q);
        assertThat(p.values()[0]).isEqualTo(3 * 1.75 / 2); // bucket [0, 2): 0 until 0.25, then 3
    }

    /** The algorithm before the idle shortcut, verbatim. */
    private static final class Reference {
        private final double[] integral;
        private double width;
        private double lastTime;
        private double lastValue;
        private double peak;

        Reference(int buckets, double initialWidth) {
            this.integral = new double[buckets];
            this.width = initialWidth;
        }

        void record(double time, double value) {
            advance(time);
            lastValue = value;
            peak = Math.max(peak, value);
        }

        private void advance(double time) {
            while (time > width * integral.length) {
                for (int i = 0; i < integral.length / 2; i++) {
                    integral[i] = integral[2 * i] + integral[2 * i + 1];
                }
                Arrays.fill(integral, integral.length / 2, integral.length, 0);
                width *= 2;
            }
            double t = lastTime;
            int b = (int) (t / width);
            while (t < time) {
                if (b < integral.length - 1 && (b + 1) * width <= t) {
                    b++;
                    continue;
                }
                double end = b >= integral.length - 1 ? time : Math.min(time, (b + 1) * width);
                integral[Math.min(b, integral.length - 1)] += lastValue * (end - t);
                t = end;
                b++;
            }
            lastTime = time;
        }

        TimeSeries.Points points(double end) {
            advance(Math.max(end, lastTime));
            int used = Math.max(1, Math.min(integral.length, (int) Math.ceil(lastTime / width)));
            double[] t = new double[used];
            double[] v = new double[used];
            for (int i = 0; i < used; i++) {
                t[i] = i * width;
                double span = Math.min(width, lastTime - i * width);
                v[i] = span > 0 ? integral[i] / span : lastValue;
            }
            return new TimeSeries.Points(t, v, peak);
        }
    }
}

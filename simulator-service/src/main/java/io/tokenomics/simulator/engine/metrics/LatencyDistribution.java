package io.tokenomics.simulator.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution recorded in microseconds in an HdrHistogram (3 significant digits, auto-resizing), with an
 * exact running sum for the mean. Mergeable: distributions of shards or replicas add up.
 */
public final class LatencyDistribution {
    private final Histogram histogram = new Histogram(3);
    private double sumSeconds;
    private long count;

    public LatencyDistribution() {
        histogram.setAutoResize(true);
    }

    public void record(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("latency must be >= 0, was " + seconds);
        }
        histogram.recordValue(Math.round(seconds * 1e6));
        sumSeconds += seconds;
        count++;
    }

    public void merge(LatencyDistribution other) {
        histogram.add(other.histogram);
        sumSeconds += other.sumSeconds;
        count += other.count;
    }

    public long count() {
        return count;
    }

    public double meanSeconds() {
        return count == 0 ? Double.NaN : sumSeconds / count;
    }

    public double percentileSeconds(double p) {
        return count == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1e6;
    }

    public LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, meanSeconds(), percentileSeconds(50), percentileSeconds(90),
                percentileSeconds(95), percentileSeconds(99), histogram.getMaxValue() / 1e6);
    }
}

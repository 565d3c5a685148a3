package io.tokenomics.simulator.engine.metrics;

/** Count, exact mean and HdrHistogram percentiles (seconds; 3 significant digits). */
public record LatencySummary(long count, double mean, double p50, double p90, double p95, double p99, double max) {
    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);
}

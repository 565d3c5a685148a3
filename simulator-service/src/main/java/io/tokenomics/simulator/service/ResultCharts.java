package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.metrics.LatencyDistribution;
import io.tokenomics.simulator.engine.metrics.TimeSeries;
import io.tokenomics.simulator.mapping.ScenarioResult;

import java.util.List;

/**
 * What the result's charts draw, from the engine's measurements: the time series on one evenly spaced grid of at most
 * {@link #MAX_POINTS} buckets over the whole run, shards merged on a common grid, and log-spaced latency histograms.
 *
 * <p>The engine's series ({@link TimeSeries.Points}) are time-weighted bucket averages, piecewise constant from each
 * bucket start to the next (the last to the run's end). Resampling integrates them over each grid bucket, so the
 * time-average over the run is kept (up to rounding). A shard that finished before the job's end counts as idle
 * (nothing waiting or running, no KV block in use) for the rest of the job's time.
 */
public final class ResultCharts {
    /** Most points of a result's time series. */
    public static final int MAX_POINTS = 240;
    /** Buckets the latency range is split into (empty ones at the ends are dropped). */
    public static final int LATENCY_BUCKETS = 36;

    private ResultCharts() {
    }

    /** One shard's (or one run's) series with its end and replica count. */
    public record ShardSeries(double end, int replicas, TimeSeries.Points queueLength, TimeSeries.Points kvOccupancy,
                              TimeSeries.Points runningSequences) {
    }

    /** Series on a common grid: the buckets start at {@code times}, each {@code end / times.length} wide. */
    public record Merged(double end, TimeSeries.Points queueLength, TimeSeries.Points kvOccupancy,
                         TimeSeries.Points runningSequences) {
    }

    /**
     * Shards on one grid over [0, latest end]: queue and running summed, KV occupancy the replica-weighted mean
     * (every shard's value is already its replicas' mean). Null when a shard has no series (a report stored before
     * they existed) or the run has no length. Peaks: the sums' and means' highest bucket, and for KV the highest
     * shard peak (an instant, never below a bucket average).
     */
    public static Merged merge(List<ShardSeries> shards) {
        double end = 0;
        int buckets = 1;
        int replicas = 0;
        for (ShardSeries s : shards) {
            if (s.queueLength() == null || s.kvOccupancy() == null || s.runningSequences() == null) {
                return null;
            }
            end = Math.max(end, s.end());
            buckets = Math.max(buckets, Math.max(s.queueLength().times().length,
                    Math.max(s.kvOccupancy().times().length, s.runningSequences().times().length)));
            replicas += s.replicas();
        }
        if (!(end > 0) || !Double.isFinite(end) || replicas == 0) {
            return null;
        }
        int n = Math.min(MAX_POINTS, buckets);
        double[] queue = new double[n];
        double[] kv = new double[n];
        double[] running = new double[n];
        double kvPeak = 0;
        for (ShardSeries s : shards) {
            add(queue, resample(s.queueLength(), s.end(), end, n), 1);
            add(running, resample(s.runningSequences(), s.end(), end, n), 1);
            add(kv, resample(s.kvOccupancy(), s.end(), end, n), (double) s.replicas() / replicas);
            if (Double.isFinite(s.kvOccupancy().peak())) {
                kvPeak = Math.max(kvPeak, s.kvOccupancy().peak());
            }
        }
        double[] times = grid(end, n);
        return new Merged(end, new TimeSeries.Points(times, queue, max(queue)),
                new TimeSeries.Points(times.clone(), kv, Math.max(kvPeak, max(kv))),
                new TimeSeries.Points(times.clone(), running, max(running)));
    }

    /** The result's {@code timeSeries} of one run (or of merged shards); null without series or length. */
    public static ScenarioResult.Series series(double end, int replicas, TimeSeries.Points queueLength,
                                               TimeSeries.Points kvOccupancy, TimeSeries.Points runningSequences) {
        Merged m = merge(List.of(new ShardSeries(end, Math.max(1, replicas), queueLength, kvOccupancy,
                runningSequences)));
        if (m == null) {
            return null;
        }
        return new ScenarioResult.Series(m.queueLength().times(), m.queueLength().values(),
                m.kvOccupancy().values(), m.runningSequences().values());
    }

    /** The result's {@code latencyDistribution} from the overall ttft, tpot, e2e distributions; null without. */
    public static ScenarioResult.Distribution distribution(List<LatencyDistribution> ttftTpotE2e) {
        if (ttftTpotE2e == null || ttftTpotE2e.size() < 3) {
            return null;
        }
        return new ScenarioResult.Distribution(buckets(ttftTpotE2e.get(0)), buckets(ttftTpotE2e.get(1)),
                buckets(ttftTpotE2e.get(2)));
    }

    private static List<ScenarioResult.Bucket> buckets(LatencyDistribution d) {
        return d.logBuckets(LATENCY_BUCKETS).stream()
                .map(b -> new ScenarioResult.Bucket(b.lowerSeconds(), b.upperSeconds(), b.count())).toList();
    }

    /**
     * A piecewise-constant series (buckets from each start to the next, the last to {@code sourceEnd}, 0 after it)
     * averaged over {@code n} equal buckets of [0, {@code end}].
     */
    static double[] resample(TimeSeries.Points p, double sourceEnd, double end, int n) {
        double width = end / n;
        double[] out = new double[n];
        double[] t = p.times();
        double[] v = p.values();
        for (int i = 0; i < t.length; i++) {
            double a = t[i];
            double b = Math.min(i + 1 < t.length ? t[i + 1] : sourceEnd, end);
            if (!(b > a) || !Double.isFinite(v[i]) || v[i] == 0) {
                continue;
            }
            int j = Math.min(n - 1, (int) (a / width));
            while (j < n && a < b) {
                double bucketEnd = j == n - 1 ? end : (j + 1) * width;
                double until = Math.min(b, bucketEnd);
                if (until > a) {
                    out[j] += v[i] * (until - a);
                    a = until;
                }
                j++;
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] /= width;
        }
        return out;
    }

    private static double[] grid(double end, int n) {
        double[] times = new double[n];
        for (int j = 0; j < n; j++) {
            times[j] = end * j / n;
        }
        return times;
    }

    private static void add(double[] into, double[] values, double weight) {
        for (int j = 0; j < into.length; j++) {
            into[j] += values[j] * weight;
        }
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}

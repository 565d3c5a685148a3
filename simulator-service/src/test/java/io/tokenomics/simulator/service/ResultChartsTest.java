package io.tokenomics.simulator.service;

import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.engine.metrics.LatencyDistribution;
import io.tokenomics.simulator.engine.metrics.TimeSeries;
import io.tokenomics.simulator.mapping.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The result's time series (one grid, shards merged) and latency histograms. */
class ResultChartsTest {
    private static TimeSeries.Points points(double[] times, double[] values) {
        return new TimeSeries.Points(times, values, Arrays.stream(values).max().orElse(0));
    }

    @Test
    void shardsMergeOnOneGridSummingQueuesAndRunningAndWeighingKvByReplicas() {
        // shard A: 1 replica, 10 s, 4 buckets of 2.5 s; shard B: 3 replicas, done after 5 s, 2 buckets
        double[] ta = {0, 2.5, 5, 7.5};
        double[] tb = {0, 2.5};
        var a = new ResultCharts.ShardSeries(10, 1, points(ta, new double[]{2, 2, 1, 0}),
                points(ta, new double[]{0.5, 0.5, 0.5, 0.5}), points(ta, new double[]{3, 3, 3, 1}));
        var b = new ResultCharts.ShardSeries(5, 3, points(tb, new double[]{1, 4}), points(tb, new double[]{0.8, 0.4}),
                points(tb, new double[]{4, 2}));
        ResultCharts.Merged m = ResultCharts.merge(List.of(a, b));

        assertThat(m.end()).isEqualTo(10);
        assertThat(m.queueLength().times()).containsExactly(0, 2.5, 5, 7.5);
        assertThat(m.queueLength().values()).containsExactly(new double[]{3, 6, 1, 0}, within(1e-12));
        assertThat(m.runningSequences().values()).containsExactly(new double[]{7, 5, 3, 1}, within(1e-12));
        // (0.5 x 1 + 0.8 x 3) / 4, (0.5 + 0.4 x 3) / 4, then B is idle: 0.5 / 4
        assertThat(m.kvOccupancy().values()).containsExactly(new double[]{0.725, 0.425, 0.125, 0.125}, within(1e-12));
        assertThat(m.kvOccupancy().peak()).isEqualTo(0.8); // B's instantaneous peak, above every bucket
        assertThat(m.queueLength().peak()).isEqualTo(6);
    }

    @Test
    void resamplingKeepsTheTimeAverageAndAtMost240EvenlySpacedPoints() {
        // 256 irregular-valued buckets of 0.04 s ending inside the last one
        SplittableRandom random = new SplittableRandom(3);
        double[] t = new double[256];
        double[] v = new double[256];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.04;
            v[i] = random.nextDouble(0, 20);
        }
        double end = 255 * 0.04 + 0.013;
        ScenarioResult.Series s = ResultCharts.series(end, 2, points(t, v), points(t, v), points(t, v));
        assertThat(s.timeSeconds()).hasSize(ResultCharts.MAX_POINTS);
        assertThat(s.queueLength()).hasSize(240);
        assertThat(s.kvOccupancy()).hasSize(240);
        assertThat(s.runningSequences()).hasSize(240);
        double width = end / 240;
        for (int i = 0; i < 240; i++) {
            assertThat(s.timeSeconds()[i]).isCloseTo(i * width, within(1e-12));
        }
        double sourceMean = DiscreteEventEngine.timeAverage(points(t, v), end);
        assertThat(Arrays.stream(s.queueLength()).average().orElseThrow()).isCloseTo(sourceMean, within(1e-9));
        // a single shard's kv is its own mean (weight replicas / replicas = 1)
        assertThat(s.kvOccupancy()).containsExactly(s.queueLength(), within(1e-12));
    }

    @Test
    void aShortRunKeepsItsOwnResolution() {
        ScenarioResult.Series s = ResultCharts.series(0.05, 1, points(new double[]{0, 0.01, 0.02, 0.03, 0.04},
                        new double[]{1, 2, 3, 4, 5}), points(new double[]{0}, new double[]{0.1}),
                points(new double[]{0}, new double[]{1}));
        assertThat(s.timeSeconds()).hasSize(5);
        assertThat(s.queueLength()).containsExactly(new double[]{1, 2, 3, 4, 5}, within(1e-9));
        assertThat(s.kvOccupancy()).containsExactly(new double[]{0.1, 0.1, 0.1, 0.1, 0.1}, within(1e-12));
        assertThat(ResultCharts.series(0, 1, points(new double[]{0}, new double[]{0}),
                points(new double[]{0}, new double[]{0}), points(new double[]{0}, new double[]{0}))).isNull();
        assertThat(ResultCharts.series(1, 1, points(new double[]{0}, new double[]{0}),
                points(new double[]{0}, new double[]{0}), null)).isNull();
    }

    @Test
    void latencyBucketsAreLogSpacedIncreasingAndCountEveryValue() {
        LatencyDistribution d = new LatencyDistribution();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            d.record(Math.exp(random.nextDouble(Math.log(0.002), Math.log(30))));
        }
        d.record(0); // no wait at all counts in the first bucket
        List<LatencyDistribution.Bucket> buckets = d.logBuckets(ResultCharts.LATENCY_BUCKETS);
        assertThat(buckets).hasSizeBetween(30, ResultCharts.LATENCY_BUCKETS);
        assertThat(buckets.stream().mapToLong(LatencyDistribution.Bucket::count).sum()).isEqualTo(10_001);
        assertThat(buckets.getFirst().count()).isPositive();
        assertThat(buckets.getLast().count()).isPositive();
        assertThat(buckets.getLast().upperSeconds()).isGreaterThanOrEqualTo(d.summary().max());
        for (int i = 0; i < buckets.size(); i++) {
            var b = buckets.get(i);
            assertThat(b.upperSeconds()).isGreaterThan(b.lowerSeconds());
            if (i > 0) {
                assertThat(b.lowerSeconds()).isCloseTo(buckets.get(i - 1).upperSeconds(), within(1e-12));
                // log-spaced: every bucket the same ratio
                assertThat(b.upperSeconds() / b.lowerSeconds()).isCloseTo(
                        buckets.get(1).upperSeconds() / buckets.get(1).lowerSeconds(), within(1e-6));
            }
        }
        // one value: one bucket holding it
        LatencyDistribution one = new LatencyDistribution();
        one.record(0.25);
        one.record(0.25);
        assertThat(one.logBuckets(36)).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(2);
            // the histogram keeps 3 significant digits: the bucket lies within its resolution around the value
            assertThat(b.lowerSeconds()).isCloseTo(0.25, within(0.25e-3)).isLessThan(b.upperSeconds());
            assertThat(b.upperSeconds()).isCloseTo(0.25, within(0.25e-3));
        });
        assertThat(new LatencyDistribution().logBuckets(36)).isEmpty();
    }

    @Test
    void aRunsSeriesMatchItsKvMeanAndShowTheQueueOnlyWhenOverloaded() {
        DiscreteEventEngine engine = new DiscreteEventEngine();
        ScenarioResult light = engine.run(DiscreteEventEngineTest.scenario(TestData.LLAMA_8B, "FP8", 1, 2, 2.0, 128,
                500, 7), ScenarioEngine.ProgressListener.NONE).result();
        ScenarioResult heavy = engine.run(DiscreteEventEngineTest.scenario(TestData.LLAMA_8B, "FP8", 1, 1, 200.0, 32,
                2000, 7), ScenarioEngine.ProgressListener.NONE).result();
        for (ScenarioResult r : List.of(light, heavy)) {
            var s = r.timeSeries();
            assertThat(s.timeSeconds()).hasSizeBetween(100, 240);
            assertThat(s.queueLength()).hasSameSizeAs(s.timeSeconds());
            assertThat(s.timeSeconds()[1] * s.timeSeconds().length).isCloseTo(r.durationSeconds(), within(1e-9));
            assertThat(Arrays.stream(s.kvOccupancy()).average().orElseThrow())
                    .isCloseTo(r.kvCache().meanFraction(), within(1e-9));
            assertThat(Arrays.stream(s.kvOccupancy()).max().orElseThrow())
                    .isLessThanOrEqualTo(r.kvCache().peakFraction() + 1e-12);
            assertThat(Arrays.stream(s.runningSequences()).max().orElseThrow()).isPositive()
                    .isLessThanOrEqualTo(r.replicas() * 128.0);
            var d = r.latencyDistribution();
            assertThat(d.ttft().stream().mapToLong(ScenarioResult.Bucket::count).sum())
                    .isEqualTo(r.completedRequests());
            assertThat(d.e2e().stream().mapToLong(ScenarioResult.Bucket::count).sum())
                    .isEqualTo(r.completedRequests());
            assertThat(d.tpot().stream().mapToLong(ScenarioResult.Bucket::count).sum())
                    .isEqualTo(r.completedRequests());
        }
        assertThat(heavy.saturated()).isTrue();
        assertThat(Arrays.stream(heavy.timeSeries().queueLength()).average().orElseThrow()).isGreaterThan(10);
        // bucket averages of whole counts, resampled onto the chart grid: equal to 32 up to rounding at most
        assertThat(Arrays.stream(heavy.timeSeries().runningSequences()).max().orElseThrow())
                .isBetween(24.0, 32.0 + 1e-9);
        assertThat(Arrays.stream(light.timeSeries().queueLength()).average().orElseThrow()).isLessThan(0.05);
    }
}

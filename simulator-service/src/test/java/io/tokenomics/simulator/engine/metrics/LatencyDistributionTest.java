package io.tokenomics.simulator.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyDistributionTest {

    @Test
    void shardsEncodedDecodedAndMergedGiveExactlyTheSinglePercentiles() {
        SplittableRandom random = new SplittableRandom(42);
        LatencyDistribution single = new LatencyDistribution();
        List<LatencyDistribution> shards = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            shards.add(new LatencyDistribution());
        }
        for (int i = 0; i < 200_000; i++) {
            // lognormal-ish seconds from 50 us to minutes, plus a few exact zeros
            double seconds = i % 10_007 == 0 ? 0 : Math.exp(random.nextGaussian() * 1.5 - 3);
            single.record(seconds);
            // shards of unequal size: by a second random draw
            shards.get(random.nextInt(5)).record(seconds);
        }
        LatencyDistribution merged = new LatencyDistribution();
        for (LatencyDistribution shard : shards) {
            String wire = shard.encode();
            LatencyDistribution decoded = LatencyDistribution.decode(wire);
            assertThat(decoded.count()).isEqualTo(shard.count());
            assertThat(decoded.summary()).isEqualTo(shard.summary());
            merged.merge(decoded);
        }
        assertThat(merged.count()).isEqualTo(single.count()).isEqualTo(200_000);
        for (double p = 0; p <= 100.0; p += 0.25) {
            assertThat(merged.percentileMicros(p)).as("p%s", p).isEqualTo(single.percentileMicros(p));
        }
        assertThat(merged.percentileMicros(99.99)).isEqualTo(single.percentileMicros(99.99));
        LatencySummary m = merged.summary();
        LatencySummary s = single.summary();
        assertThat(List.of(m.p50(), m.p90(), m.p95(), m.p99(), m.max()))
                .isEqualTo(List.of(s.p50(), s.p90(), s.p95(), s.p99(), s.max()));
        // the mean comes from exact sums added in another order: equal up to rounding
        assertThat(m.mean()).isCloseTo(s.mean(), within(s.mean() * 1e-12));
    }

    @Test
    void anEmptyDistributionRoundTrips() {
        LatencyDistribution decoded = LatencyDistribution.decode(new LatencyDistribution().encode());
        assertThat(decoded.count()).isZero();
        assertThat(decoded.summary()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void whatWasNotEncodedIsRefused() {
        assertThatThrownBy(() -> LatencyDistribution.decode("not base64 !"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an encoded latency distribution");
        assertThatThrownBy(() -> LatencyDistribution.decode("AAAAAgAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCaptureSeesTheDistributionsCreatedOnItsThreadOnly() throws Exception {
        LatencyDistribution before = new LatencyDistribution();
        List<LatencyDistribution> seen;
        try (LatencyDistribution.Capture capture = LatencyDistribution.capture()) {
            LatencyDistribution first = new LatencyDistribution();
            Thread other = new Thread(LatencyDistribution::new);
            other.start();
            other.join();
            LatencyDistribution second = new LatencyDistribution();
            seen = capture.distributions();
            assertThat(seen).containsExactly(first, second);
        }
        new LatencyDistribution();
        assertThat(seen).hasSize(2).doesNotContain(before);
        // closed: a new capture can start
        try (LatencyDistribution.Capture capture = LatencyDistribution.capture()) {
            assertThat(capture.distributions()).isEmpty();
        }
    }
}

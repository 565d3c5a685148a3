package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCostCacheTest {
    /** A hit returns exactly the doubles the performance model computes for that decode shape. */
    @Test
    void hitsAreBitIdenticalToTheModel() {
        PerformanceModel model = PerformanceModel.of(Fixtures.llama8b(1));
        DecodeCostCache cache = new DecodeCostCache();
        BatchShape.Builder batch = model.newBatch();
        PerformanceModel.Step step = new PerformanceModel.Step();
        DecodeCostCache.Cost fresh = new DecodeCostCache.Cost();
        DecodeCostCache.Cost cached = new DecodeCostCache.Cost();
        SplittableRandom random = new SplittableRandom(5);
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + random.nextInt(4);
            long context = n * 500L + random.nextInt(300);
            model.iteration(batch.reset().addDecodeSequences(n, context), step);
            fresh.set(step);
            if (cache.lookup(n, context, cached)) {
                hits++;
                assertThat(Double.doubleToRawLongBits(cached.seconds)).isEqualTo(Double.doubleToRawLongBits(fresh.seconds));
                assertThat(cached.stageIntervalSeconds).isEqualTo(fresh.stageIntervalSeconds);
                assertThat(cached.lowSeconds).isEqualTo(fresh.lowSeconds);
                assertThat(cached.highSeconds).isEqualTo(fresh.highSeconds);
                assertThat(cached.energyJoules).isEqualTo(fresh.energyJoules);
            } else {
                cache.store(n, context, fresh);
            }
        }
        assertThat(hits).isGreaterThan(15_000);
        assertThat(cache.hits()).isEqualTo(hits);
    }

    @Test
    void aDifferentShapeIsAMissNotAnotherShapesCost() {
        DecodeCostCache cache = new DecodeCostCache();
        DecodeCostCache.Cost c = new DecodeCostCache.Cost();
        c.seconds = 1;
        cache.store(2, 1000, c);
        assertThat(cache.lookup(2, 1000, new DecodeCostCache.Cost())).isTrue();
        assertThat(cache.lookup(1, 1000, new DecodeCostCache.Cost())).isFalse();
        assertThat(cache.lookup(2, 1001, new DecodeCostCache.Cost())).isFalse();
        assertThat(cache.lookup(0, 0, new DecodeCostCache.Cost())).isFalse(); // empty slots never match
    }

    @Test
    void aRunWhoseShapesNeverRepeatStopsLookingAfterOneWindow() {
        DecodeCostCache cache = new DecodeCostCache();
        DecodeCostCache.Cost c = new DecodeCostCache.Cost();
        for (int i = 0; i < DecodeCostCache.WINDOW - 1; i++) {
            assertThat(cache.lookup(300, 1000L + i, c)).isFalse();
            cache.store(300, 1000L + i, c);
        }
        assertThat(cache.enabled()).isTrue();
        cache.lookup(300, 0, c);
        assertThat(cache.enabled()).isFalse();

        DecodeCostCache repeating = new DecodeCostCache();
        repeating.store(1, 500, c); // a quarter of the lookups hit: it stays on
        for (int i = 0; i < 3 * DecodeCostCache.WINDOW; i++) {
            repeating.lookup(1, i % 4 == 0 ? 500 : 600 + i, c);
        }
        assertThat(repeating.enabled()).isTrue();
    }
}

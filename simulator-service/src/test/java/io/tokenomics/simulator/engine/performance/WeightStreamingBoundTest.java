package io.tokenomics.simulator.engine.performance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightStreamingBoundTest {

    @Test
    void llama8bInBf16OnOneH100StreamsSixteenGigabytesPerStep() {
        var bound = WeightStreamingBound.estimate(8_030_000_000L, 16, 1, 3.35e12, 80e9);

        assertThat(bound.weightBytes()).isEqualTo(16.06e9);
        assertThat(bound.decodeStepSeconds()).isCloseTo(16.06e9 / 3.35e12, within(1e-12));
        assertThat(bound.outputTokensPerSecond()).isCloseTo(208.59, within(0.01));
        assertThat(bound.weightsFitInMemory()).isTrue();
    }

    @Test
    void tensorParallelismSplitsTheBytesEachAcceleratorStreams() {
        var one = WeightStreamingBound.estimate(70_600_000_000L, 8, 1, 3.35e12, 80e9);
        var four = WeightStreamingBound.estimate(70_600_000_000L, 8, 4, 3.35e12, 80e9);

        assertThat(four.decodeStepSeconds()).isCloseTo(one.decodeStepSeconds() / 4, within(1e-12));
        assertThat(one.weightsFitInMemory()).isTrue();
        assertThat(WeightStreamingBound.estimate(405_000_000_000L, 16, 1, 3.35e12, 80e9).weightsFitInMemory()).isFalse();
    }

    @Test
    void rejectsNonPhysicalInputs() {
        assertThatThrownBy(() -> WeightStreamingBound.estimate(0, 16, 1, 3.35e12, 80e9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightStreamingBound.estimate(1, 16, 1, 0, 80e9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightStreamingBound.estimate(1, 16, 1, Double.NaN, 80e9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

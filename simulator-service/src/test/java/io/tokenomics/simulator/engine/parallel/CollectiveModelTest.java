package io.tokenomics.simulator.engine.parallel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CollectiveModelTest {
    @Test
    void ringAllReduceSendsTwiceTheBufferTimesNMinusOneOverN() {
        // Llama 3.1 8B, 64 tokens: one all-reduce of 64 x 4096 x 2 B = 524288 B
        double buffer = 64 * 4096 * 2.0;
        assertThat(CollectiveModel.allReduceBytesSentPerGpu(buffer, 2)).isEqualTo(buffer);
        assertThat(CollectiveModel.allReduceBytesSentPerGpu(buffer, 8)).isEqualTo(2.0 * 7 / 8 * buffer);
        assertThat(CollectiveModel.allReduceBytesSentPerGpu(buffer, 1)).isZero();
    }

    @Test
    void allReduceTimeIsLatencyPlusBytesOverLink() {
        CollectiveModel nvlink = new CollectiveModel(450e9, 3e-6, 0.75);
        double bytes = 1 << 20;
        // ring: 2 (n-1) = 14 latency steps at n = 8
        double expected = 14 * 3e-6 + 2.0 * 7 / 8 * bytes / (450e9 * 0.75);
        assertThat(nvlink.allReduceSeconds(bytes, 8)).isCloseTo(expected, within(1e-15));
        assertThat(nvlink.allReduceSeconds(bytes, 1)).isZero();
        CollectiveModel faster = new CollectiveModel(900e9, 3e-6, 0.75);
        assertThat(faster.allReduceSeconds(bytes, 8)).isLessThan(nvlink.allReduceSeconds(bytes, 8));
    }

    @Test
    void latencyStepsFollowTheRingAndPairwiseExchangeAlgorithms() {
        CollectiveModel latencyOnly = new CollectiveModel(1e30, 3e-6, 1);
        assertThat(CollectiveModel.allReduceSteps(2)).isEqualTo(2);
        assertThat(CollectiveModel.allReduceSteps(8)).isEqualTo(14);
        assertThat(CollectiveModel.allReduceSteps(1)).isZero();
        // latency grows linearly with the group, not with log2 of it: TP8 pays 7x the TP2 latency
        assertThat(latencyOnly.allReduceSeconds(1, 8) / latencyOnly.allReduceSeconds(1, 2)).isCloseTo(7, within(1e-9));
        assertThat(latencyOnly.allToAllSeconds(1, 8)).isCloseTo(7 * 3e-6, within(1e-15));
        assertThat(latencyOnly.sendSeconds(1)).isCloseTo(3e-6, within(1e-15));
    }

    @Test
    void ringAllGatherAndReduceScatterAreEachHalfARingAllReduce() {
        // Qwen3-235B under attention DP on 8 B200s, 2048 tokens: all-gather of NVFP4 hidden states (4096 x 0.5625 B)
        // plus 8 expert ids and 8 gate weights (4 B each) per token = 2368 B/token x 2048 = 4849664 B assembled
        double gathered = 2048 * (4096 * 0.5625 + 8 * 8.0);
        assertThat(gathered).isEqualTo(4_849_664.0);
        assertThat(CollectiveModel.allGatherBytesSentPerGpu(gathered, 8)).isEqualTo(7.0 / 8 * 4_849_664.0);
        assertThat(CollectiveModel.allGatherBytesSentPerGpu(gathered, 1)).isZero();
        CollectiveModel nvlink5 = new CollectiveModel(900e9, 3e-6, 0.75);
        // 7 ring steps of 3 us + 4243456 B / 675 GB/s
        assertThat(nvlink5.allGatherSeconds(gathered, 8)).isCloseTo(7 * 3e-6 + 4_243_456.0 / 675e9, within(1e-15));
        // reduce-scatter of the BF16 expert outputs, 2048 x 4096 x 2 B = 16 MiB
        double outputs = 2048 * 4096 * 2.0;
        assertThat(nvlink5.reduceScatterSeconds(outputs, 8))
                .isCloseTo(7 * 3e-6 + 7.0 / 8 * outputs / 675e9, within(1e-15));
        // the two halves add up to the ring all-reduce of the same buffer
        assertThat(nvlink5.allGatherSeconds(outputs, 8) + nvlink5.reduceScatterSeconds(outputs, 8))
                .isCloseTo(nvlink5.allReduceSeconds(outputs, 8), within(1e-15));
        assertThat(nvlink5.allGatherSeconds(outputs, 1)).isZero();
    }
}

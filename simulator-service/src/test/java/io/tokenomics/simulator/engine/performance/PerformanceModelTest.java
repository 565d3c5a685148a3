package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PerformanceModelTest {
    private final ModelCatalog models = ModelCatalog.load();
    private final AcceleratorCatalog accelerators = AcceleratorCatalog.load();
    private final AcceleratorSpec h100 = accelerators.get("H100");
    private final ModelArchitecture llama8b = models.get("Llama 3.1 8B");

    private PerformanceModel model(ModelArchitecture m, AcceleratorSpec acc, Quantization q, int tp) {
        return PerformanceModel.of(new ServingConfiguration(m, acc, q, Parallelism.tensor(tp)));
    }

    @Test
    void llama8bDecodeFlopsAndBytesMatchAHandCount() {
        PerformanceModel pm = model(llama8b, h100, Quantization.BF16, 1);
        long context = 1000;
        // per layer: QKV 4096 x 6144, O 4096 x 4096, gate_up 4096 x 28672, down 14336 x 4096; LM head 4096 x 128256
        double layerWeights = 4096.0 * 6144 + 4096.0 * 4096 + 4096.0 * 28672 + 14336.0 * 4096;
        double headWeights = 4096.0 * 128256;
        for (int batch : new int[]{1, 64}) {
            IterationCost c = pm.iteration(BatchShape.uniformDecode(batch, context));
            // 2 FLOPs per weight per token, plus attention: 32 heads x (QK 128 + PV 128) x 2 over context + 1 keys
            double attention = 32 * batch * (context + 1) * 32 * 2.0 * (128 + 128);
            double expectedFlops = 2.0 * batch * (32 * layerWeights + headWeights) + attention;
            assertThat(c.flopsPerGpu()).as("batch %d", batch).isCloseTo(expectedFlops, within(expectedFlops * 1e-12));
            // bytes: every BF16 weight once + the KV cache read (2 x 8 heads x 128 x 2 B per token per layer),
            // plus activations, norms and the KV write, which stay below 5% at these batch sizes
            double weightBytes = 2 * (32 * layerWeights + headWeights);
            double kvBytes = 32 * batch * (context + 1) * 2 * 8 * 128 * 2.0;
            assertThat(c.bytesPerGpu()).as("batch %d", batch).isGreaterThan(weightBytes + kvBytes)
                    .isLessThan((weightBytes + kvBytes) * 1.05);
            assertThat(c.prefillSeconds()).isZero();
            assertThat(c.decodeSeconds()).isCloseTo(c.seconds(), within(1e-15));
            assertThat(c.lowSeconds()).isLessThan(c.seconds());
            assertThat(c.highSeconds()).isGreaterThan(c.seconds());
        }
    }

    @Test
    void singleSequenceDecodeIsBoundByStreamingTheWeights() {
        IterationCost c = model(llama8b, h100, Quantization.BF16, 1).iteration(BatchShape.uniformDecode(1, 100));
        double weightStreaming = 2 * llama8b.totalParameters() / h100.memoryBandwidth();
        assertThat(c.seconds()).isGreaterThan(weightStreaming).isLessThan(weightStreaming * 1.6);
        assertThat(c.secondsOf(OperatorFamily.GEMM)).isGreaterThan(0.8 * c.seconds());
    }

    @Test
    void fp8WeightsSpeedMemoryBoundDecodeByOneAndAHalfToTwo() {
        // seed 003: 8-bit quantization gives 1.5-3x speedup; memory-bound decode is capped near the 2x byte ratio
        for (int batch : new int[]{1, 8}) {
            double bf16 = model(llama8b, h100, Quantization.BF16, 1).iteration(BatchShape.uniformDecode(batch, 512))
                    .seconds();
            double fp8 = model(llama8b, h100, Quantization.FP8, 1).iteration(BatchShape.uniformDecode(batch, 512))
                    .seconds();
            assertThat(bf16 / fp8).as("batch %d", batch).isBetween(1.5, 2.0);
        }
    }

    @Test
    void moreBandwidthIsNeverSlower() {
        ModelArchitecture mixtral = models.get("Mixtral 8x7B");
        double previous = Double.MAX_VALUE;
        for (double scale : new double[]{0.5, 1, 1.5, 2, 4}) {
            AcceleratorSpec acc = withBandwidth(h100, h100.memoryBandwidth() * scale);
            PerformanceModel pm = model(mixtral, acc, Quantization.FP8, 2);
            double t = 0;
            for (BatchShape b : new BatchShape[]{BatchShape.uniformDecode(1, 100), BatchShape.uniformDecode(256, 4000),
                    BatchShape.uniformPrefill(4, 2048)}) {
                t += pm.iteration(b).seconds();
            }
            assertThat(t).isLessThanOrEqualTo(previous);
            previous = t;
        }
    }

    @Test
    void largerBatchesNeverLowerThroughput() {
        for (String name : new String[]{"Llama 3.1 8B", "Mixtral 8x7B", "DeepSeek-V3"}) {
            ModelArchitecture m = models.get(name);
            int tp = name.startsWith("DeepSeek") ? 8 : 1;
            PerformanceModel pm = model(m, h100, Quantization.FP8, tp);
            double previous = 0;
            for (int batch = 1; batch <= 1024; batch *= 2) {
                double tokensPerSecond = batch / pm.iteration(BatchShape.uniformDecode(batch, 1024)).seconds();
                assertThat(tokensPerSecond).as("%s batch %d", name, batch).isGreaterThanOrEqualTo(previous);
                previous = tokensPerSecond;
            }
        }
    }

    @Test
    void tensorParallelismAddsAllReducesAndCutsPerGpuWork() {
        ModelArchitecture m = models.get("Llama 3.1 70B");
        IterationCost tp2 = model(m, h100, Quantization.FP8, 2).iteration(BatchShape.uniformDecode(64, 1000));
        IterationCost tp4 = model(m, h100, Quantization.FP8, 4).iteration(BatchShape.uniformDecode(64, 1000));
        assertThat(tp2.secondsOf(OperatorFamily.COLLECTIVE)).isGreaterThan(0);
        assertThat(tp4.flopsPerGpu()).isLessThan(tp2.flopsPerGpu());
        assertThat(tp4.seconds()).isLessThan(tp2.seconds());
    }

    @Test
    void mixedBatchSplitsTimeByPhaseAndEnergyIsPositive() {
        PerformanceModel pm = model(llama8b, h100, Quantization.FP8, 1);
        BatchShape mixed = pm.newBatch().addPrefillChunk(512, 0).addDecodes(32, 2000).build();
        IterationCost c = pm.iteration(mixed);
        assertThat(c.prefillSeconds() + c.decodeSeconds()).isCloseTo(c.seconds(), within(1e-12));
        assertThat(c.prefillSeconds()).isGreaterThan(0);
        assertThat(c.averageGpuPowerWatts()).isBetween(0.12 * 700, 700.0);
        assertThat(c.energyJoules()).isGreaterThan(0);
        assertThat(c.joulesPerPrefillToken() * 512 + c.joulesPerDecodeToken() * 32)
                .isCloseTo(c.energyJoules(), within(1e-9));
    }

    @Test
    void slidingWindowCapsAttentionWorkOfLongContexts() {
        ModelArchitecture oss = models.get("gpt-oss-120b");
        PerformanceModel pm = model(oss, h100, Quantization.FP8, 1);
        double shortCtx = pm.iteration(pm.newBatch().addDecodes(64, 1000).build()).secondsOf(OperatorFamily.ATTENTION_DECODE);
        double longCtx = pm.iteration(pm.newBatch().addDecodes(64, 32000).build()).secondsOf(OperatorFamily.ATTENTION_DECODE);
        // half the layers see only 128 tokens both times, so 32x the context costs clearly less than 32x
        assertThat(longCtx / shortCtx).isGreaterThan(8).isLessThan(28);
    }

    @Test
    void causalPairsOfAChunkAfterPriorContext() {
        // 4 new tokens after 10 cached: they see 11, 12, 13, 14 keys
        assertThat(BatchShape.Builder.pairs(4, 10, 0)).isEqualTo(11 + 12 + 13 + 14.0);
        // window 12: 11, 12, 12, 12
        assertThat(BatchShape.Builder.pairs(4, 10, 12)).isEqualTo(11 + 12 + 12 + 12.0);
    }

    static AcceleratorSpec withBandwidth(AcceleratorSpec a, double bandwidth) {
        return new AcceleratorSpec(a.key(), a.name(), a.denseFlopsBf16(), a.denseFlopsFp8(), a.denseFlopsFp4(),
                a.denseOpsInt8(), a.memoryBytes(), bandwidth, a.scaleUpBandwidth(), a.scaleUpDomain(),
                a.maxPowerWatts(), a.measuredMatmulBf16(), a.measuredMatmulFp8());
    }
}

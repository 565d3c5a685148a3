package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.CollectiveModel;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Attention data parallelism in the iteration cost: per-rank attention, MoE all-gather / reduce-scatter. */
class AttentionDataParallelTest {
    private final ModelArchitecture qwen = ModelCatalog.load().get("Qwen3-235B-A22B");
    private final AcceleratorSpec b200 = AcceleratorCatalog.load().get("B200");

    private PerformanceModel model(Parallelism p) {
        return PerformanceModel.of(new ServingConfiguration(qwen, b200, Quantization.FP4, p));
    }

    @Test
    void moeLayersAllGatherTokensAndReduceScatterExpertOutputsInsteadOfAllReducing() {
        PerformanceModel adp = model(new Parallelism(8, 1, 8, 1, true));
        PerformanceModel tp = model(new Parallelism(8, 1, 8, 1));
        CollectiveModel link = CollectiveModel.forLink(b200.scaleUpBandwidth());
        int batch = 256;
        IterationCost a = adp.iteration(BatchShape.uniformDecode(batch, 1000));
        IterationCost t = tp.iteration(BatchShape.uniformDecode(batch, 1000));
        // per MoE layer (all 94): all-gather of 256 tokens x (4096 x 0.5625 B NVFP4 + 8 ids + 8 gate weights x 4 B)
        // and reduce-scatter of 256 x 4096 BF16 outputs over the 8 ranks; no tensor-parallel all-reduce anywhere
        double gathered = batch * (4096 * Precision.FP4.bytesPerValue() + 8 * 8.0);
        double perLayer = link.allGatherSeconds(gathered, 8) + link.reduceScatterSeconds(batch * 4096 * 2.0, 8);
        assertThat(a.secondsOf(OperatorFamily.COLLECTIVE)).isCloseTo(94 * perLayer, within(94 * perLayer * 1e-12));
        // attention tensor-parallel: the attention all-reduce plus one all-reduce of the MoE outputs per layer (every
        // GPU holds all tokens, so expert parallelism needs no dispatch)
        double allReduce = link.allReduceSeconds(batch * 4096 * 2.0, 8);
        assertThat(t.secondsOf(OperatorFamily.COLLECTIVE)).isCloseTo(94 * 2 * allReduce,
                within(94 * 2 * allReduce * 1e-12));
        assertThat(a.secondsOf(OperatorFamily.COLLECTIVE)).isLessThan(t.secondsOf(OperatorFamily.COLLECTIVE));
    }

    @Test
    void eachRankAttendsLikeAOneGpuReplicaServingItsShareOfTheSequences() {
        PerformanceModel adp = model(new Parallelism(8, 1, 8, 1, true));
        PerformanceModel oneGpu = model(new Parallelism(1, 1, 1, 1));
        // 64 sequences over 8 ranks = 8 per rank, all 64 query and 4 KV heads on each
        IterationCost a = adp.iteration(BatchShape.uniformDecode(64, 1000));
        IterationCost one = oneGpu.iteration(BatchShape.uniformDecode(8, 1000));
        for (OperatorFamily f : new OperatorFamily[]{OperatorFamily.ATTENTION_DECODE, OperatorFamily.GEMM}) {
            // GEMM = attention projections + LM head over the rank's 8 tokens with whole weights (Qwen3 has no dense
            // MLP layer)
            assertThat(a.secondsOf(f)).as(f.name()).isCloseTo(one.secondsOf(f), within(one.secondsOf(f) * 1e-12));
        }
        // prefill: 8 prompts of 512 tokens, one per rank
        BatchShape.Builder b = adp.newBatch();
        for (int i = 0; i < 8; i++) {
            b.addPrefillChunk(512, 0);
        }
        IterationCost p = adp.iteration(b.build());
        IterationCost p1 = oneGpu.iteration(oneGpu.newBatch().addPrefillChunk(512, 0).build());
        assertThat(p.secondsOf(OperatorFamily.ATTENTION_PREFILL)).isCloseTo(
                p1.secondsOf(OperatorFamily.ATTENTION_PREFILL), within(p1.secondsOf(OperatorFamily.ATTENTION_PREFILL) * 1e-12));
        // attention TP8 streams every KV head twice over the group (4 heads on 8 GPUs): 64 x 1001 x 94 x 256 B per
        // GPU, against 8 x 1001 x 94 x 1024 B per rank under attention DP, half as much
        IterationCost t = model(new Parallelism(8, 1, 8, 1)).iteration(BatchShape.uniformDecode(64, 1000));
        assertThat(a.secondsOf(OperatorFamily.ATTENTION_DECODE)).isLessThan(t.secondsOf(OperatorFamily.ATTENTION_DECODE));
    }

    @Test
    void aPromptRunsWholeOnOneRankAndTheBusiestRankSetsThePace() {
        PerformanceModel adp = model(new Parallelism(8, 1, 8, 1, true));
        PerformanceModel oneGpu = model(new Parallelism(1, 1, 1, 1));
        double oneChunk = oneGpu.iteration(oneGpu.newBatch().addPrefillChunk(2048, 0).build())
                .secondsOf(OperatorFamily.ATTENTION_PREFILL);
        double twoChunks = oneGpu.iteration(oneGpu.newBatch().addPrefillChunk(2048, 0).addPrefillChunk(2048, 0).build())
                .secondsOf(OperatorFamily.ATTENTION_PREFILL);
        for (int prompts : new int[]{1, 8, 9, 16}) {
            BatchShape.Builder b = adp.newBatch();
            for (int i = 0; i < prompts; i++) {
                b.addPrefillChunk(2048, 0);
            }
            double attention = adp.iteration(b.build()).secondsOf(OperatorFamily.ATTENTION_PREFILL);
            // up to 8 prompts one per rank; the 9th to 16th put a second prompt on some ranks, which the rest wait for
            double expected = prompts <= 8 ? oneChunk : twoChunks;
            assertThat(attention).as("%d prompts", prompts).isCloseTo(expected, within(expected * 1e-12));
        }
        // a single prompt beside 64 decodes: the rank holding it projects 2048 + 8 tokens, not (2048 + 64) / 8
        IterationCost lumpy = adp.iteration(adp.newBatch().addPrefillChunk(2048, 0).addDecodes(64, 1000).build());
        IterationCost spread = adp.iteration(BatchShape.uniformDecode(64, 1000));
        IterationCost rank = oneGpu.iteration(oneGpu.newBatch().addPrefillChunk(2048, 0).addDecodes(8, 1000).build());
        assertThat(lumpy.secondsOf(OperatorFamily.GEMM) - spread.secondsOf(OperatorFamily.GEMM))
                .isGreaterThan(0.5 * (rank.secondsOf(OperatorFamily.GEMM)
                        - oneGpu.iteration(BatchShape.uniformDecode(8, 1000)).secondsOf(OperatorFamily.GEMM)));
    }
}

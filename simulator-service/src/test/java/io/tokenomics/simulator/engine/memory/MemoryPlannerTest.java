package io.tokenomics.simulator.engine.memory;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MemoryPlannerTest {
    private static final double GIB = 1L << 30;
    private final ModelCatalog models = ModelCatalog.load();
    private final AcceleratorSpec h100 = AcceleratorCatalog.load().get("H100");

    private MemoryPlan plan(String model, Quantization q, int tp) {
        return MemoryPlanner.plan(new ServingConfiguration(models.get(model), h100, q, Parallelism.tensor(tp)),
                ServingLimits.DEFAULT);
    }

    @Test
    void llama70bBf16DoesNotFitOneH100AndSaysByHowMuch() {
        MemoryPlan plan = plan("Llama 3.1 70B", Quantization.BF16, 1);
        assertThat(plan.fits()).isFalse();
        // 70.55e9 weights x 2 bytes = 131.4 GiB against 80 GiB: short by more than 50 GiB
        assertThat(plan.weightBytesPerGpu() / GIB).isCloseTo(131.4, within(0.5));
        assertThat(plan.shortfallBytes() / GIB).isGreaterThan(51.4);
        assertThat(plan.explanation()).contains("does not fit").contains("short by");
        assertThatThrownBy(plan::requireFits).isInstanceOf(MemoryPlan.ConfigurationDoesNotFitException.class)
                .hasMessageContaining("short by");
    }

    @Test
    void llama70bBf16FitsTwoH100sWithAStatedKvCapacity() {
        ModelArchitecture m = models.get("Llama 3.1 70B");
        MemoryPlan plan = plan("Llama 3.1 70B", Quantization.BF16, 2);
        assertThat(plan.fits()).isTrue();
        // by hand: KV per token per GPU = 80 layers x 2 (K,V) x 4 KV heads x 128 x 2 B = 163840 B
        assertThat(plan.kvBytesPerToken()).isEqualTo(163_840.0);
        double weights = m.totalParameters() * 2 / 2;
        assertThat(plan.weightBytesPerGpu()).isCloseTo(weights, within(1.0));
        double workspace = 8192 * (4.0 * 8192 + 32 * 256 + 2.0 * 4 * 128 + 3.0 * 14336) * 2 + 512 * 64128 * 4.0;
        assertThat(plan.activationWorkspaceBytes()).isCloseTo(workspace, within(1.0));
        double kv = (80 * GIB - weights - workspace - 1.5 * GIB) * 0.9;
        assertThat(plan.maxKvTokens()).isEqualTo((long) Math.floor(kv / 163_840.0));
        assertThat(plan.maxKvTokens()).isBetween(60_000L, 75_000L);
    }

    @Test
    void eightBitWeightsHalveWeightMemory() {
        MemoryPlan bf16 = plan("Llama 3.1 8B", Quantization.BF16, 1);
        MemoryPlan int8 = plan("Llama 3.1 8B", new Quantization(Precision.INT8, Precision.INT8, Precision.BF16), 1);
        double embeddings = models.get("Llama 3.1 8B").embeddingParameters() * 2;
        // seed 003: INT8/FP8 cut (linear-layer) weight memory 2x
        assertThat((bf16.weightBytesPerGpu() - embeddings) / (int8.weightBytesPerGpu() - embeddings))
                .isCloseTo(2.0, within(1e-9));
        assertThat(int8.maxKvTokens()).isGreaterThan(bf16.maxKvTokens());
    }

    @Test
    void mlaCachesTheLatentNotPerHeadKeysAndValues() {
        ModelArchitecture v3 = models.get("DeepSeek-V3");
        assertThat(MemoryPlanner.kvBytesPerTokenPerLayer(v3, Precision.BF16)).isEqualTo((512 + 64) * 2.0);
        assertThat(MemoryPlanner.kvBytesPerTokenPerLayer(v3, Precision.FP8)).isEqualTo(576.0);
        // replicated across tensor-parallel GPUs: 61 layers x 576 values x 1 B on each of 8 GPUs
        var config = new ServingConfiguration(v3, h100, Quantization.FP8, Parallelism.tensor(8));
        assertThat(MemoryPlanner.kvBytesPerTokenPerGpu(config)).isEqualTo(61 * 576.0);
    }

    @Test
    void gqaKvHeadsAreReplicatedBeyondTheirCount() {
        // 8 KV heads: TP8 holds one head per GPU; the per-GPU KV bytes stop shrinking there
        var tp8 = new ServingConfiguration(models.get("Llama 3.1 70B"), h100, Quantization.BF16, Parallelism.tensor(8));
        assertThat(MemoryPlanner.kvBytesPerTokenPerGpu(tp8)).isEqualTo(80 * 2 * 1 * 128 * 2.0);
    }

    @Test
    void attentionDataParallelHoldsWholeAttentionPerRankAndEachTokensKvOnOneRank() {
        // Qwen3-235B-A22B NVFP4 on 8 B200s: h 4096, 94 layers, 64 x 128 query, 4 x 128 KV, 128 experts of width 1536
        ModelArchitecture qwen = models.get("Qwen3-235B-A22B");
        AcceleratorSpec b200 = AcceleratorCatalog.load().get("B200");
        ServingConfiguration tp8 = new ServingConfiguration(qwen, b200, Quantization.FP4, new Parallelism(8, 1, 8, 1));
        ServingConfiguration adp = new ServingConfiguration(qwen, b200, Quantization.FP4,
                new Parallelism(8, 1, 8, 1, true));
        double fp4 = Precision.FP4.bytesPerValue();
        double attention = 4096.0 * 8192 + 2 * 4096.0 * 512 + 8192.0 * 4096; // q, k+v, o
        double experts = 16 * 3.0 * 4096 * 1536 * fp4 + 4096.0 * 128 * 2; // 16 local experts + BF16 router
        double ends = 2 * 151936.0 * 4096 * 2; // embedding + LM head, BF16, untied
        MemoryPlan planAdp = MemoryPlanner.plan(adp, ServingLimits.DEFAULT);
        MemoryPlan planTp = MemoryPlanner.plan(tp8, ServingLimits.DEFAULT);
        // attention DP: attention, embedding and LM head whole on every rank; only the routed experts are split
        assertThat(planAdp.weightBytesPerGpu()).isCloseTo(94 * (attention * fp4 + experts) + ends, within(1.0));
        assertThat(planTp.weightBytesPerGpu()).isCloseTo(94 * (attention / 8 * fp4 + experts) + ends / 8, within(1.0));
        // KV: 94 x 2 x 4 heads x 128 x 1 B (FP8) = 96256 B per token; attention TP8 keeps it on 4 shards (each head
        // twice over 8 GPUs), attention DP keeps a token's KV whole on one rank: 96256 / 8 per GPU on average
        assertThat(MemoryPlanner.kvBytesPerTokenPerGpu(tp8)).isEqualTo(96_256.0 / 4);
        assertThat(MemoryPlanner.kvBytesPerTokenPerGpu(adp)).isEqualTo(96_256.0 / 8);
        // the replica's KV tokens are the eight ranks' caches together
        double free = planAdp.memoryBytes() - planAdp.weightBytesPerGpu() - planAdp.activationWorkspaceBytes()
                - planAdp.frameworkReserveBytes();
        long perRank = (long) Math.floor(free * 0.90 / 96_256.0);
        assertThat(planAdp.maxKvTokens()).isBetween(8 * perRank, 8 * perRank + 8);
        // twice the tokens for less than twice the replicated weights here: 4 KV heads cannot fill 8 GPUs under TP
        assertThat(planAdp.maxKvTokens()).isGreaterThan(planTp.maxKvTokens() * 3 / 2);
        assertThat(planAdp.fits()).isTrue();
    }

    @Test
    void attentionDataParallelIsRefusedForADenseModel() {
        assertThatThrownBy(() -> new ServingConfiguration(models.get("Llama 3.1 70B"), h100, Quantization.FP8,
                new Parallelism(4, 1, 1, 1, true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attention data parallelism");
    }

    @Test
    void aDraftModelAddsItsWeightsAndKvCacheAndAnMtpHeadSharesTheEmbeddings() {
        ServingConfiguration target = new ServingConfiguration(models.get("Llama 3.1 70B"), h100, Quantization.FP8,
                Parallelism.tensor(4));
        MemoryPlan alone = MemoryPlanner.plan(target, ServingLimits.DEFAULT);
        assertThat(alone.draftWeightBytesPerGpu()).isZero();

        ModelArchitecture small = models.get("Llama 3.1 8B");
        var drafter = new io.tokenomics.simulator.engine.cluster.Speculation(4, 0.7, small);
        MemoryPlan drafted = io.tokenomics.simulator.engine.cluster.Speculation.memoryPlan(target,
                ServingLimits.DEFAULT, drafter);
        // by hand: 8B linear weights in FP8 over TP4, embedding table and LM head (untied) in BF16 over TP4
        double linear = (small.totalParameters() - small.embeddingParameters()) / 4;
        double ends = 2.0 * 128_256 * 4096 * 2 / 4;
        assertThat(drafted.draftWeightBytesPerGpu()).isCloseTo(linear + ends, within(1.0));
        assertThat(drafted.weightBytesPerGpu()).isCloseTo(alone.weightBytesPerGpu() + linear + ends, within(1.0));
        // the drafter caches every token too: 32 layers x 2 x (8 / 4) KV heads x 128 x 1 B on top of 80 such layers
        assertThat(drafted.kvBytesPerToken()).isEqualTo(alone.kvBytesPerToken() + 32 * 2 * 2 * 128);
        assertThat(drafted.maxKvTokens()).isLessThan(alone.maxKvTokens());
        assertThat(drafted.explanation()).contains("of them the drafter's");

        // an MTP head is one block of the target reading the target's embeddings: one layer of weights and KV
        var mtp = io.tokenomics.simulator.engine.cluster.Speculation.mtp(3, 0.8, target.model());
        MemoryPlan head = io.tokenomics.simulator.engine.cluster.Speculation.memoryPlan(target, ServingLimits.DEFAULT,
                mtp);
        double layer = (alone.weightBytesPerGpu() - 2.0 * 128_256 * 8192 * 2 / 4) / 80;
        assertThat(head.draftWeightBytesPerGpu()).isCloseTo(layer, within(1.0));
        assertThat(head.kvBytesPerToken()).isEqualTo(alone.kvBytesPerToken() * 81 / 80);

        // drafting without weights (n-gram) costs no memory
        MemoryPlan ngram = io.tokenomics.simulator.engine.cluster.Speculation.memoryPlan(target, ServingLimits.DEFAULT,
                new io.tokenomics.simulator.engine.cluster.Speculation(4, 0.7, null));
        assertThat(ngram).isEqualTo(alone);
    }
}

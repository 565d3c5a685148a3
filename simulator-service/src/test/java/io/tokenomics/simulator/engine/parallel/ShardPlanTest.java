package io.tokenomics.simulator.engine.parallel;

import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardPlanTest {
    private final ModelCatalog models = ModelCatalog.load();

    @Test
    void attentionTensorParallelReplicatesKvHeadsBeyondTheirCount() {
        // Qwen3-235B-A22B: 64 query heads, 4 KV heads, 128 experts; TP8 with EP8
        ShardPlan tp = ShardPlan.of(models.get("Qwen3-235B-A22B"), new Parallelism(8, 1, 8, 1));
        assertThat(tp.queryHeadsPerGpu()).isEqualTo(8);
        assertThat(tp.kvShards()).isEqualTo(4); // 4 KV heads over 8 GPUs: each head held twice
        assertThat(tp.kvHeadsPerGpu()).isEqualTo(1);
        assertThat(tp.localExperts()).isEqualTo(16);
        assertThat(tp.vocabPerGpu()).isEqualTo(151936 / 8.0);
        assertThat(tp.attentionRanks()).isEqualTo(1);
    }

    @Test
    void attentionDataParallelKeepsAttentionWholePerRankAndShardsOnlyTheRoutedExperts() {
        ModelArchitecture qwen = models.get("Qwen3-235B-A22B");
        Parallelism adp = new Parallelism(8, 1, 8, 1, true);
        assertThat(adp.attentionRanks()).isEqualTo(8);
        assertThat(adp.attentionTensor()).isEqualTo(1);
        assertThat(adp.gpusPerReplica()).isEqualTo(8);
        ShardPlan s = ShardPlan.of(qwen, adp);
        assertThat(s.queryHeadsPerGpu()).isEqualTo(64);
        assertThat(s.kvHeadsPerGpu()).isEqualTo(4);
        assertThat(s.kvShards()).isEqualTo(1); // no replication: a token's KV lives on one rank only
        assertThat(s.localExperts()).isEqualTo(16);
        assertThat(s.expertWidthPerGpu()).isEqualTo(1536);
        assertThat(s.vocabPerGpu()).isEqualTo(151936);
        assertThat(s.attentionRanks()).isEqualTo(8);

        // Llama 4 Maverick: dense MLP layers (16384 wide) and a shared expert are replicated on every rank too;
        // EP4 x expert-TP2 slices each routed expert in two
        ShardPlan maverick = ShardPlan.of(models.get("Llama 4 Maverick"), new Parallelism(8, 1, 4, 1, true));
        assertThat(maverick.ffnWidthPerGpu()).isEqualTo(models.get("Llama 4 Maverick").denseIntermediateSize());
        assertThat(maverick.sharedExpertWidthPerGpu()).isEqualTo(8192);
        assertThat(maverick.expertWidthPerGpu()).isEqualTo(8192 / 2.0);
        assertThat(maverick.localExperts()).isEqualTo(32);
        assertThat(new Parallelism(8, 1, 4, 1).withAttentionDataParallel(true)).isEqualTo(new Parallelism(8, 1, 4, 1, true));
        assertThat(new Parallelism(4, 1, 1, 1)).isEqualTo(new Parallelism(4, 1, 1, 1, false));
        assertThatThrownBy(() -> new Parallelism(8, 1, 3, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}

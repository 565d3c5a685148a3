package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.data.Csv;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MeasuredThroughputReplayTest {
    private static final ModelCatalog MODELS = ModelCatalog.load();

    /** Every model the measured rows name resolves to an architecture (directly, by alias or from models-extra). */
    @Test
    void everyMeasuredModelHasAnArchitecture() {
        List<Map<String, String>> rows = Csv.readResource("engine/data/measured-calibration.csv");
        assertThat(rows).isNotEmpty();
        for (Map<String, String> r : rows) {
            assertThat(MODELS.find(r.get("model"))).as(r.get("row_id") + " " + r.get("model")).isPresent();
        }
        var mistral = MODELS.get("Mistral 7B");
        assertThat(mistral.kvHeads()).isEqualTo(8);
        assertThat(mistral.denseIntermediateSize()).isEqualTo(14336);
        assertThat(mistral.slidingWindow()).isEqualTo(4096);
        assertThat(MODELS.get("Qwen3-30B-A3B").routedExperts()).isEqualTo(128);
    }

    @Test
    void aMistralRowReplaysWithFullAttentionAndExplainsItsPrediction() {
        Map<String, String> row = Csv.readResource("engine/data/measured-calibration.csv").stream()
                .filter(r -> r.get("row_id").equals("M0217")).findFirst().orElseThrow();
        assertThat(row.get("model")).isEqualTo("Mistral 7B");
        assertThat(MeasuredThroughputReplay.fullAttentionAsRun(MODELS.get("Mistral 7B")).slidingWindow()).isZero();
        assertThat(MeasuredThroughputReplay.fullAttentionAsRun(MODELS.get("gpt-oss-20b")).slidingWindow())
                .isEqualTo(128);
        MeasuredThroughputReplay.Row r = MeasuredThroughputReplay.replay(row, MODELS, AcceleratorCatalog.load());
        assertThat(r.skipped()).isNull();
        assertThat(r.predicted()).isPositive();
        MeasuredThroughputReplay.Diagnosis d = r.diagnosis();
        assertThat(d.iterationsPerReplica()).isPositive();
        // 1000 requests of 20000 + 2000 tokens: the KV cache, not the batch limit, bounds the decode batch
        assertThat(d.meanDecodeBatch()).isLessThan(100);
        assertThat(d.peakKvFraction()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(d.meanIterationMs()).isPositive();
    }

    @Test
    void rowsWhoseNotesSayAttentionDpRunMoeModelsWithAttentionDataParallelismAndPerRankBatchLimits() {
        String notes = "NVIDIA ModelOpt checkpoints (nvidia/*-FP8 / *-FP4); MoE runs use attention DP; num_requests=3000";
        Parallelism qwen = MeasuredThroughputReplay.parallelismAsRun(MODELS.get("Qwen3-235B-A22B"), 8, 8, notes);
        assertThat(qwen).isEqualTo(new Parallelism(8, 1, 8, 1, true));
        // the same notes on a dense model's row change nothing: it has no experts to share
        assertThat(MeasuredThroughputReplay.parallelismAsRun(MODELS.get("Llama 3.1 405B"), 4, 4, notes))
                .isEqualTo(new Parallelism(4, 1, 1, 1, false));
        // a MoE row without the statement keeps attention tensor-parallel (the H100 Mixtral rows)
        assertThat(MeasuredThroughputReplay.parallelismAsRun(MODELS.get("Mixtral 8x7B"), 4, 4, "num_requests=3000"))
                .isEqualTo(new Parallelism(4, 1, 1, 1, false));
        // one GPU: nothing to split
        assertThat(MeasuredThroughputReplay.parallelismAsRun(MODELS.get("Qwen3-30B-A3B"), 1, 1, notes).attentionRanks())
                .isEqualTo(1);
        SchedulerPolicy perRank = MeasuredThroughputReplay.schedulerAsRun(qwen);
        assertThat(perRank.maxSequences()).isEqualTo(8 * 2048);
        assertThat(perRank.maxBatchedTokens()).isEqualTo(8 * 8192);
        assertThat(MeasuredThroughputReplay.schedulerAsRun(Parallelism.tensor(8)))
                .isSameAs(MeasuredThroughputReplay.TRT_LLM_OFFLINE);

        Map<String, String> row = Csv.readResource("engine/data/measured-calibration.csv").stream()
                .filter(r -> r.get("row_id").equals("M0817")).findFirst().orElseThrow();
        assertThat(row.get("model")).isEqualTo("Qwen3-235B-A22B");
        MeasuredThroughputReplay.Row r = MeasuredThroughputReplay.replay(row, MODELS, AcceleratorCatalog.load());
        assertThat(r.skipped()).isNull();
        // 1500 requests of 128 + 4096 tokens all decode together: eight ranks' KV caches hold them at once
        assertThat(r.diagnosis().meanDecodeBatch()).isGreaterThan(1400);
        assertThat(r.diagnosis().peakKvFraction()).isLessThan(1.0);
    }
}

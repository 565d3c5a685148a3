package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.data.Csv;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
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
}

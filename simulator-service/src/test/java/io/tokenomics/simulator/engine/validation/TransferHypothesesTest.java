package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.data.Csv;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.model.Quantization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TransferHypothesesTest {
    private static final ModelCatalog MODELS = ModelCatalog.load();
    private static final AcceleratorCatalog ACCELERATORS = AcceleratorCatalog.load();

    private static TransferHypotheses.Hypothesis named(String prefix) {
        return TransferHypotheses.hypotheses().stream().filter(h -> h.name().startsWith(prefix)).findFirst()
                .orElseThrow();
    }

    private static Map<String, String> measured(String id) {
        return Csv.readResource("engine/data/measured-calibration.csv").stream()
                .filter(r -> r.get("row_id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void thePowerExponentIsTheH100ProfilesThroughputAgainstDynamicPower() {
        // by hand from h100-power-profile.jsonl (idle = mean of the two idle rows, 120.06 W):
        // fp8: busy 1243.6 TFLOP/s at (698.22 - 0.006 x 120.06) / 0.994 = 701.7 W vs 1453.1 at 980.2 W
        double idle = (117.30416173758134 + 122.81) / 2;
        double fp8 = Math.log((1236.181 / 0.994) / (717.826 / 0.494))
                / Math.log(((698.217 - 0.006 * idle) / 0.994 - idle) / ((543.714 - 0.506 * idle) / 0.494 - idle));
        double bf16 = Math.log((645.619 / 0.967) / (391.925 / 0.495))
                / Math.log(((690.446 - 0.033 * idle) / 0.967 - idle) / ((538.56 - 0.505 * idle) / 0.495 - idle));
        assertThat(TransferHypotheses.measuredThroughputPowerExponent()).isCloseTo((fp8 + bf16) / 2, within(0.01))
                .isBetween(0.3, 0.6);
        assertThat(TransferHypotheses.powerSetPointComputeFactor(1000, 1000, 0.44)).isEqualTo(1.0);
        assertThat(TransferHypotheses.powerSetPointComputeFactor(1000, 700, 0.5))
                .isCloseTo(Math.sqrt(530.0 / 830.0), within(1e-12));
    }

    @Test
    void aHypothesisChangesOnlyTheTargetAcceleratorsRows() {
        AcceleratorSpec b200 = ACCELERATORS.find("B200").orElseThrow();
        AcceleratorSpec h100 = ACCELERATORS.find("H100").orElseThrow();
        MeasuredThroughputReplay.Variant fp4AtFp8 = named("FP4 GEMMs at the FP8 rate").variant();
        assertThat(fp4AtFp8.apply(b200).denseFlopsFp4()).isCloseTo(b200.denseFlopsFp8(), within(1.0));
        assertThat(fp4AtFp8.apply(b200).memoryBandwidth()).isEqualTo(b200.memoryBandwidth());
        assertThat(fp4AtFp8.apply(h100)).isSameAs(h100);
        MeasuredThroughputReplay.Variant bf16Kv = named("BF16 KV cache").variant();
        assertThat(bf16Kv.apply("B200", Quantization.FP4).kvCache()).isEqualTo(Precision.BF16);
        assertThat(bf16Kv.apply("H100", Quantization.FP8)).isSameAs(Quantization.FP8);
        assertThat(named("as published").variant().apply(b200)).isSameAs(b200);
    }

    @Test
    void slowerFp4GemmsSlowAPrefillBoundB200RowAndABf16KvCacheALongContextOne() {
        // M0796: Llama 3.3 70B FP4 TP1 2048/128 (prefill-bound); M0808: 20000/2000 (KV- and attention-bound)
        Map<String, String> prefill = measured("M0796");
        Map<String, String> longContext = measured("M0808");
        var asPublished = MeasuredThroughputReplay.Variant.AS_PUBLISHED;
        double base = MeasuredThroughputReplay.replay(prefill, MODELS, ACCELERATORS, asPublished).predicted();
        double fp8Rate = MeasuredThroughputReplay.replay(prefill, MODELS, ACCELERATORS,
                named("FP4 GEMMs at the FP8 rate").variant()).predicted();
        assertThat(fp8Rate).isLessThan(0.85 * base);
        double longBase = MeasuredThroughputReplay.replay(longContext, MODELS, ACCELERATORS, asPublished).predicted();
        double longBf16 = MeasuredThroughputReplay.replay(longContext, MODELS, ACCELERATORS,
                named("BF16 KV cache").variant()).predicted();
        assertThat(longBf16).isLessThan(0.8 * longBase);
        // an H100 row is untouched by a B200 what-if
        Map<String, String> h100 = measured("M0079");
        assertThat(MeasuredThroughputReplay.replay(h100, MODELS, ACCELERATORS, named("BF16 KV cache").variant())
                .predicted()).isEqualTo(MeasuredThroughputReplay.replay(h100, MODELS, ACCELERATORS, asPublished)
                .predicted());
    }

    @Test
    void theCandidateListStartsWithThePublishedConfiguration() {
        List<TransferHypotheses.Hypothesis> all = TransferHypotheses.hypotheses();
        assertThat(all.get(0).variant()).isSameAs(MeasuredThroughputReplay.Variant.AS_PUBLISHED);
        assertThat(all).extracting(TransferHypotheses.Hypothesis::name).doesNotHaveDuplicates();
    }
}

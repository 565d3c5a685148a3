package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.model.ModelCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HardwareTransferTest {
    private static final ModelCatalog MODELS = ModelCatalog.load();

    private static MeasuredThroughputReplay.Row row(String id, String hw, String model, String precision, int tp,
                                                    int isl, int osl, double published, double predicted) {
        return new MeasuredThroughputReplay.Row(id, hw, model, precision, "TP" + tp, tp, isl, osl, 1000, published,
                predicted, 0, null);
    }

    @Test
    void pairsRowsOfOneArchitectureAndLengthsOnTwoAcceleratorsPerGpu() {
        var h100 = row("H1", "H100", "Llama 3.1 70B", "FP8", 2, 128, 2048, 6000, 7200);
        var h100Long = row("H2", "H100", "Llama 3.1 70B", "FP8", 2, 20000, 2000, 400, 400);
        var b200 = row("B1", "B200", "Llama 3.3 70B", "FP4", 1, 128, 2048, 9000, 15000);
        var b200Long = row("B2", "B200", "Llama 3.3 70B", "FP4", 1, 20000, 2000, 600, 900);
        var otherLengths = row("B3", "B200", "Llama 3.3 70B", "FP4", 1, 500, 2000, 7000, 9000);
        var otherModel = row("B4", "B200", "Llama 3.1 405B", "FP4", 4, 128, 2048, 8000, 12000);
        var skipped = new MeasuredThroughputReplay.Row("B5", "B200", "Llama 3.3 70B", "FP4", "TP1", 1, 128, 2048,
                1000, 9000, Double.NaN, 0, "does not fit");
        List<HardwareTransfer.Pair> pairs = HardwareTransfer.pairs(
                List.of(h100, h100Long, b200, b200Long, otherLengths, otherModel, skipped), MODELS);

        // Llama 3.3 70B is Llama 3.1 70B's architecture; other lengths, another model and a skipped row pair with none
        assertThat(pairs).extracting(p -> p.target().id() + "/" + p.reference().id()).containsExactly("B1/H1", "B2/H2");
        HardwareTransfer.Pair p = pairs.get(0);
        // per GPU: published 9000 / (6000 / 2) = 3.0, predicted 15000 / (7200 / 2) = 4.1667
        assertThat(p.publishedRatio()).isCloseTo(3.0, within(1e-12));
        assertThat(p.predictedRatio()).isCloseTo(15000 / 3600.0, within(1e-12));
        assertThat(p.transferError()).isCloseTo(15000 / 3600.0 / 3.0 - 1, within(1e-12));
        // the long row: published 600 / 200 = 3, predicted 900 / 200 = 4.5 -> +50 %
        assertThat(pairs.get(1).transferError()).isCloseTo(0.5, within(1e-12));

        List<HardwareTransfer.Group> groups = HardwareTransfer.groups(pairs, MODELS);
        assertThat(groups).hasSize(1);
        HardwareTransfer.Group g = groups.get(0);
        assertThat(g.architecture()).isEqualTo("Llama 3.1 70B");
        assertThat(g.target()).isEqualTo("B200 FP4 TP1");
        assertThat(g.reference()).isEqualTo("H100 FP8 TP2");
        double a = Math.log1p(15000 / 3600.0 / 3.0 - 1);
        double b = Math.log1p(0.5);
        assertThat(g.transferSpread()).isCloseTo(Math.abs(a - b) / 2, within(1e-12));
        assertThat(g.medianTransferError()).isCloseTo(((15000 / 3600.0 / 3.0 - 1) + 0.5) / 2, within(1e-12));
        // the rows' own errors: B200 +66.7 % and +50 %, H100 +20 % and 0 %
        assertThat(g.medianTargetError()).isCloseTo((15000 / 9000.0 - 1 + 0.5) / 2, within(1e-12));
        assertThat(g.medianReferenceError()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void theHardwareSeenFirstIsTheReference() {
        var b200 = row("B1", "B200", "Llama 3.3 70B", "FP4", 1, 128, 2048, 9000, 15000);
        var h100 = row("H1", "H100", "Llama 3.1 70B", "FP8", 2, 128, 2048, 6000, 7200);
        List<HardwareTransfer.Pair> pairs = HardwareTransfer.pairs(List.of(b200, h100), MODELS);
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.reference().hardware()).isEqualTo("B200");
            assertThat(p.publishedRatio()).isCloseTo(1 / 3.0, within(1e-12));
        });
        // rows on one accelerator never pair with each other
        assertThat(HardwareTransfer.pairs(List.of(h100, row("H2", "H100", "Llama 3.1 70B", "FP8", 4, 128, 2048, 11000,
                13000)), MODELS)).isEmpty();
    }
}

package io.tokenomics.simulator.engine.speculative;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpeculativeDecodingTest {
    @Test
    void constantAcceptanceMatchesTheGeometricClosedForm() {
        for (double a : new double[]{0.0, 0.3, 0.6, 0.8, 0.95}) {
            for (int k = 1; k <= 6; k++) {
                double closed = (1 - Math.pow(a, k + 1)) / (1 - a);
                assertThat(SpeculativeDecoding.expectedTokensPerStep(a, k)).isCloseTo(closed, within(1e-12));
            }
        }
        assertThat(SpeculativeDecoding.expectedTokensPerStep(1.0, 4)).isEqualTo(5.0);
    }

    @Test
    void perPositionProfileMultipliesPrefixAcceptance() {
        // 1 + 0.9 + 0.9*0.7 + 0.9*0.7*0.5
        assertThat(SpeculativeDecoding.expectedTokensPerStep(new double[]{0.9, 0.7, 0.5}))
                .isCloseTo(1 + 0.9 + 0.63 + 0.315, within(1e-12));
    }

    @Test
    void aSmallDraftSpeedsUpMemoryBoundDecodeOnlyWhenAcceptanceIsHigh() {
        var models = ModelCatalog.load();
        var h100 = AcceleratorCatalog.load().get("H100");
        var target = PerformanceModel.of(new ServingConfiguration(models.get("Llama 3.1 70B"), h100,
                Quantization.FP8, Parallelism.tensor(4)));
        var draft = PerformanceModel.of(new ServingConfiguration(models.get("Llama 3.1 8B"), h100,
                Quantization.FP8, Parallelism.single()));
        var high = SpeculativeDecoding.estimate(target, draft, 1, 2000, new double[]{0.9, 0.85, 0.8});
        var low = SpeculativeDecoding.estimate(target, draft, 1, 2000, new double[]{0.2, 0.1, 0.05});
        assertThat(high.verifySeconds()).isGreaterThanOrEqualTo(high.plainStepSeconds());
        assertThat(high.secondsPerToken()).isCloseTo(high.roundSeconds() / high.tokensPerStep(), within(1e-15));
        assertThat(high.speedup()).isGreaterThan(1.0);
        assertThat(low.speedup()).isLessThan(1.0);
    }
}

package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's allocation-free path predicts exactly (bit for bit) what {@link PerformanceModel#iteration} does. */
class IterationStepTest {
    @Test
    void builderPathEqualsRecordPathBitForBit() {
        ModelCatalog models = ModelCatalog.load();
        AcceleratorCatalog accelerators = AcceleratorCatalog.load();
        List<ServingConfiguration> configs = List.of(
                new ServingConfiguration(models.get("Llama 3.1 8B"), accelerators.get("H100"), Quantization.FP8,
                        Parallelism.tensor(1)),
                new ServingConfiguration(models.get("Llama 3.1 70B"), accelerators.get("H200"), Quantization.BF16,
                        new Parallelism(2, 2, 1, 1)),
                new ServingConfiguration(models.get("Mixtral 8x7B"), accelerators.get("H100"), Quantization.FP8,
                        Parallelism.tensor(4)),
                new ServingConfiguration(models.get("DeepSeek-V3"), accelerators.get("H100"), Quantization.FP8,
                        new Parallelism(8, 1, 8, 1)),
                new ServingConfiguration(models.get("gpt-oss-120b"), accelerators.get("H100"), Quantization.FP8,
                        Parallelism.tensor(2)));
        SplittableRandom random = new SplittableRandom(7);
        for (ServingConfiguration config : configs) {
            PerformanceModel model = PerformanceModel.of(config);
            BatchShape.Builder builder = model.newBatch();
            PerformanceModel.Step step = new PerformanceModel.Step();
            for (int i = 0; i < 2000; i++) {
                builder.reset();
                int prefills = random.nextInt(3);
                for (int p = 0; p < prefills; p++) {
                    builder.addPrefillChunk(1 + random.nextInt(4096), random.nextInt(8000));
                }
                int decodes = random.nextInt(prefills == 0 ? 1 : 0, 300);
                for (int d = 0; d < decodes; d++) {
                    builder.addDecode(1 + random.nextInt(12000));
                }
                model.iteration(builder, step);
                IterationCost cost = model.iteration(builder.build());
                String at = config.model().name() + " batch " + i;
                assertThat(Double.doubleToRawLongBits(step.seconds())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(cost.seconds()));
                assertThat(Double.doubleToRawLongBits(step.stageIntervalSeconds())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(cost.stageIntervalSeconds()));
                assertThat(Double.doubleToRawLongBits(step.lowSeconds())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(cost.lowSeconds()));
                assertThat(Double.doubleToRawLongBits(step.highSeconds())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(cost.highSeconds()));
                assertThat(Double.doubleToRawLongBits(step.energyJoules())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(cost.energyJoules()));
            }
        }
    }
}

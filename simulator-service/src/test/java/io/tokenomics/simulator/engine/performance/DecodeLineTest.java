package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A decode-only iteration as lines in the keys it reads ({@link PerformanceModel.DecodeLine}): what the request-level
 * simulator uses to time and account a whole decode run in closed form. It must agree with the per-iteration model,
 * and its run sums with adding the iterations one by one.
 */
class DecodeLineTest {
    private static final AcceleratorCatalog ACCELERATORS = AcceleratorCatalog.load();
    private static final ModelCatalog MODELS = ModelCatalog.load();

    private static List<PerformanceModel> models() {
        return List.of(
                PerformanceModel.of(new ServingConfiguration(MODELS.get("Llama 3.1 8B"), ACCELERATORS.get("H100"),
                        Quantization.FP8, Parallelism.tensor(1))),
                PerformanceModel.of(new ServingConfiguration(MODELS.get("Llama 3.1 70B"), ACCELERATORS.get("H200"),
                        Quantization.named("BF16"), Parallelism.tensor(4))),
                PerformanceModel.of(new ServingConfiguration(MODELS.get("Qwen3-235B-A22B"), ACCELERATORS.get("B200"),
                        Quantization.FP8, new Parallelism(8, 1, 8, 1, true))));
    }

    @Test
    void linesAgreeWithTheIterationModelForEveryBatchAndContext() {
        PerformanceModel.Step step = new PerformanceModel.Step();
        for (PerformanceModel model : models()) {
            for (int n : new int[]{1, 3, 64, 256}) {
                PerformanceModel.DecodeLine line = model.decodeLine(n);
                for (double context : new double[]{0, 17, 5_000, 300_000}) {
                    BatchShape.Builder batch = model.newBatch();
                    batch.addDecodeSequences(n, context);
                    model.iteration(batch, step);
                    double keys = context + n;
                    assertThat(line.seconds(keys)).isCloseTo(step.seconds(), within(1e-12 * step.seconds()));
                    assertThat(line.low0() + line.low1() * keys).isCloseTo(step.lowSeconds(),
                            within(1e-12 * step.seconds()));
                    assertThat(line.high0() + line.high1() * keys).isCloseTo(step.highSeconds(),
                            within(1e-12 * step.seconds()));
                    assertThat(line.joules(keys)).isCloseTo(step.energyJoules(), within(1e-9 * step.energyJoules()));
                    // the per-size shortcut the simulator uses without fast-forward lines gives the same figures
                    PerformanceModel.Step fast = new PerformanceModel.Step();
                    model.decodeIteration(n, context, fast);
                    assertThat(fast.seconds()).isCloseTo(step.seconds(), within(1e-12 * step.seconds()));
                    assertThat(fast.energyJoules()).isCloseTo(step.energyJoules(), within(1e-9 * step.energyJoules()));
                }
                assertThat(line.s1()).as("attention time grows with the keys read").isPositive();
            }
        }
    }

    @Test
    void runSumsEqualTheIterationsAddedOneByOne() {
        PerformanceModel model = models().get(0);
        for (int n : new int[]{1, 7, 200}) {
            PerformanceModel.DecodeLine line = model.decodeLine(n);
            double keys0 = 1234 + n;
            for (long m : new long[]{1, 2, 15, 1000}) {
                double seconds = 0;
                double joules = 0;
                double low = 0;
                for (long i = 0; i < m; i++) {
                    double keys = keys0 + (double) n * i;
                    seconds += line.seconds(keys);
                    joules += line.joules(keys);
                    low += line.low0() + line.low1() * keys;
                }
                assertThat(line.seconds(keys0, n, m)).isCloseTo(seconds, within(1e-12 * seconds));
                assertThat(line.joules(keys0, n, m)).isCloseTo(joules, within(1e-12 * joules));
                assertThat(line.lowSeconds(keys0, n, m)).isCloseTo(low, within(1e-12 * low));
            }
        }
    }

    /** The board's power cap can start (or stop) binding in the middle of a run: the sum switches formula there. */
    @Test
    void energyFollowsThePowerCapAcrossARun() {
        // u - s = -0.5 + 0.001 k: uncapped below 500 keys, capped above (and the reverse with a falling line)
        PerformanceModel.DecodeLine rising = new PerformanceModel.DecodeLine(1, 0.002, 0, 0, 0, 0, 0.5, 0.003, 10, 0.3);
        PerformanceModel.DecodeLine falling = new PerformanceModel.DecodeLine(1, 0.002, 0, 0, 0, 0, 1.5, 0.001, 10, 0.3);
        for (PerformanceModel.DecodeLine line : List.of(rising, falling)) {
            for (long m : new long[]{1, 40, 61, 300}) {
                double expected = 0;
                for (long i = 0; i < m; i++) {
                    expected += line.joules(100 + 8.0 * i);
                }
                assertThat(line.joules(100, 8, m)).isCloseTo(expected, within(1e-12 * expected));
            }
        }
        assertThat(rising.joules(100)).isLessThan(10 * (1 + 0.3) * rising.seconds(100)); // uncapped at the start
        assertThat(rising.joules(900)).isEqualTo(10 * (1 + 0.3) * rising.seconds(900)); // capped later
    }

    @Test
    void noLinesWherePerIterationFiguresAreNotStraight() {
        PerformanceModel pipelined = PerformanceModel.of(new ServingConfiguration(MODELS.get("Llama 3.1 8B"),
                ACCELERATORS.get("H100"), Quantization.FP8, new Parallelism(1, 2, 1, 1)));
        assertThat(pipelined.decodeLine(4)).isNull();
    }
}

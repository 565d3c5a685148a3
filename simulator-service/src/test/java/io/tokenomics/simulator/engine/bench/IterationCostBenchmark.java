package io.tokenomics.simulator.engine.bench;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.IterationCost;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one decode-iteration prediction: 256 sequences of DeepSeek-V3 (61-layer MLA MoE) on 8 x H100, FP8.
 * {@code decodeIteration} builds the batch from 256 per-sequence context lengths (what part 2 does each iteration)
 * and predicts it; {@code predictOnly} predicts a prebuilt batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IterationCostBenchmark {
    private PerformanceModel model;
    private BatchShape.Builder builder;
    private BatchShape prebuilt;
    private long[] contexts;
    private int tick;

    @Setup
    public void setUp() {
        var config = new ServingConfiguration(ModelCatalog.load().get("DeepSeek-V3"),
                AcceleratorCatalog.load().get("H100"), Quantization.FP8, new Parallelism(8, 1, 8, 1));
        model = PerformanceModel.of(config);
        builder = model.newBatch();
        contexts = new long[256];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = 500 + (i * 7919L) % 4000;
        }
        prebuilt = BatchShape.uniformDecode(256, 2500);
        model.iteration(prebuilt);
    }

    @Benchmark
    public IterationCost decodeIteration() {
        builder.reset();
        int shift = tick++ & 1023;
        for (long c : contexts) {
            builder.addDecode(c + shift);
        }
        return model.iteration(builder.build());
    }

    @Benchmark
    public IterationCost predictOnly() {
        return model.iteration(prebuilt);
    }
}

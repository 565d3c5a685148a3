package io.tokenomics.simulator.engine.simulation;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;

import java.util.List;

/** Shared test configurations (one performance model per configuration, reused across tests). */
public final class Fixtures {
    public static final ServingConfiguration LLAMA_8B_H100 = new ServingConfiguration(
            ModelCatalog.load().get("Llama 3.1 8B"), AcceleratorCatalog.load().get("H100"), Quantization.FP8,
            Parallelism.single());
    public static final PerformanceModel LLAMA_8B_MODEL = PerformanceModel.of(LLAMA_8B_H100);

    private Fixtures() {
    }

    public static ServingConfiguration llama8b(int replicas) {
        return new ServingConfiguration(LLAMA_8B_H100.model(), LLAMA_8B_H100.accelerator(), Quantization.FP8,
                new Parallelism(1, 1, 1, replicas));
    }

    public static List<RequestClass> chat() {
        return List.of(RequestClass.of("chat", new LengthDistribution.LogNormal(500, 0.6, 16, 4000),
                new LengthDistribution.LogNormal(150, 0.6, 1, 1000)));
    }

    public static List<RequestClass> fixed(int input, int output) {
        return List.of(RequestClass.of("fixed", new LengthDistribution.Fixed(input), new LengthDistribution.Fixed(output)));
    }
}

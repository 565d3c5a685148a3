package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;

/**
 * What is served and how: model architecture x accelerator x quantization x parallelism, plus the expert load
 * imbalance (tokens on the busiest expert-parallel GPU / average; 1 without expert parallelism).
 */
public record ServingConfiguration(ModelArchitecture model, AcceleratorSpec accelerator, Quantization quantization,
                                   Parallelism parallelism, double expertLoadImbalance) {
    /** Assumed busiest/average token load across expert-parallel GPUs with random routing at serving batch sizes. */
    public static final double DEFAULT_EXPERT_LOAD_IMBALANCE = 1.15;

    public ServingConfiguration {
        if (!(expertLoadImbalance >= 1)) {
            throw new IllegalArgumentException("expert load imbalance must be >= 1");
        }
        if (parallelism.expert() > 1 && !model.isMoe()) {
            throw new IllegalArgumentException(model.name() + " has no experts to split (expert parallel degree "
                    + parallelism.expert() + ")");
        }
        if (model.isMoe() && model.routedExperts() % parallelism.expert() != 0) {
            throw new IllegalArgumentException(model.routedExperts() + " experts do not split over "
                    + parallelism.expert() + " GPUs");
        }
        if (parallelism.attentionDataParallel() && !model.isMoe()) {
            throw new IllegalArgumentException(model.name() + " has no experts: attention data parallelism splits a "
                    + "MoE model's sequences over the ranks that share its experts; serve a dense model with replicas");
        }
        if (parallelism.tensor() > accelerator.scaleUpDomain()) {
            throw new IllegalArgumentException("tensor parallel degree " + parallelism.tensor() + " exceeds the "
                    + accelerator.scaleUpDomain() + " GPUs of one " + accelerator.key() + " scale-up domain");
        }
        if (parallelism.pipeline() > model.layers()) {
            throw new IllegalArgumentException("more pipeline stages than layers");
        }
    }

    public ServingConfiguration(ModelArchitecture model, AcceleratorSpec accelerator, Quantization quantization,
                                Parallelism parallelism) {
        this(model, accelerator, quantization, parallelism,
                parallelism.expert() > 1 ? DEFAULT_EXPERT_LOAD_IMBALANCE : 1.0);
    }
}

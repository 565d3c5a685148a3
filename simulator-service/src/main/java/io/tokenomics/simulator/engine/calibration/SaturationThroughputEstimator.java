package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.IterationCost;
import io.tokenomics.simulator.engine.performance.PerformanceModel;

/**
 * Steady-state estimate of offline max-throughput (all requests queued, uniform ISL/OSL) without simulating the
 * batching: the KV cache holds {@code B} requests reserved at ISL + OSL tokens each (no eviction), every decode
 * iteration runs {@code B} sequences at the average context ISL + OSL/2, and per output token step the replica also
 * prefills the prompts of the requests that replace finished ones ({@code B x ISL / OSL} tokens, in chunks of the
 * engine's token budget). Part 2's request-level simulation replaces this for full fidelity (ramp-up, tail,
 * mixed batches, scheduling overheads).
 */
public final class SaturationThroughputEstimator {
    private SaturationThroughputEstimator() {
    }

    public record Estimate(long concurrentRequests, double decodeStepSeconds, double prefillSecondsPerStep,
                           double outputTokensPerSecondPerReplica, MemoryPlan memory) {
    }

    public static Estimate estimate(PerformanceModel model, ServingLimits limits, int inputTokens, int outputTokens) {
        MemoryPlan memory = model.memoryPlan(limits);
        if (!memory.fits()) {
            return new Estimate(0, Double.NaN, Double.NaN, 0, memory);
        }
        long batch = Math.min(limits.maxBatchSequences(), memory.maxSequences(inputTokens + outputTokens));
        if (batch <= 0) {
            return new Estimate(0, Double.NaN, Double.NaN, 0, memory);
        }
        long context = inputTokens + outputTokens / 2;
        IterationCost decode = model.iteration(BatchShape.uniformDecode((int) batch, context));
        int chunk = limits.maxBatchTokens();
        int promptsPerChunk = Math.max(1, chunk / Math.max(1, inputTokens));
        BatchShape.Builder b = model.newBatch();
        if (inputTokens <= chunk) {
            for (int i = 0; i < promptsPerChunk; i++) {
                b.addPrefillChunk(inputTokens, 0);
            }
        } else {
            // one long prompt in chunks: a middle chunk sees half the prompt as prior context on average
            b.addPrefillChunk(chunk, (inputTokens - chunk) / 2);
        }
        BatchShape prefill = b.build();
        IterationCost prefillCost = model.iteration(prefill);
        double prefillSecondsPerToken = prefillCost.stageIntervalSeconds() / prefill.prefillTokens();
        double prefillPerStep = prefillSecondsPerToken * batch * inputTokens / outputTokens;
        double step = decode.stageIntervalSeconds() + prefillPerStep;
        return new Estimate(batch, decode.stageIntervalSeconds(), prefillPerStep, batch / step, memory);
    }
}

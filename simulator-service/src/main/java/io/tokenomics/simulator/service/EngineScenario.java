package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;

/**
 * One scenario in the engine's terms, built from the stored job (catalog entries at their pinned revisions).
 *
 * @param serving       model x accelerator x quantization x parallelism ({@code dataReplicas} = replicas)
 * @param limits        batch limits and KV-cache share sizing memory; {@code minKvTokens} = one request's tokens
 * @param arrivalRate   offered load over all replicas, requests per second (Poisson arrivals)
 * @param ttftSlo       time-to-first-token objective, seconds; null when none
 * @param tpotSlo       time-per-output-token objective, seconds; null when none
 * @param trace         a CSV or JSONL request trace to replay instead of the generated workload; null when none
 */
public record EngineScenario(ServingConfiguration serving, ServingLimits limits, double arrivalRate, int inputTokens,
                             int outputTokens, Double ttftSlo, Double tpotSlo, long requestCount, long seed,
                             java.nio.file.Path trace) {
    /** Generated (Poisson) workload. */
    public EngineScenario(ServingConfiguration serving, ServingLimits limits, double arrivalRate, int inputTokens,
                          int outputTokens, Double ttftSlo, Double tpotSlo, long requestCount, long seed) {
        this(serving, limits, arrivalRate, inputTokens, outputTokens, ttftSlo, tpotSlo, requestCount, seed, null);
    }

    /** This scenario replaying the trace in {@code file} (the other workload figures are the trace's summary). */
    public EngineScenario withTrace(java.nio.file.Path file) {
        return new EngineScenario(serving, limits, arrivalRate, inputTokens, outputTokens, ttftSlo, tpotSlo,
                requestCount, seed, file);
    }
}

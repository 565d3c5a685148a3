package io.tokenomics.simulator.service;

import io.tokenomics.simulator.engine.cluster.Disaggregation;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.LengthDistribution;

/**
 * One scenario in the engine's terms, built from the stored job (catalog entries at their pinned revisions).
 *
 * @param serving       model x accelerator x quantization x parallelism ({@code dataReplicas} = replicas)
 * @param limits        batch limits and KV-cache share sizing memory; {@code minKvTokens} = one request's tokens
 * @param arrivalRate   offered load over all replicas, requests per second (0 for a closed loop)
 * @param inputTokens   prompt length (the mean of {@code settings.input} when lengths are drawn)
 * @param outputTokens  output length (the mean of {@code settings.output} when lengths are drawn)
 * @param ttftSlo       time-to-first-token objective, seconds; null when none
 * @param tpotSlo       time-per-output-token objective, seconds; null when none
 * @param trace         a CSV or JSONL request trace to replay instead of the generated workload; null when none
 * @param settings      arrival process, length distributions, scheduler, routing, speculation, disaggregation
 */
public record EngineScenario(ServingConfiguration serving, ServingLimits limits, double arrivalRate, int inputTokens,
                             int outputTokens, Double ttftSlo, Double tpotSlo, long requestCount, long seed,
                             java.nio.file.Path trace, Settings settings) {
    /** Generated (Poisson) workload with fixed lengths and the default (vLLM-like) engine settings. */
    public EngineScenario(ServingConfiguration serving, ServingLimits limits, double arrivalRate, int inputTokens,
                          int outputTokens, Double ttftSlo, Double tpotSlo, long requestCount, long seed) {
        this(serving, limits, arrivalRate, inputTokens, outputTokens, ttftSlo, tpotSlo, requestCount, seed, null,
                Settings.DEFAULT);
    }

    public EngineScenario {
        if (settings == null) {
            settings = Settings.DEFAULT;
        }
    }

    /** This scenario replaying the trace in {@code file} (the other workload figures are the trace's summary). */
    public EngineScenario withTrace(java.nio.file.Path file) {
        return new EngineScenario(serving, limits, arrivalRate, inputTokens, outputTokens, ttftSlo, tpotSlo,
                requestCount, seed, file, settings);
    }

    /**
     * The job's engine settings.
     *
     * @param arrival   open-loop arrival process: poisson, gamma (with {@code cv}) or constant
     * @param input     prompt lengths (null: fixed at {@code inputTokens})
     * @param output    output lengths (null: fixed at {@code outputTokens})
     * @param users     closed loop: this many users (null: open loop at {@code arrivalRate})
     * @param thinkSeconds closed loop: mean think time between a user's requests
     * @param speculation  speculative decoding (null: off)
     * @param disaggregation separate prefill and decode pools (null: unified replicas)
     */
    public record Settings(Arrival arrival, double cv, LengthDistribution input, LengthDistribution output,
                           Integer users, double thinkSeconds, SchedulerPolicy.QueueOrder queueOrder,
                           boolean chunkedPrefill, boolean prefixCaching, SchedulerPolicy.Preemption preemption,
                           RoutingPolicy routing, Speculation speculation, Disaggregation disaggregation) {
        public static final Settings DEFAULT = new Settings(Arrival.POISSON, 1, null, null, null, 0,
                SchedulerPolicy.QueueOrder.FCFS, true, false, SchedulerPolicy.Preemption.RECOMPUTE,
                RoutingPolicy.LEAST_OUTSTANDING, null, null);

        /** These settings with {@code other} as the speculation (null: none). */
        public Settings withSpeculation(Speculation other) {
            return new Settings(arrival, cv, input, output, users, thinkSeconds, queueOrder, chunkedPrefill,
                    prefixCaching, preemption, routing, other, disaggregation);
        }
    }

    public enum Arrival { POISSON, GAMMA, CONSTANT }
}

package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer of {@code POST /api/simulations/estimate}: the steady-state engine's result for a scenario (nothing
 * stored) and what a cost estimate needs besides it.
 *
 * @param modelId             the catalog model (null for an inline model)
 * @param modelRevision       its revision the estimate used
 * @param acceleratorId       the catalog accelerator (null for an inline accelerator): what pricing prices
 * @param acceleratorRevision its revision the estimate used
 * @param quantization        weights/activations precision
 * @param replicas            replicas of the serving configuration
 * @param gpusPerReplica      accelerators per replica (tensor x pipeline)
 * @param totalGpus           replicas x gpusPerReplica
 * @param arrivalRate         offered requests per second over all replicas
 * @param inputTokensMean     mean prompt length (tokens) the estimate used
 * @param outputTokensMean    mean output length (tokens) the estimate used
 * @param notModelled         request fields the steady-state estimate does not model (it ran as if they were at
 *                            their defaults: Poisson arrivals, fixed lengths at their means, FCFS continuous batching,
 *                            no speculation, unified replicas); empty when none. A discrete-event job models them.
 * @param result              the steady-state engine's result ({@code method} names it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstimateView(String modelId, Integer modelRevision, String acceleratorId, Integer acceleratorRevision,
                           String quantization, int replicas, int gpusPerReplica, int totalGpus, double arrivalRate,
                           int inputTokensMean, int outputTokensMean, List<String> notModelled,
                           ScenarioResult result) {
}

package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A sweep's aggregated result: every point with its parameters and key metrics, and the Pareto frontier of
 * throughput per GPU (x) against tokens per second per user (y), both to maximize.
 *
 * @param pareto indexes of the frontier's points, by descending throughput per GPU
 */
public record SweepResult(String xAxis, String yAxis, int points, int completed, int failed, int cancelled,
                          List<Point> results, List<Integer> pareto) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(int index, String simulationId, String status, Map<String, Object> parameters,
                        Double outputTokensPerSecondPerGpu, Double tokensPerSecondPerUser, Double outputTokensPerSecond,
                        Double ttftSeconds, Double tpotSeconds, Boolean saturated, Boolean sloMet, String error,
                        boolean pareto) {
    }
}

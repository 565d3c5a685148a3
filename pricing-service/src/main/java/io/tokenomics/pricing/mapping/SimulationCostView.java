package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.SimulationCost;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The API shape of a simulation's cost: {@code usdPerMillionOutputTokens} is the cost of one replica's GPU-hours per
 * million output tokens at the simulated decode rate ({@code outputTokensPerSecond}), in {@code currency}.
 */
public record SimulationCostView(
        String simulationId,
        String acceleratorId,
        int acceleratorCount,
        BigDecimal usdPerGpuHour,
        String rateBasis,
        double outputTokensPerSecond,
        BigDecimal usdPerMillionOutputTokens,
        String currency,
        String method,
        OffsetDateTime computedAt) {

    public static SimulationCostView of(SimulationCost c) {
        return new SimulationCostView(c.simulationId, c.acceleratorId, c.acceleratorCount, c.usdPerGpuHour,
                c.rateBasis, c.outputTokensPerSecond, c.usdPerMillionOutputTokens, c.currency, c.method, c.computedAt);
    }
}

package io.tokenomics.pricing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.pricing.client.UnusableReferenceException;
import io.tokenomics.pricing.domain.FrontierPoint;
import io.tokenomics.pricing.domain.SweepFrontier;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A simulator sweep (simulator-service's {@code SweepView} with its {@code SweepResult}) as a tier-plan frontier.
 * <p>
 * The sweep's Pareto points maximize {@code outputTokensPerSecondPerGpu} (x) and {@code tokensPerSecondPerUser} (y).
 * One MW of facility power runs 1e6 / (watts per GPU x PUE) GPUs, so a point's tokens/s per MW = x x 1e6 / (W x PUE)
 * (6 decimals, HALF_EVEN) at interactivity y. Each point then serves the tiers whose floor it meets
 * ({@link TierPlanCalculator}).
 */
public final class SweepFrontiers {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private SweepFrontiers() {
    }

    public record Read(List<FrontierPoint> frontier, SweepFrontier source) {
    }

    /**
     * @param field the request field naming the sweep, for a 409 when it has no usable frontier
     */
    public static Read read(JsonNode sweep, UUID sweepId, String field, BigDecimal wattsPerGpu, String wattsBasis,
                            BigDecimal pue) {
        JsonNode result = sweep.path("result");
        String status = sweep.path("status").asText("UNKNOWN");
        if (!result.isObject()) {
            throw new UnusableReferenceException(409, field, "sweep '" + sweepId + "' is " + status
                    + " and has no result yet");
        }
        BigDecimal perGpuToPerMw = MILLION.divide(wattsPerGpu.multiply(pue, MathContext.DECIMAL128), MathContext.DECIMAL128);
        List<FrontierPoint> frontier = new ArrayList<>();
        List<String> simulations = new ArrayList<>();
        for (JsonNode p : result.path("results")) {
            JsonNode x = p.get("outputTokensPerSecondPerGpu");
            JsonNode y = p.get("tokensPerSecondPerUser");
            if (!p.path("pareto").asBoolean(false) || x == null || !x.isNumber() || y == null || !y.isNumber()
                    || x.decimalValue().signum() <= 0 || y.decimalValue().signum() <= 0) {
                continue;
            }
            frontier.add(new FrontierPoint(y.decimalValue(),
                    x.decimalValue().multiply(perGpuToPerMw, MathContext.DECIMAL128).setScale(6, RoundingMode.HALF_EVEN)));
            simulations.add(p.path("simulationId").asText(null));
        }
        if (frontier.isEmpty()) {
            throw new UnusableReferenceException(409, field, "sweep '" + sweepId + "' (" + status
                    + ") has no completed point on its Pareto frontier");
        }
        return new Read(frontier, new SweepFrontier(sweepId, sweep.path("name").asText(null),
                sweep.path("modelId").asText(null), sweep.path("acceleratorId").asText(null),
                result.path("points").asInt(), result.path("completed").asInt(), wattsPerGpu, wattsBasis, pue,
                simulations));
    }
}

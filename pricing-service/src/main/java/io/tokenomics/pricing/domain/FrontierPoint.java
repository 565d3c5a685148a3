package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * One operating point of a throughput/interactivity Pareto frontier: output tokens per second per MW of facility
 * power (PUE included) at a given output tokens per second per user.
 */
public record FrontierPoint(
        @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal tokensPerSecondPerUser,
        @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal tokensPerSecondPerMw) {
}

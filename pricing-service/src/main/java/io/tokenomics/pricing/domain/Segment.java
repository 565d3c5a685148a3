package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A customer segment: how many users, how much each uses per month, how they pay, churn and acquisition cost. */
public record Segment(
        @NotBlank @Size(max = 100) String name,
        @NotNull @DecimalMin("0") BigDecimal users,
        @NotNull @DecimalMin("0") BigDecimal requestsPerMonth,
        @NotNull @DecimalMin("0") BigDecimal inputTokensPerRequest,
        @NotNull @DecimalMin("0") BigDecimal outputTokensPerRequest,
        @NotNull @Valid PricePlan plan,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "churn must be above 0 % a month")
        @DecimalMax("100") BigDecimal churnPercentPerMonth,
        @NotNull @DecimalMin(value = "0", message = "CAC must not be negative") BigDecimal cacUsd) {
}

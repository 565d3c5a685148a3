package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** What serving a million tokens costs (e.g. from a quote), in USD. */
public record ServingCost(
        @NotNull @DecimalMin(value = "0", message = "cost must not be negative") BigDecimal usdPerMillionInputTokens,
        @NotNull @DecimalMin(value = "0", message = "cost must not be negative") BigDecimal usdPerMillionOutputTokens) {
}

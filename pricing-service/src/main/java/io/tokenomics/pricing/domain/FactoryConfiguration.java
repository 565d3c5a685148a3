package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * One hardware/model configuration of the facility: its Pareto frontier and what a MW of it costs. Capex per MW
 * (systems, networking, building) is annualized over {@code amortizationYears} at {@code costOfCapitalPercent}.
 */
public record FactoryConfiguration(
        @NotBlank @Size(max = 100) String name,
        @NotEmpty(message = "the frontier needs at least one point") @Size(max = 1000)
        List<@NotNull @Valid FrontierPoint> frontier,
        @DecimalMin("0") BigDecimal capexUsdPerMw,
        @DecimalMin("0") BigDecimal opexUsdPerMwYear,
        @Min(1) @Max(30) Integer amortizationYears,
        @DecimalMin("0") @DecimalMax("100") BigDecimal costOfCapitalPercent) {
}

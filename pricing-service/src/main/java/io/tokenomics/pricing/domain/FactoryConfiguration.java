package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One hardware/model configuration of the facility: its Pareto frontier and what a MW of it costs. Capex per MW
 * (systems, networking, building) is annualized over {@code amortizationYears} at {@code costOfCapitalPercent}.
 * <p>
 * The frontier is given either as points or as a simulator sweep ({@code sweepId}, read from simulator-service with
 * the caller's token): the sweep's Pareto points (output tokens/s per GPU vs tokens/s per user) become tokens/s per
 * MW = per GPU x 1e6 / (watts per GPU x PUE).
 */
public record FactoryConfiguration(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 1000) List<@NotNull @Valid FrontierPoint> frontier,
        @DecimalMin("0") BigDecimal capexUsdPerMw,
        @DecimalMin("0") BigDecimal opexUsdPerMwYear,
        @Min(1) @Max(30) Integer amortizationYears,
        @DecimalMin("0") @DecimalMax("100") BigDecimal costOfCapitalPercent,
        @Schema(description = "a finished simulator sweep of the caller's tenant whose Pareto frontier is used "
                + "instead of 'frontier'")
        UUID sweepId,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000")
        @Schema(description = "facility watts per GPU before PUE, to turn a sweep's tokens/s per GPU into tokens/s "
                + "per MW (default: the TDP catalog-service gives for the sweep's accelerator)")
        BigDecimal wattsPerGpu,
        @DecimalMin(value = "1", message = "PUE must be at least 1") @DecimalMax("5")
        @Schema(description = "power usage effectiveness applied to wattsPerGpu (default 1)")
        BigDecimal pue) {

    public FactoryConfiguration(String name, List<FrontierPoint> frontier, BigDecimal capexUsdPerMw,
                                BigDecimal opexUsdPerMwYear, Integer amortizationYears, BigDecimal costOfCapitalPercent) {
        this(name, frontier, capexUsdPerMw, opexUsdPerMwYear, amortizationYears, costOfCapitalPercent, null, null, null);
    }

    /** Rules between the fields, checked by {@link TierPlanRequest} (so the field paths carry the list index). */
    List<CrossChecked.FieldProblem> crossFieldProblems(String prefix) {
        List<CrossChecked.FieldProblem> problems = new ArrayList<>();
        boolean points = frontier != null && !frontier.isEmpty();
        if (sweepId == null && !points) {
            problems.add(new CrossChecked.FieldProblem(prefix + "frontier", "the frontier needs at least one point (or give a sweepId)"));
        }
        if (sweepId != null && frontier != null) {
            problems.add(new CrossChecked.FieldProblem(prefix + "sweepId", "give either a frontier or a sweepId, not both"));
        }
        if (sweepId == null && (wattsPerGpu != null || pue != null)) {
            problems.add(new CrossChecked.FieldProblem(prefix + (wattsPerGpu != null ? "wattsPerGpu" : "pue"), "only with a sweepId"));
        }
        return problems;
    }

    /** The same configuration with the frontier read from its sweep. */
    public FactoryConfiguration withFrontier(List<FrontierPoint> points) {
        return new FactoryConfiguration(name, points, capexUsdPerMw, opexUsdPerMwYear, amortizationYears,
                costOfCapitalPercent, sweepId, wattsPerGpu, pue);
    }
}

package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A facility power budget, its price tiers and one or more hardware configurations to compare side by side.
 * Without {@code tiers} the default tier table is used; without any {@code sharePercent} the fixed split gives every
 * paid tier an equal share (25 % each for the four default paid tiers).
 */
@Consistent
public record TierPlanRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal facilityMw,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal utilizationPercent,
        @DecimalMin("0") @DecimalMax("10") BigDecimal usdPerKwh,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{0,31}") String powerRegion,
        @DecimalMin("0") @DecimalMax("10000")
        @Schema(description = "input tokens billed per output token, for tiers with an input price (default 0)")
        BigDecimal inputTokensPerOutputToken,
        @Size(max = 50) List<@NotNull @Valid Tier> tiers,
        @NotEmpty(message = "give at least one configuration") @Size(max = 20)
        List<@NotNull @Valid FactoryConfiguration> configurations) implements CrossChecked {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (usdPerKwh == null && powerRegion == null) {
            problems.add(new FieldProblem("usdPerKwh", "give usdPerKwh or powerRegion"));
        }
        if (usdPerKwh != null && powerRegion != null) {
            problems.add(new FieldProblem("powerRegion", "give either usdPerKwh or powerRegion, not both"));
        }
        if (tiers != null) {
            if (tiers.isEmpty()) {
                problems.add(new FieldProblem("tiers", "give at least one tier, or leave tiers out for the defaults"));
            }
            Set<String> names = new HashSet<>();
            BigDecimal sum = BigDecimal.ZERO;
            boolean anyShare = false;
            for (int i = 0; i < tiers.size(); i++) {
                Tier t = tiers.get(i);
                if (t == null) {
                    continue;
                }
                if (t.name() != null && !names.add(t.name())) {
                    problems.add(new FieldProblem("tiers[" + i + "].name", "tier names must be unique"));
                }
                if (t.sharePercent() != null) {
                    anyShare = true;
                    sum = sum.add(t.sharePercent());
                }
            }
            if (anyShare && sum.compareTo(HUNDRED) != 0) {
                problems.add(new FieldProblem("tiers.sharePercent",
                        "shares must sum to 100 %, they sum to " + sum.stripTrailingZeros().toPlainString() + " %"));
            }
        }
        if (configurations != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < configurations.size(); i++) {
                FactoryConfiguration c = configurations.get(i);
                if (c != null) {
                    problems.addAll(c.crossFieldProblems("configurations[" + i + "]."));
                }
                if (c != null && c.name() != null && !names.add(c.name())) {
                    problems.add(new FieldProblem("configurations[" + i + "].name", "configuration names must be unique"));
                }
            }
        }
        return problems;
    }

    /** The tiers with their fixed-split shares resolved (equal shares over paid tiers when none is given). */
    public List<Tier> resolvedTiers() {
        List<Tier> base = tiers == null ? DefaultTiers.TIERS : tiers;
        if (base.stream().anyMatch(t -> t.sharePercent() != null)) {
            return base.stream().map(t -> t.sharePercent() != null ? t : withShare(t, BigDecimal.ZERO)).toList();
        }
        long paid = base.stream().filter(t -> t.usdPerMillionOutputTokens().signum() > 0
                || (t.usdPerMillionInputTokens() != null && t.usdPerMillionInputTokens().signum() > 0)).count();
        BigDecimal share = paid == 0 ? BigDecimal.ZERO : HUNDRED.divide(BigDecimal.valueOf(paid), MathContext.DECIMAL128);
        return base.stream().map(t -> withShare(t,
                t.usdPerMillionOutputTokens().signum() > 0
                        || (t.usdPerMillionInputTokens() != null && t.usdPerMillionInputTokens().signum() > 0)
                        ? share : BigDecimal.ZERO)).toList();
    }

    private static Tier withShare(Tier t, BigDecimal share) {
        return new Tier(t.name(), t.usdPerMillionOutputTokens(), t.usdPerMillionInputTokens(),
                t.minTokensPerSecondPerUser(), t.demandCapTokensPerSecond(), t.demandCapUsers(), share);
    }

    public TierPlanRequest withConfigurations(List<FactoryConfiguration> resolved) {
        return new TierPlanRequest(facilityMw, utilizationPercent, usdPerKwh, powerRegion, inputTokensPerOutputToken,
                tiers, resolved);
    }

    public TierPlanRequest withUsdPerKwh(BigDecimal price) {
        return new TierPlanRequest(facilityMw, utilizationPercent, price, null, inputTokensPerOutputToken, tiers,
                configurations);
    }
}

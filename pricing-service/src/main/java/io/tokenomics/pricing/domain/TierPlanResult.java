package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/** Fixed split and revenue-maximizing allocation of each configuration on the same facility, side by side. */
public record TierPlanResult(
        BigDecimal facilityMw,
        BigDecimal utilizationPercent,
        BigDecimal usdPerKwh,
        String currency,
        List<Tier> tiers,
        List<ConfigurationPlan> configurations) {

    /**
     * @param frontier the frontier the plan used (tokens/s per MW vs tokens/s per user)
     * @param sweep    set when the frontier was read from a simulator sweep
     */
    public record ConfigurationPlan(String name, List<FrontierPoint> frontier, SweepFrontier sweep,
                                    Allocation fixedSplit, Allocation revenueMaximizing) {
        public ConfigurationPlan withSweep(SweepFrontier source) {
            return new ConfigurationPlan(name, frontier, source, fixedSplit, revenueMaximizing);
        }
    }

    /**
     * @param idleMw     facility power no tier uses (caps reached, tier unreachable, or zero-price tiers in the
     *                   revenue-maximizing allocation); it draws no energy
     * @param paybackYears capex / (revenue - energy - opex) per year; null when that is not positive
     */
    public record Allocation(
            String method,
            List<TierAllocation> tiers,
            BigDecimal usedMw,
            BigDecimal idleMw,
            BigDecimal tokensPerYear,
            BigDecimal revenuePerYear,
            BigDecimal revenuePerMwYear,
            BigDecimal energyCostPerYear,
            BigDecimal capitalCostPerYear,
            BigDecimal opexPerYear,
            BigDecimal totalCostPerYear,
            BigDecimal grossMarginPercent,
            BigDecimal capexUsd,
            BigDecimal paybackYears) {
    }

    /**
     * @param reachable      whether some frontier point meets the tier's interactivity floor
     * @param allocatedMw    power given to the tier; {@code usedMw} of it runs (the rest is idle above the cap)
     * @param revenuePerMwSecond USD earned per second by one MW of this tier: the greedy's sort key
     */
    public record TierAllocation(
            String name,
            BigDecimal usdPerMillionOutputTokens,
            boolean reachable,
            FrontierPoint operatingPoint,
            BigDecimal revenuePerMwSecond,
            BigDecimal allocatedMw,
            BigDecimal usedMw,
            boolean capped,
            BigDecimal tokensPerSecond,
            BigDecimal users,
            BigDecimal tokensPerYear,
            BigDecimal revenuePerYear) {
    }
}

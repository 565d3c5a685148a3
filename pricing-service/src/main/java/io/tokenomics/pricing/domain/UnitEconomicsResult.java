package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/** Per-segment unit economics and the growth curve, in USD per month unless named otherwise. */
public record UnitEconomicsResult(List<SegmentEconomics> segments, List<GrowthPoint> growth) {

    /**
     * Per user per month, then the segment total. {@code ltvUsd} = margin / monthly churn; {@code ltvToCac} and
     * {@code cacPaybackMonths} (= CAC / margin) are null when undefined (CAC 0, margin not positive).
     */
    public record SegmentEconomics(
            String name,
            BigDecimal inputTokensPerUserMonth,
            BigDecimal outputTokensPerUserMonth,
            BigDecimal revenuePerUserMonth,
            BigDecimal costToServePerUserMonth,
            BigDecimal marginPerUserMonth,
            BigDecimal marginPercent,
            BigDecimal ltvUsd,
            BigDecimal ltvToCac,
            BigDecimal cacPaybackMonths,
            BigDecimal users,
            BigDecimal revenuePerMonth,
            BigDecimal costToServePerMonth,
            BigDecimal marginPerMonth) {
    }

    /**
     * The business at {@code users} total users. {@code lossPerRevenueDollar} = (cost - revenue) / revenue (seed 000's
     * "$1.22 lost per $1 of revenue"; negative means profit); {@code breakEvenServingCostScale} = (revenue - fixed) /
     * serving cost: the factor the cost per token must be multiplied by for margin 0 (below 1: costs must fall).
     */
    public record GrowthPoint(
            BigDecimal users,
            BigDecimal revenuePerMonth,
            BigDecimal costToServePerMonth,
            BigDecimal fixedCostPerMonth,
            BigDecimal marginPerMonth,
            BigDecimal lossPerRevenueDollar,
            BigDecimal breakEvenServingCostScale) {
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.PricePlan;
import io.tokenomics.pricing.domain.Segment;
import io.tokenomics.pricing.domain.ServingCost;
import io.tokenomics.pricing.domain.UnitEconomicsRequest;
import io.tokenomics.pricing.domain.UnitEconomicsResult;
import io.tokenomics.pricing.domain.UnitEconomicsResult.GrowthPoint;
import io.tokenomics.pricing.domain.UnitEconomicsResult.SegmentEconomics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import static io.tokenomics.pricing.service.TcoCalculator.HUNDRED;
import static io.tokenomics.pricing.service.TcoCalculator.MILLION;

/**
 * Unit economics of customer segments, per user and month:
 * <pre>
 *   in, out       = requests x input tokens per request, requests x output tokens per request
 *   cost to serve = in / 1e6 x cost per M input + out / 1e6 x cost per M output
 *   revenue       = PER_TOKEN:     in / 1e6 x price per M input + out / 1e6 x price per M output
 *                   SUBSCRIPTION:  fee + max(0, in + out - included) / 1e6 x overage price per M
 *                   FREE_WITH_ADS: ad value per user-month
 *   margin        = revenue - cost to serve;   LTV = margin / monthly churn;   CAC payback = CAC / margin months
 * </pre>
 * Growth curve ("anti-internet", seed 000): at N total users each segment keeps its share of users, so revenue and
 * serving cost both grow linearly with N; when the mix serves tokens below cost, the loss grows with the user count.
 */
public final class UnitEconomicsCalculator {
    private static final MathContext MC = MathContext.DECIMAL128;

    private UnitEconomicsCalculator() {
    }

    public static UnitEconomicsResult evaluate(UnitEconomicsRequest request) {
        List<SegmentEconomics> segments = new ArrayList<>();
        BigDecimal totalUsers = BigDecimal.ZERO;
        for (Segment s : request.segments()) {
            totalUsers = totalUsers.add(s.users());
        }
        BigDecimal revenuePerMixUser = BigDecimal.ZERO;
        BigDecimal costPerMixUser = BigDecimal.ZERO;
        for (Segment s : request.segments()) {
            PerUser u = perUser(s, request.cost());
            BigDecimal margin = u.revenue.subtract(u.cost);
            BigDecimal churn = s.churnPercentPerMonth().divide(HUNDRED, MC);
            BigDecimal ltv = margin.divide(churn, MC);
            BigDecimal ltvToCac = s.cacUsd().signum() == 0 ? null : ltv.divide(s.cacUsd(), MC);
            BigDecimal payback = margin.signum() <= 0 ? null : s.cacUsd().divide(margin, MC);
            BigDecimal marginPercent = u.revenue.signum() == 0 ? null : margin.multiply(HUNDRED, MC).divide(u.revenue, MC);
            segments.add(new SegmentEconomics(s.name(), u.in, u.out, money(u.revenue), money(u.cost), money(margin),
                    ratio(marginPercent), money(ltv), ratio(ltvToCac), ratio(payback), s.users(),
                    money(u.revenue.multiply(s.users(), MC)), money(u.cost.multiply(s.users(), MC)),
                    money(margin.multiply(s.users(), MC))));
            if (totalUsers.signum() > 0) {
                BigDecimal share = s.users().divide(totalUsers, MC);
                revenuePerMixUser = revenuePerMixUser.add(u.revenue.multiply(share, MC));
                costPerMixUser = costPerMixUser.add(u.cost.multiply(share, MC));
            }
        }
        List<GrowthPoint> growth = new ArrayList<>();
        if (request.growthUserCounts() != null && totalUsers.signum() > 0) {
            BigDecimal fixed = request.fixedCostUsdPerMonth() == null ? BigDecimal.ZERO : request.fixedCostUsdPerMonth();
            for (BigDecimal n : request.growthUserCounts()) {
                BigDecimal revenue = revenuePerMixUser.multiply(n, MC);
                BigDecimal cost = costPerMixUser.multiply(n, MC);
                BigDecimal margin = revenue.subtract(cost).subtract(fixed);
                BigDecimal lossPerDollar = revenue.signum() == 0 ? null : margin.negate().divide(revenue, MC);
                BigDecimal scale = cost.signum() == 0 ? null : revenue.subtract(fixed).divide(cost, MC);
                growth.add(new GrowthPoint(n, money(revenue), money(cost), money(fixed), money(margin),
                        ratio(lossPerDollar), ratio(scale)));
            }
        }
        return new UnitEconomicsResult(segments, growth);
    }

    private record PerUser(BigDecimal in, BigDecimal out, BigDecimal revenue, BigDecimal cost) {
    }

    private static PerUser perUser(Segment s, ServingCost cost) {
        BigDecimal in = s.requestsPerMonth().multiply(s.inputTokensPerRequest(), MC);
        BigDecimal out = s.requestsPerMonth().multiply(s.outputTokensPerRequest(), MC);
        BigDecimal serving = perMillion(in, cost.usdPerMillionInputTokens()).add(perMillion(out, cost.usdPerMillionOutputTokens()));
        PricePlan plan = s.plan();
        BigDecimal revenue = switch (plan.type()) {
            case PER_TOKEN -> perMillion(in, plan.usdPerMillionInputTokens()).add(perMillion(out, plan.usdPerMillionOutputTokens()));
            case SUBSCRIPTION -> {
                BigDecimal over = in.add(out).subtract(plan.includedTokensPerMonth()).max(BigDecimal.ZERO);
                yield plan.usdPerMonth().add(perMillion(over, plan.overageUsdPerMillionTokens()));
            }
            case FREE_WITH_ADS -> plan.adsUsdPerUserMonth() == null ? BigDecimal.ZERO : plan.adsUsdPerUserMonth();
        };
        return new PerUser(in, out, revenue, serving);
    }

    private static BigDecimal perMillion(BigDecimal tokens, BigDecimal pricePerMillion) {
        return pricePerMillion == null ? BigDecimal.ZERO : tokens.multiply(pricePerMillion, MC).divide(MILLION, MC);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(Money.SCALE, Money.ROUNDING);
    }

    private static BigDecimal ratio(BigDecimal value) {
        return value == null ? null : value.setScale(6, Money.ROUNDING);
    }
}

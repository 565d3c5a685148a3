package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.FactoryConfiguration;
import io.tokenomics.pricing.domain.FrontierPoint;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.Tier;
import io.tokenomics.pricing.domain.TierPlanRequest;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.TierPlanResult.Allocation;
import io.tokenomics.pricing.domain.TierPlanResult.TierAllocation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.tokenomics.pricing.service.TcoCalculator.HUNDRED;
import static io.tokenomics.pricing.service.TcoCalculator.MILLION;

/**
 * Tier-based pricing of an AI factory of M MW.
 * <p>
 * Operating point of tier i: the frontier point with the most tokens/s per MW among those with interactivity
 * u >= the tier's floor (t_i tokens/s per MW at u_i tokens/s per user); no such point makes the tier unreachable.
 * One MW of tier i earns r_i = p_i x t_i / 1e6 USD per second, where p_i = output price + input price x input tokens
 * per output token. Its demand cap in MW is cap_i / t_i, with cap_i = min(cap tokens/s, cap users x u_i).
 * <p>
 * (a) Fixed split: m_i = M x share_i, of which min(m_i, cap_i / t_i) runs. (b) Revenue-maximizing allocation, the
 * linear program: maximize sum r_i m_i subject to sum m_i <= M and 0 <= m_i <= cap_i / t_i. Solved exactly by the
 * greedy: sort tiers by r_i descending and give each min(remaining power, its cap) in that order.
 * <p>
 * Proof (fractional knapsack): the LP has one coupling constraint and box bounds. Take an optimal m* that differs from
 * the greedy g; let j be the first tier in greedy order with m*_j != g_j. The greedy gives j as much as the bounds and
 * the remaining power allow, so m*_j < g_j, and since sum m* <= M some later tier k (r_k <= r_j) has m*_k > g_k, or
 * there is spare power. Moving e = min(g_j - m*_j, m*_k - g_k) MW (or the spare power) from k to j keeps feasibility
 * and changes revenue by e (r_j - r_k) >= 0. Repeating reaches g with revenue no lower than optimal, so g is optimal.
 * Ties in r (equal revenue per MW) may be broken in any order; we keep the request order. Zero-revenue tiers get no
 * power in (b): power they would use earns nothing (it stays idle and draws no energy).
 * <p>
 * Per allocation, with S = 31,536,000 s x utilization: tokens/year = tokens/s x S; revenue/year = tokens/year / 1e6
 * x p; energy/year = used MW x 1000 kW x 8760 h x utilization x USD/kWh; capital/year = M x capex per MW x CRF
 * (see {@link TcoCalculator#capitalRecoveryFactor}); opex/year = M x opex per MW-year; gross margin = (revenue -
 * energy - capital - opex) / revenue; payback years = M x capex per MW / (revenue - energy - opex).
 */
public final class TierPlanCalculator {
    private static final MathContext MC = MathContext.DECIMAL128;
    static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(31_536_000);
    private static final BigDecimal KW_PER_MW = BigDecimal.valueOf(1000);

    private TierPlanCalculator() {
    }

    /** The power price must be resolved ({@code usdPerKwh} set). */
    public static TierPlanResult plan(TierPlanRequest request) {
        List<Tier> tiers = request.resolvedTiers();
        BigDecimal utilization = TcoCalculator.percent(request.utilizationPercent(), BigDecimal.ONE);
        List<TierPlanResult.ConfigurationPlan> plans = new ArrayList<>();
        for (FactoryConfiguration configuration : request.configurations()) {
            List<Offer> offers = tiers.stream().map(t -> offer(t, configuration.frontier(), request)).toList();
            plans.add(new TierPlanResult.ConfigurationPlan(configuration.name(), configuration.frontier(), null,
                    summarize("fixed-split", offers, fixedSplit(offers, request.facilityMw()), configuration, request, utilization),
                    summarize("revenue-maximizing", offers, revenueMaximizing(offers, request.facilityMw()), configuration,
                            request, utilization)));
        }
        return new TierPlanResult(request.facilityMw(),
                request.utilizationPercent() == null ? HUNDRED : request.utilizationPercent(),
                request.usdPerKwh(), "USD", tiers, plans);
    }

    /** What one tier can do on one frontier. {@code capMw} is null when the tier has no demand cap. */
    record Offer(Tier tier, FrontierPoint point, BigDecimal pricePerMillion, BigDecimal revenuePerMwSecond, BigDecimal capMw) {
        boolean reachable() {
            return point != null;
        }
    }

    static Offer offer(Tier tier, List<FrontierPoint> frontier, TierPlanRequest request) {
        FrontierPoint best = frontier.stream()
                .filter(p -> p.tokensPerSecondPerUser().compareTo(tier.minTokensPerSecondPerUser()) >= 0)
                .max(Comparator.comparing(FrontierPoint::tokensPerSecondPerMw)
                        .thenComparing(FrontierPoint::tokensPerSecondPerUser))
                .orElse(null);
        BigDecimal price = tier.usdPerMillionOutputTokens();
        if (tier.usdPerMillionInputTokens() != null && request.inputTokensPerOutputToken() != null) {
            price = price.add(tier.usdPerMillionInputTokens().multiply(request.inputTokensPerOutputToken(), MC));
        }
        if (best == null) {
            return new Offer(tier, null, price, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        BigDecimal capTokens = tier.demandCapTokensPerSecond();
        if (tier.demandCapUsers() != null) {
            BigDecimal byUsers = tier.demandCapUsers().multiply(best.tokensPerSecondPerUser(), MC);
            capTokens = capTokens == null ? byUsers : capTokens.min(byUsers);
        }
        BigDecimal capMw = capTokens == null ? null : capTokens.divide(best.tokensPerSecondPerMw(), MC);
        return new Offer(tier, best, price, price.multiply(best.tokensPerSecondPerMw(), MC).divide(MILLION, MC), capMw);
    }

    static BigDecimal[] fixedSplit(List<Offer> offers, BigDecimal facilityMw) {
        BigDecimal[] allocated = new BigDecimal[offers.size()];
        for (int i = 0; i < offers.size(); i++) {
            allocated[i] = facilityMw.multiply(offers.get(i).tier().sharePercent(), MC).divide(HUNDRED, MC);
        }
        return allocated;
    }

    /** The exact greedy (see the class comment for the proof). */
    static BigDecimal[] revenueMaximizing(List<Offer> offers, BigDecimal facilityMw) {
        BigDecimal[] allocated = new BigDecimal[offers.size()];
        java.util.Arrays.fill(allocated, BigDecimal.ZERO);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            if (offers.get(i).reachable() && offers.get(i).revenuePerMwSecond().signum() > 0) {
                order.add(i);
            }
        }
        // stable sort: equal revenue per MW keeps the request order
        order.sort(Comparator.comparing((Integer i) -> offers.get(i).revenuePerMwSecond()).reversed());
        BigDecimal remaining = facilityMw;
        for (int i : order) {
            if (remaining.signum() <= 0) {
                break;
            }
            BigDecimal cap = offers.get(i).capMw();
            BigDecimal give = cap == null ? remaining : remaining.min(cap);
            allocated[i] = give;
            remaining = remaining.subtract(give, MC);
        }
        return allocated;
    }

    private static Allocation summarize(String method, List<Offer> offers, BigDecimal[] allocated,
                                        FactoryConfiguration configuration, TierPlanRequest request, BigDecimal utilization) {
        BigDecimal seconds = SECONDS_PER_YEAR.multiply(utilization, MC);
        List<TierAllocation> rows = new ArrayList<>();
        BigDecimal usedTotal = BigDecimal.ZERO;
        BigDecimal tokensTotal = BigDecimal.ZERO;
        BigDecimal revenueTotal = BigDecimal.ZERO;
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            BigDecimal used = BigDecimal.ZERO;
            boolean capped = false;
            if (o.reachable()) {
                used = allocated[i];
                if (o.capMw() != null && used.compareTo(o.capMw()) >= 0) {
                    capped = true;
                    used = o.capMw();
                }
            }
            BigDecimal tokensPerSecond = o.reachable() ? used.multiply(o.point().tokensPerSecondPerMw(), MC) : BigDecimal.ZERO;
            BigDecimal users = o.reachable() ? tokensPerSecond.divide(o.point().tokensPerSecondPerUser(), MC) : BigDecimal.ZERO;
            BigDecimal tokensPerYear = tokensPerSecond.multiply(seconds, MC);
            BigDecimal revenue = tokensPerYear.multiply(o.pricePerMillion(), MC).divide(MILLION, MC);
            usedTotal = usedTotal.add(used, MC);
            tokensTotal = tokensTotal.add(tokensPerYear, MC);
            revenueTotal = revenueTotal.add(revenue, MC);
            rows.add(new TierAllocation(o.tier().name(), o.tier().usdPerMillionOutputTokens(), o.reachable(), o.point(),
                    money(o.revenuePerMwSecond()), mw(allocated[i]), mw(used), capped, scale(tokensPerSecond, 3),
                    scale(users, 3), scale(tokensPerYear, 0), money(revenue)));
        }
        BigDecimal facility = request.facilityMw();
        BigDecimal energy = usedTotal.multiply(KW_PER_MW, MC).multiply(TcoCalculator.HOURS_PER_YEAR, MC)
                .multiply(utilization, MC).multiply(request.usdPerKwh(), MC);
        BigDecimal capex = facility.multiply(orZero(configuration.capexUsdPerMw()), MC);
        BigDecimal capital = capex.signum() == 0 ? BigDecimal.ZERO : capex.multiply(TcoCalculator.capitalRecoveryFactor(
                TcoCalculator.percent(configuration.costOfCapitalPercent(), BigDecimal.ZERO),
                configuration.amortizationYears() == null ? 5 : configuration.amortizationYears()), MC);
        BigDecimal opex = facility.multiply(orZero(configuration.opexUsdPerMwYear()), MC);
        BigDecimal totalCost = energy.add(capital).add(opex);
        BigDecimal margin = revenueTotal.signum() == 0 ? null
                : revenueTotal.subtract(totalCost).multiply(HUNDRED, MC).divide(revenueTotal, MC);
        BigDecimal operatingCash = revenueTotal.subtract(energy).subtract(opex);
        BigDecimal payback = operatingCash.signum() <= 0 ? null : capex.divide(operatingCash, MC);
        return new Allocation(method, rows, mw(usedTotal), mw(facility.subtract(usedTotal)), scale(tokensTotal, 0),
                money(revenueTotal), money(revenueTotal.divide(facility, MC)), money(energy), money(capital), money(opex),
                money(totalCost), margin == null ? null : scale(margin, 4), money(capex),
                payback == null ? null : scale(payback, 6));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(Money.SCALE, Money.ROUNDING);
    }

    private static BigDecimal mw(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal scale(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN);
    }
}

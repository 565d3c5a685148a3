package io.tokenomics.pricing.mapping;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.MarketComparison;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.UnitEconomicsResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The CSV shapes of the API's results: one flat row per tier allocation, segment, growth point, model or quote. */
public final class CsvRows {
    private CsvRows() {
    }

    @JsonPropertyOrder({"configuration", "method", "tier", "usdPerMillionOutputTokens", "reachable",
            "tokensPerSecondPerUser", "tokensPerSecondPerMw", "allocatedMw", "usedMw", "capped", "tokensPerSecond",
            "users", "tokensPerYear", "revenuePerYear", "allocationRevenuePerYear", "allocationRevenuePerMwYear",
            "allocationTotalCostPerYear", "allocationGrossMarginPercent", "allocationPaybackYears"})
    public record TierRow(String configuration, String method, String tier, BigDecimal usdPerMillionOutputTokens,
                          boolean reachable, BigDecimal tokensPerSecondPerUser, BigDecimal tokensPerSecondPerMw,
                          BigDecimal allocatedMw, BigDecimal usedMw, boolean capped, BigDecimal tokensPerSecond,
                          BigDecimal users, BigDecimal tokensPerYear, BigDecimal revenuePerYear,
                          BigDecimal allocationRevenuePerYear, BigDecimal allocationRevenuePerMwYear,
                          BigDecimal allocationTotalCostPerYear, BigDecimal allocationGrossMarginPercent,
                          BigDecimal allocationPaybackYears) {
    }

    public static String tierPlan(TierPlanResult result) {
        List<TierRow> rows = new ArrayList<>();
        for (TierPlanResult.ConfigurationPlan c : result.configurations()) {
            for (TierPlanResult.Allocation a : List.of(c.fixedSplit(), c.revenueMaximizing())) {
                for (TierPlanResult.TierAllocation t : a.tiers()) {
                    rows.add(new TierRow(c.name(), a.method(), t.name(), t.usdPerMillionOutputTokens(), t.reachable(),
                            t.operatingPoint() == null ? null : t.operatingPoint().tokensPerSecondPerUser(),
                            t.operatingPoint() == null ? null : t.operatingPoint().tokensPerSecondPerMw(),
                            t.allocatedMw(), t.usedMw(), t.capped(), t.tokensPerSecond(), t.users(), t.tokensPerYear(),
                            t.revenuePerYear(), a.revenuePerYear(), a.revenuePerMwYear(), a.totalCostPerYear(),
                            a.grossMarginPercent(), a.paybackYears()));
                }
            }
        }
        return Csv.write(TierRow.class, rows);
    }

    @JsonPropertyOrder({"rank", "name", "quality", "blendedUsdPerMillionTokens", "score", "source"})
    public record EfficiencyCsvRow(int rank, String name, BigDecimal quality, BigDecimal blendedUsdPerMillionTokens,
                                   BigDecimal score, String source) {
    }

    public static String efficiency(List<EfficiencyRow> rows) {
        return Csv.write(EfficiencyCsvRow.class, rows.stream().map(r -> new EfficiencyCsvRow(r.rank(), r.name(),
                r.quality(), r.blendedUsdPerMillionTokens(), r.score(), r.source())).toList());
    }

    @JsonPropertyOrder({"kind", "name", "users", "revenuePerUserMonth", "costToServePerUserMonth", "marginPerUserMonth",
            "marginPercent", "ltvUsd", "ltvToCac", "cacPaybackMonths", "revenuePerMonth", "costToServePerMonth",
            "fixedCostPerMonth", "marginPerMonth", "lossPerRevenueDollar", "breakEvenServingCostScale"})
    public record UnitRow(String kind, String name, BigDecimal users, BigDecimal revenuePerUserMonth,
                          BigDecimal costToServePerUserMonth, BigDecimal marginPerUserMonth, BigDecimal marginPercent,
                          BigDecimal ltvUsd, BigDecimal ltvToCac, BigDecimal cacPaybackMonths, BigDecimal revenuePerMonth,
                          BigDecimal costToServePerMonth, BigDecimal fixedCostPerMonth, BigDecimal marginPerMonth,
                          BigDecimal lossPerRevenueDollar, BigDecimal breakEvenServingCostScale) {
    }

    public static String unitEconomics(UnitEconomicsResult result) {
        List<UnitRow> rows = new ArrayList<>();
        for (UnitEconomicsResult.SegmentEconomics s : result.segments()) {
            rows.add(new UnitRow("segment", s.name(), s.users(), s.revenuePerUserMonth(), s.costToServePerUserMonth(),
                    s.marginPerUserMonth(), s.marginPercent(), s.ltvUsd(), s.ltvToCac(), s.cacPaybackMonths(),
                    s.revenuePerMonth(), s.costToServePerMonth(), null, s.marginPerMonth(), null, null));
        }
        for (UnitEconomicsResult.GrowthPoint g : result.growth()) {
            rows.add(new UnitRow("growth", null, g.users(), null, null, null, null, null, null, null,
                    g.revenuePerMonth(), g.costToServePerMonth(), g.fixedCostPerMonth(), g.marginPerMonth(),
                    g.lossPerRevenueDollar(), g.breakEvenServingCostScale()));
        }
        return Csv.write(UnitRow.class, rows);
    }

    /**
     * One quote. The split columns come last (after {@code computedAt}, so the older columns keep their positions):
     * {@code perMillionOutputTokens{Capital,Energy,Opex,Rental}} and {@code perMillionInputTokens{...}} are the parts of
     * {@code perMillionOutputTokensSplit} / {@code perMillionInputTokensSplit}, which sum exactly to
     * {@code perMillionOutputTokens} / {@code perMillionInputTokens}; empty cells where the quote has no such split.
     */
    @JsonPropertyOrder({"id", "simulationId", "origin", "priceBookId", "priceBookRevision", "acceleratorId",
            "acceleratorCount", "currency", "perMillionOutputTokens", "perMillionInputTokens", "perMillionBlendedTokens",
            "perMillionUsefulOutputTokens", "joulesPerOutputToken", "attribution", "computedAt",
            "perMillionOutputTokensCapital", "perMillionOutputTokensEnergy", "perMillionOutputTokensOpex",
            "perMillionOutputTokensRental", "perMillionInputTokensCapital", "perMillionInputTokensEnergy",
            "perMillionInputTokensOpex", "perMillionInputTokensRental"})
    public record QuoteRow(UUID id, String simulationId, String origin, UUID priceBookId, int priceBookRevision,
                           String acceleratorId, int acceleratorCount, String currency, BigDecimal perMillionOutputTokens,
                           BigDecimal perMillionInputTokens, BigDecimal perMillionBlendedTokens,
                           BigDecimal perMillionUsefulOutputTokens, BigDecimal joulesPerOutputToken, String attribution,
                           String computedAt, BigDecimal perMillionOutputTokensCapital,
                           BigDecimal perMillionOutputTokensEnergy, BigDecimal perMillionOutputTokensOpex,
                           BigDecimal perMillionOutputTokensRental, BigDecimal perMillionInputTokensCapital,
                           BigDecimal perMillionInputTokensEnergy, BigDecimal perMillionInputTokensOpex,
                           BigDecimal perMillionInputTokensRental) {
    }

    public static String quotes(List<QuoteView> quotes) {
        return Csv.write(QuoteRow.class, quotes.stream().map(q -> {
            QuoteResult r = q.result();
            CostParts out = r.perMillionOutputTokensSplit();
            CostParts in = r.perMillionInputTokensSplit();
            return new QuoteRow(q.id(), q.simulationId(), q.origin(), q.priceBookId(), q.priceBookRevision(),
                    q.figures().acceleratorId(), q.figures().acceleratorCount(), r.currency(), r.perMillionOutputTokens(),
                    r.perMillionInputTokens(), r.perMillionBlendedTokens(), r.perMillionUsefulOutputTokens(),
                    r.joulesPerOutputToken(), r.attribution(), q.computedAt() == null ? null : q.computedAt().toString(),
                    out == null ? null : out.capital(), out == null ? null : out.energy(),
                    out == null ? null : out.opex(), out == null ? null : out.rental(),
                    in == null ? null : in.capital(), in == null ? null : in.energy(),
                    in == null ? null : in.opex(), in == null ? null : in.rental());
        }).toList());
    }

    @JsonPropertyOrder({"modelId", "provider", "usdPerMillionInputTokens", "usdPerMillionOutputTokens",
            "marketUsdPerMillionTokens", "selfHostedUsdPerMillionTokens", "selfHostedToMarketRatio", "savingPercent",
            "cheaper", "breakEvenUtilizationPercent", "source"})
    public record MarketRow(String modelId, String provider, BigDecimal usdPerMillionInputTokens,
                            BigDecimal usdPerMillionOutputTokens, BigDecimal marketUsdPerMillionTokens,
                            BigDecimal selfHostedUsdPerMillionTokens, BigDecimal selfHostedToMarketRatio,
                            BigDecimal savingPercent, String cheaper, BigDecimal breakEvenUtilizationPercent,
                            String source) {
    }

    public static String marketComparison(MarketComparison c) {
        return Csv.write(MarketRow.class, c.rows().stream().map(r -> new MarketRow(c.modelId(), r.provider(),
                r.usdPerMillionInputTokens(), r.usdPerMillionOutputTokens(), r.marketUsdPerMillionTokens(),
                r.selfHostedUsdPerMillionTokens(), r.selfHostedToMarketRatio(), r.savingPercent(), r.cheaper(),
                r.breakEvenUtilizationPercent(), r.source())).toList());
    }
}

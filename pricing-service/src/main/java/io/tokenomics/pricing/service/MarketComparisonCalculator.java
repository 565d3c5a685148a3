package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.MarketComparison;
import io.tokenomics.pricing.domain.MarketComparisonRequest;
import io.tokenomics.pricing.domain.MarketComparisonRequest.MarketPrice;
import io.tokenomics.pricing.domain.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-hosted vs market, per million tokens at the workload's mix (r input tokens per output token).
 * <p>
 * The replica costs g x n / 3600 USD per second (g = TCO USD per GPU-hour, n GPUs) and serves o output tokens/s and
 * r x o input tokens/s, so one million tokens cost g x n / 3600 / ((1 + r) x o) x 1e6; each TCO part (capital,
 * energy, opex, rental) is divided the same way. A market price of i (input) and p (output) per million costs
 * (r x i + p) / (1 + r) per million tokens of the same mix; a single price applies to every token. Ratio = self /
 * market, saving = (market - self) / market x 100.
 * <p>
 * Break-even utilization: the throughput o is the replica's at full load. Serving only a share u of it, the hourly
 * capital, opex and rental are spread over u times the tokens while the energy per token stays (the draw follows the
 * work), so the cost per million is F / u + E (F = capital + opex + rental, E = energy, both per million at full load)
 * and it meets the market price m at u = F / (m - E): the load the replica must sustain to sell at the market price
 * without a loss. Above 100 % it loses money even when full; none when m <= E (the power alone costs more).
 */
public final class MarketComparisonCalculator {
    private static final MathContext MC = MathContext.DECIMAL128;

    private MarketComparisonCalculator() {
    }

    /** {@code tco} must have its power price resolved; {@code prices} are the market rows in output order. */
    public static MarketComparison compare(MarketComparisonRequest request, String modelName, List<MarketPrice> prices) {
        TcoCalculator.Parts perGpuHour = TcoCalculator.parts(request.tco());
        BigDecimal r = request.inputTokensPerOutputToken();
        BigDecimal tokensPerSecond = BigDecimal.ONE.add(r).multiply(request.outputTokensPerSecond(), MC);
        TcoCalculator.Parts perMillion = TokenCostCalculator.perMillionTokens(perGpuHour, request.gpusPerReplica(),
                tokensPerSecond);
        BigDecimal self = perMillion.total();
        CostParts split = perMillion.split(); // parts sum exactly to the rounded total (SplitRounding)
        MarketComparison.SelfHosted selfHosted = new MarketComparison.SelfHosted(split.total(), split.capital(),
                split.energy(), split.opex(), split.rental(),
                money(self.multiply(BigDecimal.ONE.add(r), MC)));
        List<MarketComparison.Row> rows = new ArrayList<>();
        for (MarketPrice p : prices) {
            BigDecimal output = p.usdPerMillionOutputTokens() == null ? p.usdPerMillionInputTokens()
                    : p.usdPerMillionOutputTokens();
            BigDecimal market = r.multiply(p.usdPerMillionInputTokens(), MC).add(output, MC)
                    .divide(BigDecimal.ONE.add(r), MC);
            BigDecimal ratio = market.signum() == 0 ? null : self.divide(market, MC);
            BigDecimal saving = market.signum() == 0 ? null
                    : market.subtract(self, MC).multiply(TcoCalculator.HUNDRED, MC).divide(market, MC);
            BigDecimal fixed = perMillion.capital().add(perMillion.opex(), MC).add(perMillion.rental(), MC);
            BigDecimal margin = market.subtract(perMillion.energy(), MC);
            BigDecimal breakEven = margin.signum() <= 0 ? null
                    : fixed.multiply(TcoCalculator.HUNDRED, MC).divide(margin, MC).setScale(4, RoundingMode.HALF_EVEN);
            int cmp = self.compareTo(market);
            rows.add(new MarketComparison.Row(p.provider(), p.source(), p.usdPerMillionInputTokens(),
                    p.usdPerMillionOutputTokens(), money(market), money(self),
                    ratio == null ? null : ratio.setScale(6, RoundingMode.HALF_EVEN),
                    saving == null ? null : saving.setScale(4, RoundingMode.HALF_EVEN),
                    cmp < 0 ? "self-hosted" : cmp > 0 ? "market" : "equal", breakEven));
        }
        return new MarketComparison(request.modelId(), modelName, r, perGpuHour.rounded("USD"), selfHosted, rows, "USD");
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(Money.SCALE, Money.ROUNDING);
    }
}

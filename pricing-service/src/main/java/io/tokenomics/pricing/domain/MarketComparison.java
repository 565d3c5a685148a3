package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Self-hosted cost per million tokens against market API prices, all in USD per million tokens (input and output
 * tokens counted alike, at the workload's mix), rounded to 6 places HALF_EVEN.
 *
 * @param selfHosted the replica's cost per million tokens, split like the GPU-hour (capital + energy + opex + rental
 *                   = usdPerMillionTokens exactly, largest remainder)
 * @param rows       one per market price, in request order (the catalog's first)
 */
public record MarketComparison(String modelId, String modelName, BigDecimal inputTokensPerOutputToken,
                               GpuHourCost gpuHour, SelfHosted selfHosted, List<Row> rows, String currency) {

    /**
     * @param usdPerMillionTokens                  replica cost per second / (input + output tokens per second) x 1e6
     * @param usdPerMillionOutputTokensInputIncluded the same cost carried by output tokens only (what one million
     *                                             output tokens of this workload cost, their prompts included)
     */
    public record SelfHosted(BigDecimal usdPerMillionTokens, BigDecimal capital, BigDecimal energy, BigDecimal opex,
                             BigDecimal rental, BigDecimal usdPerMillionOutputTokensInputIncluded) {
    }

    /**
     * @param marketUsdPerMillionTokens (r x input price + output price) / (r + 1), r = input tokens per output token
     * @param selfHostedToMarketRatio   self-hosted / market (below 1: self-hosting is cheaper); null for a free market price
     * @param savingPercent             (market - self-hosted) / market x 100; negative when the market is cheaper
     * @param breakEvenUtilizationPercent share of the full-load throughput the replica must sustain for its cost per
     *                                    million to equal the market price: (capital + opex + rental) / (market -
     *                                    energy) x 100, all per million at full load; above 100: a loss even when
     *                                    full; null when the energy alone costs more than the market price
     */
    public record Row(String provider, String source, BigDecimal usdPerMillionInputTokens,
                      BigDecimal usdPerMillionOutputTokens, BigDecimal marketUsdPerMillionTokens,
                      BigDecimal selfHostedUsdPerMillionTokens, BigDecimal selfHostedToMarketRatio,
                      BigDecimal savingPercent, String cheaper, BigDecimal breakEvenUtilizationPercent) {
    }
}

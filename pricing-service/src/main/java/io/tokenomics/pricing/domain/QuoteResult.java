package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The figures of one quote, all money in {@code currency} (converted from USD at {@code fxRatePerUsd}), rounded to
 * {@link Money#SCALE} places HALF_EVEN. A figure that cannot be computed from the simulation is null and named in
 * {@code missing}.
 *
 * @param attribution          {@code per-phase}: prefill GPU time priced into input tokens and decode GPU time into
 *                             output tokens; {@code decode-only}: the simulation gave no prefill figures, so all GPU
 *                             time is charged to output tokens and input tokens are not priced
 * @param perMillionOutputTokensSplit the output cost split into capital, energy, opex and rental: {@code total} is
 *                             {@code perMillionOutputTokens} and the parts are rounded so that they sum exactly to it
 *                             (largest remainder, each within 1e-6 of its own rounding)
 * @param perMillionInputTokensSplit the input cost split the same way ({@code total} = {@code perMillionInputTokens});
 *                             null when input tokens are not priced, and on a quote stored before it was computed
 *                             whose split cannot be derived exactly on read ({@code service/StoredInputSplit})
 * @param perMillionUsefulOutputTokens output cost divided by the useful-output fraction
 * @param joulesPerOutputToken wall energy (IT power x PUE) per output token while decoding
 */
public record QuoteResult(
        String currency,
        BigDecimal fxRatePerUsd,
        String rateBasis,
        GpuHourCost gpuHour,
        BigDecimal perMillionOutputTokens,
        CostParts perMillionOutputTokensSplit,
        BigDecimal perMillionOutputTokensLow,
        BigDecimal perMillionOutputTokensHigh,
        BigDecimal perMillionInputTokens,
        CostParts perMillionInputTokensSplit,
        BigDecimal perMillionBlendedTokens,
        WorkloadMix workload,
        BigDecimal usefulOutputFraction,
        String usefulOutputBasis,
        BigDecimal perMillionUsefulOutputTokens,
        BigDecimal joulesPerOutputToken,
        BigDecimal joulesPerInputToken,
        String energyBasis,
        String attribution,
        List<String> missing) {

    /** This result with the given input split (all other figures unchanged). */
    public QuoteResult withInputSplit(CostParts split) {
        return new QuoteResult(currency, fxRatePerUsd, rateBasis, gpuHour, perMillionOutputTokens,
                perMillionOutputTokensSplit, perMillionOutputTokensLow, perMillionOutputTokensHigh, perMillionInputTokens,
                split, perMillionBlendedTokens, workload, usefulOutputFraction, usefulOutputBasis,
                perMillionUsefulOutputTokens, joulesPerOutputToken, joulesPerInputToken, energyBasis, attribution, missing);
    }
}

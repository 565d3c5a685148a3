package io.tokenomics.pricing.domain;

import java.math.BigDecimal;

/**
 * What one replica's tokens cost, split by cause like the GPU-hour; every figure in {@code currency}, rounded to
 * {@link Money#SCALE} places HALF_EVEN from the unrounded arithmetic; each {@code total} is the rounded sum of the
 * unrounded parts and its parts are rounded so that they add up exactly to it (largest remainder).
 *
 * @param usdPerGpuHour          one GPU for one hour
 * @param rateBasis              with {@code acceleratorId}: {@code sourced}, {@code assumption} or {@code default}
 *                               (the configured default rate); null for a request's own TCO
 * @param perMillionOutputTokens all replica time charged to output tokens: GPU-hour x GPUs / 3600 / output tok/s x 1e6
 * @param perMillionTokens       the same over input + output tokens alike ({@code tokensPerSecond}); null without it
 */
public record TokenCost(String currency, String acceleratorId, int gpusPerReplica, BigDecimal outputTokensPerSecond,
                        BigDecimal tokensPerSecond, CostParts usdPerGpuHour, String rateBasis,
                        CostParts perMillionOutputTokens, CostParts perMillionTokens, String method) {
}

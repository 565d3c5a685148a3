package io.tokenomics.pricing.domain;

import java.math.BigDecimal;

/** One model's efficiency score: quality points per USD per million tokens, rounded to one decimal HALF_UP. */
public record EfficiencyRow(int rank, String name, BigDecimal quality, BigDecimal blendedUsdPerMillionTokens,
                            BigDecimal score, String source) {
}

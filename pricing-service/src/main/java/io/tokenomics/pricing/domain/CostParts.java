package io.tokenomics.pricing.domain;

import java.math.BigDecimal;

/** A cost split by cause (see {@link GpuHourCost}); {@code total} is the rounded sum of the unrounded parts. */
public record CostParts(BigDecimal capital, BigDecimal energy, BigDecimal opex, BigDecimal rental, BigDecimal total) {
}

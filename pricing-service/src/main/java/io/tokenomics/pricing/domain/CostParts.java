package io.tokenomics.pricing.domain;

import java.math.BigDecimal;

/**
 * A cost split by cause (see {@link GpuHourCost}); {@code total} is the rounded sum of the unrounded parts and the
 * parts are rounded so that they add up exactly to it (largest remainder, {@code service/SplitRounding}).
 */
public record CostParts(BigDecimal capital, BigDecimal energy, BigDecimal opex, BigDecimal rental, BigDecimal total) {
}

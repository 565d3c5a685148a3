package io.tokenomics.pricing.mapping;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** Picks the price book quotes of the caller's tenant are computed with. */
public record DefaultPriceBookRequest(@NotNull UUID priceBookId) {
}

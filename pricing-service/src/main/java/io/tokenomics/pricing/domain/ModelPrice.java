package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A model's quality score (e.g. MMLU points) and its price per million input and output tokens, in USD, or the quote
 * of a self-hosted configuration whose simulated cost is the price.
 */
public record ModelPrice(
        @NotBlank @Size(max = 100) String name,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal quality,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionInputTokens,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionOutputTokens,
        @Size(max = 2000) String source,
        @Schema(description = "a self-hosted configuration: take the prices from this quote of the caller's tenant "
                + "(converted back to USD) instead of the two price fields")
        UUID quoteId) {

    public ModelPrice withPrices(BigDecimal input, BigDecimal output, String source) {
        return new ModelPrice(name, quality, input, output, source, quoteId);
    }
}

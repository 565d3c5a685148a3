package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A model's quality score (e.g. MMLU points) and its price per million input and output tokens, in USD, or the quote
 * of a self-hosted configuration whose simulated cost is the price. With {@code modelId} the name, the quality (the
 * catalog's MMLU) and the input price (the catalog's API price) are read from catalog-service; fields given in the
 * request win.
 */
public record ModelPrice(
        @Size(max = 100) String name,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal quality,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionInputTokens,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionOutputTokens,
        @Size(max = 2000) String source,
        @Schema(description = "a self-hosted configuration: take the prices from this quote of the caller's tenant "
                + "(converted back to USD) instead of the two price fields")
        UUID quoteId,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}", message = "not a catalog id")
        @Schema(description = "a catalog model: name, quality (MMLU) and input price (its API price) are read from "
                + "catalog-service with the caller's token unless given here")
        String modelId) {

    public ModelPrice(String name, BigDecimal quality, BigDecimal usdPerMillionInputTokens,
                      BigDecimal usdPerMillionOutputTokens, String source, UUID quoteId) {
        this(name, quality, usdPerMillionInputTokens, usdPerMillionOutputTokens, source, quoteId, null);
    }

    public ModelPrice withPrices(BigDecimal input, BigDecimal output, String source) {
        return new ModelPrice(name, quality, input, output, source, quoteId, modelId);
    }

    public ModelPrice withCatalog(String catalogName, BigDecimal catalogQuality, BigDecimal input, String catalogSource) {
        return new ModelPrice(name == null ? catalogName : name, quality == null ? catalogQuality : quality, input,
                usdPerMillionOutputTokens, catalogSource, quoteId, modelId);
    }
}

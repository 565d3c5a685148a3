package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * One price tier of an AI factory. A tier is served only at an operating point whose interactivity is at least
 * {@code minTokensPerSecondPerUser}. Demand caps are optional; with both, the smaller one binds.
 */
@Schema(description = "A price tier. The default tiers' interactivity floors are illustrative defaults, not sourced figures: edit them.")
public record Tier(
        @NotBlank @Size(max = 64) String name,
        @NotNull @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax("1000000")
        BigDecimal usdPerMillionOutputTokens,
        @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax("1000000")
        BigDecimal usdPerMillionInputTokens,
        @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal minTokensPerSecondPerUser,
        @DecimalMin(value = "0", inclusive = false) BigDecimal demandCapTokensPerSecond,
        @DecimalMin(value = "0", inclusive = false) BigDecimal demandCapUsers,
        @DecimalMin("0") @DecimalMax("100") @Schema(description = "share of facility power in the fixed split, percent")
        BigDecimal sharePercent) {
}

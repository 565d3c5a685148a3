package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * How a segment pays: {@code PER_TOKEN} (input and output price per million tokens), {@code SUBSCRIPTION}
 * ({@code usdPerMonth} including {@code includedTokensPerMonth} input+output tokens, then
 * {@code overageUsdPerMillionTokens}), or {@code FREE_WITH_ADS} ({@code adsUsdPerUserMonth} of ad value).
 */
@Consistent
public record PricePlan(
        @NotNull Type type,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionInputTokens,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMillionOutputTokens,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal usdPerMonth,
        @DecimalMin("0") BigDecimal includedTokensPerMonth,
        @DecimalMin(value = "0", message = "price must not be negative") BigDecimal overageUsdPerMillionTokens,
        @DecimalMin("0") BigDecimal adsUsdPerUserMonth) implements CrossChecked {

    public enum Type { PER_TOKEN, SUBSCRIPTION, FREE_WITH_ADS }

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (type == Type.PER_TOKEN) {
            if (usdPerMillionInputTokens == null) {
                problems.add(new FieldProblem("usdPerMillionInputTokens", "required for a PER_TOKEN plan"));
            }
            if (usdPerMillionOutputTokens == null) {
                problems.add(new FieldProblem("usdPerMillionOutputTokens", "required for a PER_TOKEN plan"));
            }
        } else if (type == Type.SUBSCRIPTION) {
            if (usdPerMonth == null) {
                problems.add(new FieldProblem("usdPerMonth", "required for a SUBSCRIPTION plan"));
            }
            if (includedTokensPerMonth == null) {
                problems.add(new FieldProblem("includedTokensPerMonth", "required for a SUBSCRIPTION plan"));
            }
        }
        return problems;
    }
}

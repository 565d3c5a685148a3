package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Models to score. The blended price is {@code inputWeightPercent} % of the input price plus the rest of the output
 * price. Default 100: seed 002's table divides by each model's input (prompt) price, e.g. GPT-4o $5.00 of $5/$15.
 */
@Consistent
public record EfficiencyRequest(
        @DecimalMin("0") @DecimalMax("100")
        @Schema(description = "weight of the input price in the blend, percent (default 100 = seed 002's convention)")
        BigDecimal inputWeightPercent,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid ModelPrice> models) implements CrossChecked {

    public static final BigDecimal SEED_002_INPUT_WEIGHT = BigDecimal.valueOf(100);

    public BigDecimal inputWeight() {
        return (inputWeightPercent == null ? SEED_002_INPUT_WEIGHT : inputWeightPercent)
                .divide(BigDecimal.valueOf(100), MathContext.DECIMAL128);
    }

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (models == null || (inputWeightPercent != null && (inputWeightPercent.signum() < 0
                || inputWeightPercent.compareTo(BigDecimal.valueOf(100)) > 0))) {
            return problems;
        }
        BigDecimal w = inputWeight();
        for (int i = 0; i < models.size(); i++) {
            ModelPrice m = models.get(i);
            if (m == null) {
                continue;
            }
            if (m.modelId() == null && (m.name() == null || m.name().isBlank())) {
                problems.add(new FieldProblem("models[" + i + "].name", "required without a modelId"));
            }
            if (m.modelId() == null && m.quality() == null) {
                problems.add(new FieldProblem("models[" + i + "].quality", "required without a modelId"));
            }
            if (m.quoteId() != null) {
                if (m.usdPerMillionInputTokens() != null || m.usdPerMillionOutputTokens() != null) {
                    problems.add(new FieldProblem("models[" + i + "].quoteId", "give either a quote or prices, not both"));
                }
                continue;
            }
            if (w.signum() > 0 && m.usdPerMillionInputTokens() == null && m.modelId() == null) {
                problems.add(new FieldProblem("models[" + i + "].usdPerMillionInputTokens", "required by the blend"));
            }
            if (w.compareTo(BigDecimal.ONE) < 0 && m.usdPerMillionOutputTokens() == null) {
                problems.add(new FieldProblem("models[" + i + "].usdPerMillionOutputTokens", m.modelId() == null
                        ? "required by the blend" : "required by the blend: the catalog has one API price per model, "
                        + "read as the input price (seed 002's convention)"));
            }
            if (m.usdPerMillionInputTokens() != null && m.usdPerMillionOutputTokens() != null
                    && m.usdPerMillionInputTokens().signum() == 0 && m.usdPerMillionOutputTokens().signum() == 0) {
                problems.add(new FieldProblem("models[" + i + "]", "a free model has no finite score"));
            } else if (w.compareTo(BigDecimal.ONE) == 0 && m.usdPerMillionInputTokens() != null
                    && m.usdPerMillionInputTokens().signum() == 0) {
                problems.add(new FieldProblem("models[" + i + "].usdPerMillionInputTokens", "the blended price must be above 0"));
            } else if (w.signum() == 0 && m.usdPerMillionOutputTokens() != null && m.usdPerMillionOutputTokens().signum() == 0) {
                problems.add(new FieldProblem("models[" + i + "].usdPerMillionOutputTokens", "the blended price must be above 0"));
            }
        }
        return problems;
    }
}

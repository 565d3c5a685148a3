package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * "Your self-hosted cost vs the market price" for one model: a replica of {@code gpusPerReplica} GPUs costing
 * {@code tco} per GPU-hour that sustains {@code outputTokensPerSecond} at a workload of
 * {@code inputTokensPerOutputToken} input tokens per output token, against published API prices: the catalog model's
 * ({@code modelId}, read from catalog-service) and/or {@code marketPrices} (e.g. rows of shared/data/prices.csv).
 */
@Consistent
public record MarketComparisonRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}", message = "not a catalog id")
        @Schema(description = "catalog model whose API price (priceUsdPerMillionTokens) is one market row")
        String modelId,
        @NotNull @Valid TcoAssumptions tco,
        @NotNull @Min(1) @Max(100_000) Integer gpusPerReplica,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000")
        @Schema(description = "output tokens per second one replica sustains at this workload (e.g. a simulation's)")
        BigDecimal outputTokensPerSecond,
        @NotNull @DecimalMin("0") @DecimalMax("100000")
        @Schema(description = "input (prompt) tokens per output token of the workload, e.g. 8 for 8k in / 1k out")
        BigDecimal inputTokensPerOutputToken,
        @Size(max = 50) List<@NotNull @Valid MarketPrice> marketPrices) implements CrossChecked {

    /**
     * A published API price. Without {@code usdPerMillionOutputTokens} the one price applies to every token (as the
     * catalog's single "cost per 1M tokens" figure of seed 002).
     */
    public record MarketPrice(
            @NotBlank @Size(max = 200) String provider,
            @NotNull @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax("100000")
            BigDecimal usdPerMillionInputTokens,
            @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax("100000")
            BigDecimal usdPerMillionOutputTokens,
            @Size(max = 2000) String source) {
    }

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (modelId == null && (marketPrices == null || marketPrices.isEmpty())) {
            problems.add(new FieldProblem("marketPrices", "give a modelId or at least one market price"));
        }
        return problems;
    }

    public MarketComparisonRequest withTco(TcoAssumptions resolved) {
        return new MarketComparisonRequest(modelId, resolved, gpusPerReplica, outputTokensPerSecond,
                inputTokensPerOutputToken, marketPrices);
    }
}

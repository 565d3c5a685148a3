package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned assumptions of one price-book revision. Costs are computed in USD and converted to
 * {@code currency} with {@code fxRatesPerUsd} (units of the currency per 1 USD). Accelerators without an entry are
 * priced at the platform's GPU-hour rental rate ({@code GET /api/pricing/rates}), power included.
 */
@Consistent
public record PriceBookTerms(
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @Schema(description = "units of a currency per 1 USD, e.g. {\"EUR\": 0.92}; needed for any currency but USD")
        Map<@Pattern(regexp = "[A-Z]{3}") String, @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal> fxRatesPerUsd,
        @Size(max = 200) List<@NotNull @Valid AcceleratorTerms> accelerators,
        @Valid WorkloadMix workload,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100")
        @Schema(description = "share of output tokens that are useful when the simulation gives none (default 100)")
        BigDecimal usefulOutputPercent,
        @Size(max = 2000) String note) implements CrossChecked {

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (currency != null && !"USD".equals(currency) && (fxRatesPerUsd == null || !fxRatesPerUsd.containsKey(currency))) {
            problems.add(new FieldProblem("fxRatesPerUsd", "needs a rate for currency " + currency));
        }
        if (accelerators != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < accelerators.size(); i++) {
                AcceleratorTerms a = accelerators.get(i);
                if (a != null && a.acceleratorId() != null && !seen.add(a.acceleratorId())) {
                    problems.add(new FieldProblem("accelerators[" + i + "].acceleratorId", "listed twice"));
                }
            }
        }
        return problems;
    }

    public AcceleratorTerms accelerator(String acceleratorId) {
        return accelerators == null ? null
                : accelerators.stream().filter(a -> a.acceleratorId().equals(acceleratorId)).findFirst().orElse(null);
    }

    /** Units of {@link #currency} per USD. */
    public BigDecimal fxRate() {
        return "USD".equals(currency) ? BigDecimal.ONE : fxRatesPerUsd.get(currency);
    }
}

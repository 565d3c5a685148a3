package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a replica's tokens cost: a replica of {@code gpusPerReplica} GPUs priced per GPU-hour either by {@code tco}
 * (the body of {@code POST /api/pricing/tco}) or by the platform's GPU-hour rate of the catalog accelerator
 * {@code acceleratorId} (rented, power included; the configured default when the platform has no rate row), serving
 * {@code outputTokensPerSecond} output tokens and, optionally, {@code tokensPerSecond} input + output tokens.
 * Exactly one of {@code tco} and {@code acceleratorId}.
 */
@Consistent
public record TokenCostRequest(
        @Valid @Schema(description = "TCO assumptions, as for POST /api/pricing/tco (or give acceleratorId)")
        TcoAssumptions tco,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}", message = "not a catalog id")
        @Schema(description = "catalog accelerator priced at the platform GPU-hour rate (GET /api/pricing/rates), rented "
                + "with power included; the configured default rate (basis 'default') when it has no rate (or give tco)")
        String acceleratorId,
        @NotNull @Min(1) @Max(100_000) Integer gpusPerReplica,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000")
        @Schema(description = "output tokens per second one replica sustains")
        BigDecimal outputTokensPerSecond,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000")
        @Schema(description = "optional: input + output tokens per second of one replica, for the cost per million "
                + "tokens of either kind alike (blended)")
        BigDecimal tokensPerSecond) implements CrossChecked {

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (tco == null && acceleratorId == null) {
            problems.add(new FieldProblem("tco", "give tco or acceleratorId"));
        }
        if (tco != null && acceleratorId != null) {
            problems.add(new FieldProblem("acceleratorId", "give either tco or acceleratorId, not both"));
        }
        return problems;
    }

    public TokenCostRequest withTco(TcoAssumptions resolved) {
        return new TokenCostRequest(resolved, acceleratorId, gpusPerReplica, outputTokensPerSecond, tokensPerSecond);
    }
}

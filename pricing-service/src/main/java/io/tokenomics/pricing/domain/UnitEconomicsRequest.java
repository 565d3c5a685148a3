package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Segments priced against one serving cost, and optionally a growth curve: the same user mix (each segment's share
 * of all {@code users}) at each of {@code growthUserCounts} total users, plus {@code fixedCostUsdPerMonth}.
 */
@Consistent
public record UnitEconomicsRequest(
        @NotNull @Valid ServingCost cost,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Segment> segments,
        @Size(max = 200) @Schema(description = "total user counts of the growth curve, e.g. [1000, 10000, 100000]")
        List<@NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal> growthUserCounts,
        @DecimalMin("0") BigDecimal fixedCostUsdPerMonth) implements CrossChecked {

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (segments != null) {
            Set<String> names = new HashSet<>();
            BigDecimal users = BigDecimal.ZERO;
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s == null) {
                    continue;
                }
                if (s.name() != null && !names.add(s.name())) {
                    problems.add(new FieldProblem("segments[" + i + "].name", "segment names must be unique"));
                }
                if (s.users() != null) {
                    users = users.add(s.users());
                }
            }
            if (growthUserCounts != null && !growthUserCounts.isEmpty() && users.signum() == 0) {
                problems.add(new FieldProblem("segments.users", "a growth curve needs a user mix: some segment must have users"));
            }
        }
        return problems;
    }
}

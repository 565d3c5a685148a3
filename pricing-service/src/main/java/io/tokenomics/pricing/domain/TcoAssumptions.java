package io.tokenomics.pricing.domain;

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
 * What one accelerator costs to run, per GPU. All money in USD; percentages are 0-100.
 * <ul>
 *   <li>{@code RENT}: {@code rentalUsdPerGpuHour}; power is billed on top only when {@code powerIncludedInRental}
 *       is false (then {@code wattsPerGpu}, {@code pue} and a power price are needed).</li>
 *   <li>{@code OWN}: {@code systemPriceUsd} for {@code gpusPerSystem} GPUs, amortized over {@code amortizationYears}
 *       at {@code costOfCapitalPercent}; {@code facilityCapexUsdPerMw} (networking, building, cooling) per MW of IT
 *       power; {@code maintenancePercentPerYear} of the system price; {@code opexUsdPerMwYear} staff and other opex
 *       per MW of IT power; power at {@code wattsPerGpu} x {@code utilizationPercent} x {@code pue} x the price.</li>
 * </ul>
 * The power price is {@code usdPerKwh}, or the regional default named by {@code powerRegion} (see
 * {@code GET /api/pricing/power-prices}).
 */
@Consistent
public record TcoAssumptions(
        @NotNull AcquisitionPath path,
        @DecimalMin("0") @Schema(description = "RENT: USD per GPU-hour") BigDecimal rentalUsdPerGpuHour,
        @Schema(description = "RENT: whether the rental price already includes power (default true)") Boolean powerIncludedInRental,
        @DecimalMin("0") BigDecimal systemPriceUsd,
        @Min(1) @Max(1_000_000) Integer gpusPerSystem,
        @Min(1) @Max(30) Integer amortizationYears,
        @DecimalMin("0") @DecimalMax("100") BigDecimal costOfCapitalPercent,
        @DecimalMin("0") BigDecimal facilityCapexUsdPerMw,
        @DecimalMin("0") @DecimalMax("100") BigDecimal maintenancePercentPerYear,
        @DecimalMin("0") BigDecimal opexUsdPerMwYear,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal wattsPerGpu,
        @DecimalMin("0") @DecimalMax("100") @Schema(description = "average draw as a share of wattsPerGpu (default 100)") BigDecimal utilizationPercent,
        @DecimalMin(value = "1", message = "PUE must be at least 1") @DecimalMax("5") BigDecimal pue,
        @DecimalMin("0") @DecimalMax("10") BigDecimal usdPerKwh,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{0,31}") String powerRegion) implements CrossChecked {

    public boolean needsPower() {
        return path == AcquisitionPath.OWN || Boolean.FALSE.equals(powerIncludedInRental);
    }

    @Override
    public List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (path == null) {
            return problems;
        }
        if (path == AcquisitionPath.RENT && rentalUsdPerGpuHour == null) {
            problems.add(new FieldProblem("rentalUsdPerGpuHour", "required for path RENT"));
        }
        if (path == AcquisitionPath.OWN) {
            if (systemPriceUsd == null) {
                problems.add(new FieldProblem("systemPriceUsd", "required for path OWN"));
            }
            if (gpusPerSystem == null) {
                problems.add(new FieldProblem("gpusPerSystem", "required for path OWN"));
            }
            if (amortizationYears == null) {
                problems.add(new FieldProblem("amortizationYears", "required for path OWN"));
            }
        }
        if (needsPower()) {
            if (wattsPerGpu == null) {
                problems.add(new FieldProblem("wattsPerGpu", "required when power is paid separately"));
            }
            if (usdPerKwh == null && powerRegion == null) {
                problems.add(new FieldProblem("usdPerKwh", "give usdPerKwh or powerRegion when power is paid separately"));
            }
        }
        if (usdPerKwh != null && powerRegion != null) {
            problems.add(new FieldProblem("powerRegion", "give either usdPerKwh or powerRegion, not both"));
        }
        return problems;
    }

    /** Renting at {@code usdPerGpuHour} with power included (how a platform GPU-hour rate is applied). */
    public static TcoAssumptions rented(BigDecimal usdPerGpuHour) {
        return new TcoAssumptions(AcquisitionPath.RENT, usdPerGpuHour, true, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The same assumptions with the regional power price filled in. */
    public TcoAssumptions withUsdPerKwh(BigDecimal price) {
        return new TcoAssumptions(path, rentalUsdPerGpuHour, powerIncludedInRental, systemPriceUsd, gpusPerSystem,
                amortizationYears, costOfCapitalPercent, facilityCapexUsdPerMw, maintenancePercentPerYear,
                opexUsdPerMwYear, wattsPerGpu, utilizationPercent, pue, price, null);
    }
}

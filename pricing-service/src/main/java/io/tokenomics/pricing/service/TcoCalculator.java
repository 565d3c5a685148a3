package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.AcquisitionPath;
import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.TcoAssumptions;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * $ per GPU-hour from TCO assumptions (H = 8760 hours a year, r = cost of capital, n = amortization years):
 * <pre>
 *   capex per GPU   = systemPriceUsd / gpusPerSystem + facilityCapexUsdPerMw x wattsPerGpu / 1e6
 *   CRF             = r (1+r)^n / ((1+r)^n - 1)        (= 1/n when r = 0; the annuity that repays capex with interest)
 *   capital  / h    = capex per GPU x CRF / H
 *   energy   / h    = wattsPerGpu / 1000 x utilization x PUE x usdPerKwh
 *   opex     / h    = (systemPriceUsd / gpusPerSystem x maintenance% + opexUsdPerMwYear x wattsPerGpu / 1e6) / H
 *   rental   / h    = rentalUsdPerGpuHour                (rent path; energy added only if not included)
 * </pre>
 * Computed with 34 significant digits; the total is rounded once and the parts so that they sum exactly to it
 * ({@link SplitRounding}). The power price must already be resolved
 * ({@code usdPerKwh} set) when power is paid separately.
 */
public final class TcoCalculator {
    static final MathContext MC = MathContext.DECIMAL128;
    static final BigDecimal HOURS_PER_YEAR = BigDecimal.valueOf(8760);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private TcoCalculator() {
    }

    /** The unrounded parts, for callers that divide further (cost per token). */
    public record Parts(BigDecimal capital, BigDecimal energy, BigDecimal opex, BigDecimal rental, BigDecimal kwhPerGpuHour) {
        public BigDecimal total() {
            return capital.add(energy).add(opex).add(rental);
        }

        /** As {@link #split()}, with the energy drawn per GPU-hour. */
        public GpuHourCost rounded(String currency) {
            CostParts s = split();
            return new GpuHourCost(s.capital(), s.energy(), s.opex(), s.rental(), s.total(), currency,
                    kwhPerGpuHour == null ? null : round(kwhPerGpuHour));
        }

        /**
         * The total rounded to {@link Money#SCALE} places and the parts rounded so that they sum exactly to it
         * ({@link SplitRounding}, ties in the order capital, energy, opex, rental).
         */
        public CostParts split() {
            return split(round(total()));
        }

        /**
         * The parts rounded so that they sum exactly to {@code roundedTotal}, which must be a rounding to
         * {@link Money#SCALE} places of (a figure equal to) their sum.
         */
        public CostParts split(BigDecimal roundedTotal) {
            BigDecimal[] p = SplitRounding.allocate(roundedTotal, capital, energy, opex, rental);
            return new CostParts(p[0], p[1], p[2], p[3], roundedTotal.setScale(Money.SCALE));
        }

        public Parts times(BigDecimal factor) {
            return new Parts(capital.multiply(factor, MC), energy.multiply(factor, MC), opex.multiply(factor, MC),
                    rental.multiply(factor, MC), kwhPerGpuHour);
        }
    }

    public static GpuHourCost perGpuHour(TcoAssumptions a) {
        return parts(a).rounded("USD");
    }

    public static Parts parts(TcoAssumptions a) {
        BigDecimal energy = BigDecimal.ZERO;
        BigDecimal kwh = null;
        if (a.needsPower()) {
            if (a.usdPerKwh() == null || a.wattsPerGpu() == null) {
                throw new IllegalArgumentException("power price and watts per GPU must be resolved");
            }
            kwh = a.wattsPerGpu().divide(THOUSAND, MC)
                    .multiply(percent(a.utilizationPercent(), BigDecimal.ONE), MC)
                    .multiply(orDefault(a.pue(), BigDecimal.ONE), MC);
            energy = kwh.multiply(a.usdPerKwh(), MC);
        }
        if (a.path() == AcquisitionPath.RENT) {
            return new Parts(BigDecimal.ZERO, energy, BigDecimal.ZERO, a.rentalUsdPerGpuHour(), kwh);
        }
        BigDecimal systemPerGpu = a.systemPriceUsd().divide(BigDecimal.valueOf(a.gpusPerSystem()), MC);
        BigDecimal megawattsPerGpu = a.wattsPerGpu().divide(MILLION, MC);
        BigDecimal capex = systemPerGpu.add(orDefault(a.facilityCapexUsdPerMw(), BigDecimal.ZERO).multiply(megawattsPerGpu, MC));
        BigDecimal capital = capex.multiply(capitalRecoveryFactor(percent(a.costOfCapitalPercent(), BigDecimal.ZERO),
                a.amortizationYears()), MC).divide(HOURS_PER_YEAR, MC);
        BigDecimal maintenance = systemPerGpu.multiply(percent(a.maintenancePercentPerYear(), BigDecimal.ZERO), MC);
        BigDecimal staff = orDefault(a.opexUsdPerMwYear(), BigDecimal.ZERO).multiply(megawattsPerGpu, MC);
        BigDecimal opex = maintenance.add(staff).divide(HOURS_PER_YEAR, MC);
        return new Parts(capital, energy, opex, BigDecimal.ZERO, kwh);
    }

    /** r (1+r)^n / ((1+r)^n - 1), or 1/n for r = 0. */
    public static BigDecimal capitalRecoveryFactor(BigDecimal rate, int years) {
        if (years < 1) {
            throw new IllegalArgumentException("amortization years must be at least 1");
        }
        if (rate.signum() == 0) {
            return BigDecimal.ONE.divide(BigDecimal.valueOf(years), MC);
        }
        BigDecimal growth = BigDecimal.ONE.add(rate).pow(years, MC);
        return rate.multiply(growth, MC).divide(growth.subtract(BigDecimal.ONE), MC);
    }

    static BigDecimal percent(BigDecimal value, BigDecimal defaultFraction) {
        return value == null ? defaultFraction : value.divide(HUNDRED, MC);
    }

    static BigDecimal orDefault(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    static BigDecimal round(BigDecimal value) {
        return value.setScale(Money.SCALE, Money.ROUNDING);
    }
}

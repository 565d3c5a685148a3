package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.AcquisitionPath;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.TcoAssumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TcoCalculatorTest {

    /** 8-GPU system at 240,000 USD, 10 M USD facility capex per MW, 700 W, 80 % draw, PUE 1.2, 9.1 c/kWh. */
    static TcoAssumptions own(String costOfCapitalPercent) {
        return new TcoAssumptions(AcquisitionPath.OWN, null, null, new BigDecimal("240000"), 8, 4,
                new BigDecimal(costOfCapitalPercent), new BigDecimal("10000000"), new BigDecimal("5"),
                new BigDecimal("1000000"), new BigDecimal("700"), new BigDecimal("80"), new BigDecimal("1.2"),
                new BigDecimal("0.091"), null);
    }

    @Test
    void ownHardwareSplitsIntoCapitalEnergyAndOpex() {
        GpuHourCost cost = TcoCalculator.perGpuHour(own("0"));
        // capex per GPU = 240000 / 8 + 10e6 x 700 / 1e6 = 30000 + 7000 = 37000; r = 0: 37000 / 4 / 8760 = 1.0559360...
        assertThat(cost.capital()).isEqualTo(new BigDecimal("1.055936"));
        // 0.7 kW x 0.8 x 1.2 = 0.672 kWh per GPU-hour; x 0.091 = 0.061152
        assertThat(cost.kwhPerGpuHour()).isEqualTo(new BigDecimal("0.672000"));
        assertThat(cost.energy()).isEqualTo(new BigDecimal("0.061152"));
        // (30000 x 5 % + 1e6 x 0.0007 MW) / 8760 = (1500 + 700) / 8760 = 0.2511415...
        assertThat(cost.opex()).isEqualTo(new BigDecimal("0.251142"));
        assertThat(cost.rental()).isEqualTo(new BigDecimal("0.000000"));
        // 1.0559361 + 0.061152 + 0.2511416 = 1.3682297 (rounded once from the unrounded parts)
        assertThat(cost.total()).isEqualTo(new BigDecimal("1.368230"));
    }

    @Test
    void costOfCapitalUsesTheAnnuityFactor() {
        // CRF(10 %, 4) = 0.1 x 1.4641 / 0.4641 = 0.3154708...; 37000 x 0.3154708 / 8760 = 1.3324680...
        assertThat(TcoCalculator.capitalRecoveryFactor(new BigDecimal("0.10"), 4).setScale(7, java.math.RoundingMode.HALF_EVEN))
                .isEqualTo(new BigDecimal("0.3154708"));
        assertThat(TcoCalculator.perGpuHour(own("10")).capital()).isEqualTo(new BigDecimal("1.332468"));
    }

    @Test
    void rentalIsOneLineAndPowerOnlyWhenBilledSeparately() {
        GpuHourCost included = TcoCalculator.perGpuHour(new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2.00"),
                null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(included.rental()).isEqualTo(new BigDecimal("2.000000"));
        assertThat(included.energy()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(included.total()).isEqualTo(new BigDecimal("2.000000"));
        assertThat(included.kwhPerGpuHour()).isNull();

        // bare-metal rental, power billed at 4 c/kWh: 0.7 kW x 1.0 x 1.3 x 0.04 = 0.0364
        GpuHourCost separate = TcoCalculator.perGpuHour(new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2.00"),
                false, null, null, null, null, null, null, null, new BigDecimal("700"), null, new BigDecimal("1.3"),
                new BigDecimal("0.04"), null));
        assertThat(separate.energy()).isEqualTo(new BigDecimal("0.036400"));
        assertThat(separate.total()).isEqualTo(new BigDecimal("2.036400"));
    }

    @Test
    void crossFieldRulesNameEachMissingField() {
        TcoAssumptions incomplete = new TcoAssumptions(AcquisitionPath.OWN, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThat(incomplete.crossFieldProblems()).extracting(p -> p.field())
                .containsExactlyInAnyOrder("systemPriceUsd", "gpusPerSystem", "amortizationYears", "wattsPerGpu", "usdPerKwh");
    }
}

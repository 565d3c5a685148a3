package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.AcquisitionPath;
import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.domain.WorkloadMix;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteCalculatorTest {
    private static final WorkloadMix MIX_8K_1K = new WorkloadMix(new BigDecimal("8000"), new BigDecimal("1000"));

    @Test
    void perPhaseAttributionPricesInputOutputBlendedUsefulAndEnergy() {
        TcoAssumptions tco = TcoCalculatorTest.own("0"); // 1.3682297 USD per GPU-hour (see TcoCalculatorTest)
        // 4 GPUs; over the window: 2 s prefill busy for 40,000 input tokens (20,000 tok/s), 10 s decode for 10,000
        SimulationFigures figures = new SimulationFigures("sim-1", "H100", 4, 999, null, null, null, 2.0, 10.0,
                40_000.0, 10_000.0, null, 0.8, "test");
        PriceBookTerms terms = new PriceBookTerms("USD", null, null, MIX_8K_1K, null, null);

        QuoteResult q = QuoteCalculator.quote(figures, TcoCalculator.parts(tco), tco, "price-book", terms);

        assertThat(q.attribution()).isEqualTo("per-phase");
        // replica 1.3682297 x 4 / 3600 = 0.00152025 USD/s; / 1000 tok/s x 1e6 = 1.520255 (window rate, not the 999)
        assertThat(q.perMillionOutputTokens()).isEqualTo(new BigDecimal("1.520255"));
        assertThat(q.perMillionOutputTokensSplit().capital()).isEqualTo(new BigDecimal("1.173262"));
        assertThat(q.perMillionOutputTokensSplit().energy()).isEqualTo(new BigDecimal("0.067947"));
        assertThat(q.perMillionOutputTokensSplit().opex()).isEqualTo(new BigDecimal("0.279046"));
        // / 20,000 tok/s x 1e6 = 0.076013
        assertThat(q.perMillionInputTokens()).isEqualTo(new BigDecimal("0.076013"));
        // (8000 x 0.0760128 + 1000 x 1.5202552) / 9000 = 0.236484
        assertThat(q.perMillionBlendedTokens()).isEqualTo(new BigDecimal("0.236484"));
        // 1.5202552 / 0.8 = 1.900319
        assertThat(q.perMillionUsefulOutputTokens()).isEqualTo(new BigDecimal("1.900319"));
        assertThat(q.usefulOutputBasis()).isEqualTo("simulation");
        // 700 W x 4 x 0.8 x 1.2 PUE = 2688 W; / 1000 tok/s = 2.688 J per output token; / 20,000 = 0.1344 J per input
        assertThat(q.joulesPerOutputToken()).isEqualTo(new BigDecimal("2.688000"));
        assertThat(q.joulesPerInputToken()).isEqualTo(new BigDecimal("0.134400"));
        assertThat(q.missing()).containsExactly("confidence range (outputTokensPerSecondLow/High)");
        CostParts out = q.perMillionOutputTokensSplit();
        assertThat(out.capital().add(out.energy()).add(out.opex()).add(out.rental())).as("parts sum to the total")
                .isEqualTo(out.total()).isEqualTo(q.perMillionOutputTokens());
        // input split: each GPU-hour part x 4 / 3600 / 20,000 x 1e6 = part / 18: capital 9250 / 8760 / 18 =
        // 0.0586631..., energy 0.061152 / 18 = 0.0033973..., opex 2200 / 8760 / 18 = 0.0139523..., no rental;
        // total = the input cost 0.076013. Rounded on its own each part would give 0.076012 in all, 1e-6 short; by
        // largest remainder (SplitRounding) the missing unit goes to energy (remainder 0.33 > opex 0.31 > capital 0.12)
        assertThat(q.perMillionInputTokensSplit().capital()).isEqualTo(new BigDecimal("0.058663"));
        assertThat(q.perMillionInputTokensSplit().energy()).isEqualTo(new BigDecimal("0.003398"));
        assertThat(q.perMillionInputTokensSplit().opex()).isEqualTo(new BigDecimal("0.013952"));
        assertThat(q.perMillionInputTokensSplit().rental()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(q.perMillionInputTokensSplit().total()).isEqualTo(q.perMillionInputTokens());
        CostParts in = q.perMillionInputTokensSplit();
        assertThat(in.capital().add(in.energy()).add(in.opex()).add(in.rental())).as("parts sum to the total")
                .isEqualTo(new BigDecimal("0.076013"));
    }

    @Test
    void inputSplitTakesEachPartOfTheReplicaTimeAtThePrefillRate() {
        // bare-metal rental 2.00 USD/h with power billed on top: 0.7 kW x 1.0 x PUE 1.3 x 0.04 USD/kWh = 0.0364 USD/h
        TcoAssumptions rent = new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2"), false, null, null, null,
                null, null, null, null, new BigDecimal("700"), null, new BigDecimal("1.3"), new BigDecimal("0.04"), null);
        // 1 GPU; prefill 36,000 tokens in 36 s busy = 1,000 tok/s; decode 2,000 tokens in 40 s = 50 tok/s
        SimulationFigures figures = new SimulationFigures("sim-4", "H100", 1, 50, null, null, null, 36.0, 40.0,
                36_000.0, 2_000.0, null, null, "test");
        QuoteResult q = QuoteCalculator.quote(figures, TcoCalculator.parts(rent), rent, "price-book",
                new PriceBookTerms("USD", null, null, MIX_8K_1K, null, null));

        assertThat(q.attribution()).isEqualTo("per-phase");
        // per M input = GPU-hour part / 3600 / 1000 tok/s x 1e6 = part / 3.6:
        // rental 2 / 3.6 = 0.5555556, energy 0.0364 / 3.6 = 0.0101111, total 2.0364 / 3.6 = 0.5656667
        assertThat(q.perMillionInputTokens()).isEqualTo(new BigDecimal("0.565667"));
        assertThat(q.perMillionInputTokensSplit().rental()).isEqualTo(new BigDecimal("0.555556"));
        assertThat(q.perMillionInputTokensSplit().energy()).isEqualTo(new BigDecimal("0.010111"));
        assertThat(q.perMillionInputTokensSplit().capital()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(q.perMillionInputTokensSplit().opex()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(q.perMillionInputTokensSplit().total()).isEqualTo(new BigDecimal("0.565667"));
        CostParts in = q.perMillionInputTokensSplit();
        assertThat(in.capital().add(in.energy()).add(in.opex()).add(in.rental())).as("parts sum to the total")
                .isEqualTo(in.total());
        // the output side at 50 tok/s: part / 0.18 -> rental 11.111111, energy 0.202222, total 11.313333
        assertThat(q.perMillionOutputTokensSplit().rental()).isEqualTo(new BigDecimal("11.111111"));
        assertThat(q.perMillionOutputTokensSplit().energy()).isEqualTo(new BigDecimal("0.202222"));
        assertThat(q.perMillionOutputTokens()).isEqualTo(new BigDecimal("11.313333"));
    }

    @Test
    void todaysEventIsPricedDecodeOnlyWithTheGapsNamed() {
        TcoAssumptions rent = new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2"), null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        SimulationFigures figures = new SimulationFigures("sim-2", "H100", 2, 123.4, null, null, null, null, null,
                null, null, null, null, "skeleton");
        PriceBookTerms eur = new PriceBookTerms("EUR", Map.of("EUR", new BigDecimal("0.9")), null, MIX_8K_1K,
                new BigDecimal("50"), null);

        QuoteResult q = QuoteCalculator.quote(figures, TcoCalculator.parts(rent), rent, "price-book", eur);

        assertThat(q.attribution()).isEqualTo("decode-only");
        // 2 USD/h x 2 / (123.4 x 3600) x 1e6 = 9.0041419 USD; x 0.9 EUR/USD = 8.103728 EUR
        assertThat(q.currency()).isEqualTo("EUR");
        assertThat(q.perMillionOutputTokens()).isEqualTo(new BigDecimal("8.103728"));
        assertThat(q.perMillionOutputTokensSplit().rental()).isEqualTo(new BigDecimal("8.103728"));
        assertThat(q.gpuHour().total()).isEqualTo(new BigDecimal("1.800000"));
        assertThat(q.perMillionInputTokens()).isNull();
        assertThat(q.perMillionInputTokensSplit()).isNull();
        assertThat(q.perMillionBlendedTokens()).isNull();
        // useful fraction from the price book: 50 %: 8.1037277 (unrounded) / 0.5 = 16.2074554
        assertThat(q.usefulOutputBasis()).isEqualTo("price-book");
        assertThat(q.perMillionUsefulOutputTokens()).isEqualTo(new BigDecimal("16.207455"));
        assertThat(q.joulesPerOutputToken()).isNull();
        assertThat(q.missing()).hasSize(4);
    }

    @Test
    void carriesTheConfidenceRangeThrough() {
        TcoAssumptions rent = new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2"), null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        SimulationFigures figures = new SimulationFigures("sim-3", "H100", 2, 120, 100.0, 150.0, null, null, null,
                null, null, null, null, "m");
        QuoteResult q = QuoteCalculator.quote(figures, TcoCalculator.parts(rent), rent, "x",
                new PriceBookTerms("USD", null, List.of(), null, null, null));
        // 4 USD/h / (150 x 3600) x 1e6 = 7.407407 at the fast end, / (100 x 3600) x 1e6 = 11.111111 at the slow end
        assertThat(q.perMillionOutputTokensLow()).isEqualTo(new BigDecimal("7.407407"));
        assertThat(q.perMillionOutputTokensHigh()).isEqualTo(new BigDecimal("11.111111"));
        assertThat(q.perMillionOutputTokens()).isEqualTo(new BigDecimal("9.259259"));
    }
}

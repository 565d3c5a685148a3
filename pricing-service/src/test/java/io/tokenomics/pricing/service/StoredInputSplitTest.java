package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.AcceleratorTerms;
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

/** The input split of a quote stored without one, derived on read exactly as QuoteCalculator computes it today. */
class StoredInputSplitTest {
    private static final WorkloadMix MIX_8K_1K = new WorkloadMix(new BigDecimal("8000"), new BigDecimal("1000"));
    /** QuoteCalculatorTest's per-phase figures: 4 GPUs, 20,000 prefill tok/s, 1,000 decode tok/s. */
    private static final SimulationFigures FIGURES = new SimulationFigures("sim-1", "H100", 4, 999, null, null, null,
            2.0, 10.0, 40_000.0, 10_000.0, null, 0.8, "test");
    private static final TcoAssumptions OWN = TcoCalculatorTest.own("0");
    private static final PriceBookTerms BOOK = new PriceBookTerms("USD", null,
            List.of(new AcceleratorTerms("H100", OWN, "test")), MIX_8K_1K, null, null);

    /** The quote as it was stored before the input split existed: today's result without it. */
    private static QuoteResult storedWithoutSplit(QuoteResult today) {
        assertThat(today.perMillionInputTokensSplit()).isNotNull();
        return today.withInputSplit(null);
    }

    @Test
    void aPriceBookQuoteGetsTheSplitOfItsPinnedRevisionsTerms() {
        QuoteResult today = QuoteCalculator.quote(FIGURES, TcoCalculator.parts(OWN), OWN, "price-book", BOOK);
        QuoteResult old = storedWithoutSplit(today);

        QuoteResult filled = StoredInputSplit.fill(old, FIGURES, BOOK);

        // QuoteCalculatorTest's split: capital 0.058663, energy 0.003398 (largest remainder), opex 0.013952
        assertThat(filled.perMillionInputTokensSplit()).isEqualTo(today.perMillionInputTokensSplit())
                .isEqualTo(new CostParts(new BigDecimal("0.058663"), new BigDecimal("0.003398"),
                        new BigDecimal("0.013952"), new BigDecimal("0.000000"), new BigDecimal("0.076013")));
        assertThat(filled.withInputSplit(null)).as("nothing else changes").isEqualTo(old);
        assertThat(StoredInputSplit.needsTerms(old)).isTrue();
    }

    @Test
    void withoutTheRevisionOrWhenItNoLongerReproducesTheStoredTotalsTheSplitStaysAbsent() {
        QuoteResult old = storedWithoutSplit(QuoteCalculator.quote(FIGURES, TcoCalculator.parts(OWN), OWN, "price-book", BOOK));

        assertThat(StoredInputSplit.fill(old, FIGURES, null).perMillionInputTokensSplit()).isNull();
        // the revision has no entry for the accelerator
        PriceBookTerms noH100 = new PriceBookTerms("USD", null, List.of(), MIX_8K_1K, null, null);
        assertThat(StoredInputSplit.fill(old, FIGURES, noH100).perMillionInputTokensSplit()).isNull();
        // other terms (5 % cost of capital) price other totals: not the stored quote's split, so none is guessed
        TcoAssumptions other = TcoCalculatorTest.own("5");
        PriceBookTerms otherBook = new PriceBookTerms("USD", null, List.of(new AcceleratorTerms("H100", other, "test")),
                MIX_8K_1K, null, null);
        assertThat(StoredInputSplit.fill(old, FIGURES, otherBook).perMillionInputTokensSplit()).isNull();
        // the same terms in another currency: the totals differ too
        PriceBookTerms euros = new PriceBookTerms("EUR", Map.of("EUR", new BigDecimal("0.92")),
                List.of(new AcceleratorTerms("H100", OWN, "test")), MIX_8K_1K, null, null);
        assertThat(StoredInputSplit.fill(old, FIGURES, euros).perMillionInputTokensSplit()).isNull();
    }

    @Test
    void aQuoteAtABareRentalRateIsAllRentalWhateverTheRate() {
        // QuoteService prices an accelerator missing from the book at its gpu_hour_rate, rented with power included
        TcoAssumptions rent = new TcoAssumptions(AcquisitionPath.RENT, new BigDecimal("2.37"), true, null, null, null,
                null, null, null, null, null, null, null, null, null);
        PriceBookTerms bare = new PriceBookTerms("USD", null, null, MIX_8K_1K, null, null);
        QuoteResult today = QuoteCalculator.quote(FIGURES, TcoCalculator.parts(rent), null, "rate-sourced", bare);
        QuoteResult old = storedWithoutSplit(today);
        assertThat(StoredInputSplit.needsTerms(old)).isFalse();

        QuoteResult filled = StoredInputSplit.fill(old, FIGURES, null);

        // 2.37 x 4 / 3600 / 20,000 x 1e6 = 0.1316667
        assertThat(filled.perMillionInputTokensSplit()).isEqualTo(today.perMillionInputTokensSplit())
                .isEqualTo(new CostParts(new BigDecimal("0.000000"), new BigDecimal("0.000000"),
                        new BigDecimal("0.000000"), new BigDecimal("0.131667"), new BigDecimal("0.131667")));
    }

    @Test
    void aDecodeOnlyQuoteOrOneThatHasItsSplitIsLeftAsStored() {
        SimulationFigures decodeOnly = new SimulationFigures("sim-2", "H100", 4, 1000, null, null, null, null, null,
                null, null, null, null, "test");
        QuoteResult decode = QuoteCalculator.quote(decodeOnly, TcoCalculator.parts(OWN), OWN, "price-book", BOOK);
        assertThat(decode.perMillionInputTokens()).isNull();
        assertThat(StoredInputSplit.fill(decode, decodeOnly, BOOK)).isSameAs(decode);
        assertThat(StoredInputSplit.needsTerms(decode)).isFalse();

        QuoteResult today = QuoteCalculator.quote(FIGURES, TcoCalculator.parts(OWN), OWN, "price-book", BOOK);
        assertThat(StoredInputSplit.fill(today, FIGURES, null)).isSameAs(today);
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.AcceleratorTerms;
import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;

import java.math.BigDecimal;

/**
 * The input split of a quote stored before {@link QuoteCalculator} computed it, derived on read exactly as the
 * calculator does today; the stored row is never rewritten. What a stored quote keeps is enough for that:
 * <ul>
 *   <li>its simulation figures ({@code figures_json}) give the decode and prefill rates and the accelerator count;</li>
 *   <li>its GPU-hour came either from the price-book revision it is pinned to (immutable, DB trigger; power regions
 *       resolved when the revision was written), whose TCO gives the same unrounded parts again, or
 *       ({@code rateBasis} {@code rate-...}) from a bare rental rate with power included: then capital, energy and
 *       opex are exactly zero and rental is the whole cost, so the split is {@code (0, 0, 0, total)} whatever the rate
 *       was (largest remainder keeps exact parts and gives the one non-zero part the total).</li>
 * </ul>
 * The re-priced quote must reproduce the stored input and output totals, currency and attribution; otherwise (a
 * formula changed since, an accelerator missing from the revision) the split is left null rather than guessed.
 */
public final class StoredInputSplit {
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(Money.SCALE);

    private StoredInputSplit() {
    }

    /** Whether the stored result prices input tokens but has no input split. */
    public static boolean lacksSplit(QuoteResult stored) {
        return stored.perMillionInputTokens() != null && stored.perMillionInputTokensSplit() == null;
    }

    /** Whether filling the split needs the terms of the quote's price-book revision. */
    public static boolean needsTerms(QuoteResult stored) {
        return lacksSplit(stored) && "price-book".equals(stored.rateBasis());
    }

    /**
     * @param terms the terms of the price-book revision the quote is pinned to (null when not read: only a quote
     *              priced at a bare rate can then be filled)
     * @return the stored result, with its input split filled where it lacked one and it can be derived exactly
     */
    public static QuoteResult fill(QuoteResult stored, SimulationFigures figures, PriceBookTerms terms) {
        if (!lacksSplit(stored)) {
            return stored;
        }
        BigDecimal in = stored.perMillionInputTokens();
        if (stored.rateBasis() != null && stored.rateBasis().startsWith("rate-")) {
            BigDecimal total = in.setScale(Money.SCALE, Money.ROUNDING);
            return stored.withInputSplit(new CostParts(ZERO, ZERO, ZERO, total, total));
        }
        if (!"price-book".equals(stored.rateBasis()) || terms == null || figures == null) {
            return stored;
        }
        AcceleratorTerms entry = terms.accelerator(figures.acceleratorId());
        if (entry == null) {
            return stored;
        }
        QuoteResult again;
        try {
            again = QuoteCalculator.quote(figures, TcoCalculator.parts(entry.tco()), entry.tco(), "price-book", terms);
        } catch (IllegalArgumentException e) {
            return stored;
        }
        boolean same = again.perMillionInputTokensSplit() != null
                && again.perMillionInputTokens() != null && again.perMillionInputTokens().compareTo(in) == 0
                && stored.perMillionOutputTokens() != null
                && again.perMillionOutputTokens().compareTo(stored.perMillionOutputTokens()) == 0
                && again.currency().equals(stored.currency())
                && again.attribution().equals(stored.attribution());
        return same ? stored.withInputSplit(again.perMillionInputTokensSplit()) : stored;
    }
}

package io.tokenomics.contract.events;

import java.math.BigDecimal;

/**
 * pricing-service stored a quote: a simulation's figures priced with one immutable price-book revision. Money is in
 * {@code currency}, rounded to 6 places; figures the simulation could not support are null.
 *
 * @param origin                   {@code event} (from {@code simulation.completed}) or {@code recompute}
 * @param attribution              {@code per-phase} or {@code decode-only} (see pricing-service's README)
 */
public record QuoteCreated(
        String quoteId,
        String simulationId,
        String origin,
        String priceBookId,
        int priceBookRevision,
        String currency,
        BigDecimal perMillionOutputTokens,
        BigDecimal perMillionInputTokens,
        BigDecimal perMillionBlendedTokens,
        String attribution) {
}

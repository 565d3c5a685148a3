package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A quote: the simulation figures, the price-book revision it is pinned to, and the result. */
public record QuoteView(UUID id, String simulationId, String origin, UUID priceBookId, int priceBookRevision,
                        SimulationFigures figures, QuoteResult result, OffsetDateTime computedAt) {
}

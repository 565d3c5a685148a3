package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.PriceBookTerms;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A price book with the terms of its current revision. {@code visibility} is {@code public} or {@code tenant}. */
public record PriceBookView(UUID id, String name, String visibility, boolean isDefault, int currentRevision,
                            boolean archived, PriceBookTerms terms, OffsetDateTime updatedAt) {
}

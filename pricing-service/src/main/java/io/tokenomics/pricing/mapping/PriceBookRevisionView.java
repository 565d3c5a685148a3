package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.PriceBookTerms;

import java.time.OffsetDateTime;
import java.util.UUID;

public record PriceBookRevisionView(UUID priceBookId, int revision, PriceBookTerms terms, String createdBy,
                                    OffsetDateTime createdAt) {
}

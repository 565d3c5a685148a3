package io.tokenomics.pricing.mapping;

import java.util.UUID;

/** Recomputes a quote's simulation with another price book (default: the tenant's current default book). */
public record RecomputeRequest(UUID priceBookId) {
}

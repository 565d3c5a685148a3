package io.tokenomics.contract.events;

/**
 * A catalog entry was created, revised or deleted. Consumers drop cached copies of {@code entityId}.
 *
 * @param entityKind {@code accelerator}, {@code system}, {@code model} or {@code quantization}
 * @param change     {@code created}, {@code revised} or {@code deleted}
 */
public record CatalogChanged(String entityKind, String entityId, long revision, String change) {
}

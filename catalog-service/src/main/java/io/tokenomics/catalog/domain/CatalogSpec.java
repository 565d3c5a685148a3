package io.tokenomics.catalog.domain;

/** The user-supplied content of one catalog entity; stored as JSON in each revision. */
public interface CatalogSpec {
    String name();

    /** Where the figures come from, in one line (public entries must have one). */
    String sourceSummary();
}

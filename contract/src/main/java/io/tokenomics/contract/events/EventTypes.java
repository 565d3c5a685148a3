package io.tokenomics.contract.events;

/**
 * CloudEvents {@code type} values. The trailing {@code .v1} is the payload schema version: a breaking change to a
 * payload gets a new type ({@code .v2}) that producers emit beside the old one until every consumer has moved.
 */
public final class EventTypes {
    public static final String SIMULATION_REQUESTED = "io.tokenomics.simulation.requested.v1";
    public static final String SIMULATION_COMPLETED = "io.tokenomics.simulation.completed.v1";
    public static final String SIMULATION_FAILED = "io.tokenomics.simulation.failed.v1";
    public static final String CATALOG_CHANGED = "io.tokenomics.catalog.changed.v1";
    public static final String UNIT_DEAD_LETTERED = "io.tokenomics.simulation.unit.dead-lettered.v1";
    /** pricing-service stored a new quote ({@link QuoteCreated}); the subject is the quote id. */
    public static final String QUOTE_CREATED = "io.tokenomics.pricing.quote.created.v1";

    private EventTypes() {
    }
}

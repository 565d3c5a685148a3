package io.tokenomics.contract.events;

/** Kafka topics of the platform. Keys are the event subject (e.g. the simulation id) so one subject stays ordered. */
public final class Topics {
    /** Work units for simulator workers: {@link EventTypes#SIMULATION_REQUESTED}. */
    public static final String SIMULATION_REQUESTS = "simulation.requests";
    /** Finished (or failed) simulations: {@link EventTypes#SIMULATION_COMPLETED}, {@link EventTypes#SIMULATION_FAILED}. */
    public static final String SIMULATION_RESULTS = "simulation.results";
    /** Catalog entries created, revised or deleted: {@link EventTypes#CATALOG_CHANGED}. */
    public static final String CATALOG_CHANGES = "catalog.changes";
    /** Work units that failed their bounded retries (poison units), kept for inspection: {@link EventTypes#UNIT_DEAD_LETTERED}. */
    public static final String SIMULATION_REQUESTS_DLQ = "simulation.requests.dlq";
    /** Quotes stored by pricing-service: {@link EventTypes#QUOTE_CREATED}, key = quote id. */
    public static final String PRICING_QUOTES = "pricing.quotes";

    private Topics() {
    }
}

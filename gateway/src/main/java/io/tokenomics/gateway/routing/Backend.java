package io.tokenomics.gateway.routing;

/** The services behind the gateway and the API path prefixes each one owns. */
public enum Backend {
    CATALOG("catalog-service", "/api/catalog"),
    SIMULATOR("simulator-service", "/api/simulations"),
    SWEEPS("simulator-service", "/api/sweeps"),
    TRACES("simulator-service", "/api/traces"),
    PRICING("pricing-service", "/api/pricing");

    private final String service;
    private final String pathPrefix;

    Backend(String service, String pathPrefix) {
        this.service = service;
        this.pathPrefix = pathPrefix;
    }

    public String service() {
        return service;
    }

    public String pathPrefix() {
        return pathPrefix;
    }
}

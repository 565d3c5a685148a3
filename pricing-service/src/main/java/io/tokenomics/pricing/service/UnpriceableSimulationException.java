package io.tokenomics.pricing.service;

/** A finished simulation whose figures can never be priced; retrying would fail the same way. */
public class UnpriceableSimulationException extends RuntimeException {
    public UnpriceableSimulationException(String message) {
        super(message);
    }
}

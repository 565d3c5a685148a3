package io.tokenomics.contract.events;

/** A simulation could not produce a result; {@code error} says why in words a user can act on. */
public record SimulationFailed(String simulationId, String error) {
}

package io.tokenomics.contract.events;

/**
 * A simulation job was accepted and stored; a worker should run it. The job's scenario stays in the simulator's
 * database: the event carries only what identifies the work, so a redelivered event re-reads the stored job.
 */
public record SimulationRequested(String simulationId, int attempt) {
}

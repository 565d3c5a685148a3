package io.tokenomics.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A simulation job was accepted and stored; a worker should run it. The job's scenario stays in the simulator's
 * database: the event carries only what identifies the work, so a redelivered event re-reads the stored job.
 *
 * @param shard  for a job split into shards: which one this unit computes (0-based); null for a whole job
 * @param shards for a job split into shards: how many there are; null for a whole job
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationRequested(String simulationId, int attempt, Integer shard, Integer shards) {
    /** A unit that computes the whole job. */
    public SimulationRequested(String simulationId, int attempt) {
        this(simulationId, attempt, null, null);
    }
}

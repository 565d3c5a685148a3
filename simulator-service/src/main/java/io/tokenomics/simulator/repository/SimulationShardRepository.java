package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.SimulationShard;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Shards of sharded jobs; always read through their job (which carries the tenant). */
@ApplicationScoped
public class SimulationShardRepository implements PanacheRepositoryBase<SimulationShard, String> {
    public Uni<List<SimulationShard>> ofJob(String simulationId) {
        return list("simulationId", Sort.by("shard"), simulationId);
    }

    public Uni<Long> countCompleted(String simulationId) {
        return count("simulationId = ?1 and status = 'COMPLETED'", simulationId);
    }
}

package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.SimulationJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Every read is scoped by tenant: a job of another tenant is indistinguishable from a missing one. */
@ApplicationScoped
public class SimulationJobRepository implements PanacheRepositoryBase<SimulationJob, String> {

    public Uni<SimulationJob> findForTenant(String id, String tenant) {
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    public Uni<SimulationJob> findByIdempotencyKey(String tenant, String key) {
        return find("tenant = :tenant and idempotencyKey = :key", Parameters.with("tenant", tenant).and("key", key))
                .firstResult();
    }

    public Uni<List<SimulationJob>> latestForTenant(String tenant, int limit) {
        return find("tenant", Sort.descending("createdAt").and("id"), tenant).range(0, limit - 1).list();
    }
}

package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.Sweep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

/** Sweeps, scoped by tenant like jobs. */
@ApplicationScoped
public class SweepRepository implements PanacheRepositoryBase<Sweep, String> {

    public Uni<Sweep> findForTenant(String id, String tenant) {
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    public Uni<Sweep> findByIdempotencyKey(String tenant, String key) {
        return find("tenant = :tenant and idempotencyKey = :key", Parameters.with("tenant", tenant).and("key", key))
                .firstResult();
    }

    /** Locks the sweep row so concurrent point completions aggregate one after the other. */
    public Uni<Sweep> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The tenant's sweep, row-locked like {@link #lock}. */
    public Uni<Sweep> lockForTenant(String id, String tenant) {
        return lock(id).map(sweep -> sweep != null && sweep.tenant.equals(tenant) ? sweep : null);
    }

    public Uni<Long> countActive(String tenant) {
        return count("tenant = ?1 and status in ?2", tenant, SimulationJobRepository.ACTIVE);
    }

    public Uni<List<Sweep>> page(String tenant, SimulationJobRepository.After after, int limit) {
        if (after == null) {
            return find("tenant", Sort.descending("createdAt", "id"), tenant).range(0, limit - 1).list();
        }
        return find("tenant = :tenant and (createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))",
                Sort.descending("createdAt", "id"),
                Parameters.with("tenant", tenant).and("afterTime", after.createdAt()).and("afterId", after.id()))
                .range(0, limit - 1).list();
    }
}

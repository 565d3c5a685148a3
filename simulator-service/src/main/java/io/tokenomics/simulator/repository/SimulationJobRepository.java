package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Every read is scoped by tenant: a job of another tenant is indistinguishable from a missing one. */
@ApplicationScoped
public class SimulationJobRepository implements PanacheRepositoryBase<SimulationJob, String> {
    static final List<SimulationStatus> ACTIVE = List.of(SimulationStatus.QUEUED, SimulationStatus.RUNNING);

    public Uni<SimulationJob> findForTenant(String id, String tenant) {
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    /** The tenant's job, row-locked for this transaction (a concurrent worker's write waits or loses its version). */
    public Uni<SimulationJob> lockForTenant(String id, String tenant) {
        return findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .map(job -> job != null && job.tenant.equals(tenant) ? job : null);
    }

    public Uni<SimulationJob> findByIdempotencyKey(String tenant, String key) {
        return find("tenant = :tenant and idempotencyKey = :key and sweepId is null",
                Parameters.with("tenant", tenant).and("key", key)).firstResult();
    }

    /** Filters of the list; null means any. */
    public record ListFilter(SimulationStatus status, String modelId, String acceleratorId) {
    }

    /** Position after which a page starts: the last item of the previous page (newest first). */
    public record After(OffsetDateTime createdAt, String id) {
    }

    /** Up to {@code limit} of the tenant's own jobs (sweep points excluded), newest first. */
    public Uni<List<SimulationJob>> page(String tenant, ListFilter filter, After after, int limit) {
        StringBuilder q = new StringBuilder("tenant = :tenant and sweepId is null");
        Parameters p = Parameters.with("tenant", tenant);
        if (filter.status() != null) {
            q.append(" and status = :status");
            p.and("status", filter.status());
        }
        if (filter.modelId() != null) {
            q.append(" and modelId = :modelId");
            p.and("modelId", filter.modelId());
        }
        if (filter.acceleratorId() != null) {
            q.append(" and acceleratorId = :acceleratorId");
            p.and("acceleratorId", filter.acceleratorId());
        }
        if (after != null) {
            q.append(" and (createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
            p.and("afterTime", after.createdAt()).and("afterId", after.id());
        }
        return find(q.toString(), Sort.descending("createdAt", "id"), p).range(0, limit - 1).list();
    }

    /** The tenant's simulations (not sweep points) still queued or running. */
    public Uni<Long> countActive(String tenant) {
        return count("tenant = ?1 and sweepId is null and status in ?2", tenant, ACTIVE);
    }

    public Uni<Long> countActiveInSweep(String sweepId) {
        return count("sweepId = ?1 and status in ?2", sweepId, ACTIVE);
    }

    public Uni<List<SimulationJob>> pointsOf(String sweepId) {
        return list("sweepId", Sort.ascending("pointIndex"), sweepId);
    }

    /** Cancels the sweep's queued and running points (bumping their version, so a worker's later write loses). */
    /**
     * The sweep a job belongs to (null for a simulation of its own, or no such job), read without loading or locking
     * the job: it never changes, so a unit can lock the sweep before the job (the order every path takes).
     */
    public Uni<String> sweepIdOf(String id) {
        return getSession().chain(s -> s.createSelectionQuery("select j.sweepId from SimulationJob j where j.id = :id",
                String.class).setParameter("id", id).getSingleResultOrNull());
    }

    public Uni<Integer> cancelPoints(String sweepId, OffsetDateTime at) {
        return update("status = ?1, completedAt = ?2, error = ?3, version = version + 1 where sweepId = ?4 and status in ?5",
                SimulationStatus.CANCELLED, at, "the sweep was cancelled", sweepId, ACTIVE);
    }

    public static List<SimulationStatus> active() {
        return new ArrayList<>(ACTIVE);
    }
}

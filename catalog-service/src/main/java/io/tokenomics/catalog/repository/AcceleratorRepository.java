package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.domain.Accelerator;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads accelerators visible to one tenant: the public entries plus the tenant's own. */
@ApplicationScoped
public class AcceleratorRepository implements PanacheRepositoryBase<Accelerator, String> {

    public Uni<List<Accelerator>> listVisibleTo(String tenant, int limit) {
        return find("tenant is null or tenant = :tenant", Sort.by("vendor").and("id"), Parameters.with("tenant", tenant))
                .range(0, limit - 1)
                .list();
    }

    public Uni<Accelerator> findVisibleTo(String id, String tenant) {
        return find("id = :id and (tenant is null or tenant = :tenant)",
                Parameters.with("id", id).and("tenant", tenant))
                .firstResult();
    }
}

package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.RequestTrace;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Every read is scoped by tenant: another tenant's trace is indistinguishable from a missing one. */
@ApplicationScoped
public class RequestTraceRepository implements PanacheRepositoryBase<RequestTrace, String> {
    public Uni<RequestTrace> findForTenant(String id, String tenant) {
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    public Uni<List<RequestTrace>> listForTenant(String tenant, int limit) {
        return find("tenant", Sort.descending("createdAt", "id"), tenant).page(0, limit).list();
    }
}

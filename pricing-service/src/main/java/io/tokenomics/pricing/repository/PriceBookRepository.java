package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.PriceBook;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PriceBookRepository implements PanacheRepositoryBase<PriceBook, UUID> {

    /** The tenant's own books and the public ones; another tenant's book reads as absent. */
    public Uni<PriceBook> findVisible(UUID id, String tenant) {
        return find("id = :id and (tenant = :tenant or tenant is null)",
                Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    public Uni<List<PriceBook>> listVisible(String tenant) {
        return list("(tenant = :tenant or tenant is null) and archived = false", Sort.by("name").and("id"),
                Parameters.with("tenant", tenant));
    }
}

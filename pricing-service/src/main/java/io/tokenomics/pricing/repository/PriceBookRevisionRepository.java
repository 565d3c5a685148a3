package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.PriceBookRevision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PriceBookRevisionRepository implements PanacheRepositoryBase<PriceBookRevision, PriceBookRevision.Key> {

    public Uni<PriceBookRevision> findRevision(UUID bookId, int revision) {
        return findById(new PriceBookRevision.Key(bookId, revision));
    }

    public Uni<List<PriceBookRevision>> listOf(UUID bookId) {
        return list("priceBookId", Sort.by("revision"), bookId);
    }
}

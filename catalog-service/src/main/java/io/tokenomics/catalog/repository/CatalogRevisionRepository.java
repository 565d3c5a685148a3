package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.domain.CatalogRevision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Immutable revisions; the table refuses updates and deletes (trigger) and is under row-level security. */
@ApplicationScoped
public class CatalogRevisionRepository implements PanacheRepositoryBase<CatalogRevision, Long> {

    public Uni<List<CatalogRevision>> history(long entryUid) {
        return find("entryUid", Sort.by("revision"), entryUid).list();
    }

    public Uni<CatalogRevision> revision(long entryUid, int revision) {
        return find("entryUid = :uid and revision = :revision",
                Parameters.with("uid", entryUid).and("revision", revision)).firstResult();
    }
}

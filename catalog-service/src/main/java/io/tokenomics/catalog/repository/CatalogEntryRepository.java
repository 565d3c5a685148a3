package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.domain.CatalogEntry;
import io.tokenomics.catalog.domain.CatalogKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

/**
 * Catalog entries visible to one tenant: public rows plus the tenant's own. Every query filters by tenant; row-level
 * security (see V2 migration and {@link TenantScope}) backs that up for a query that forgets to.
 */
@ApplicationScoped
public class CatalogEntryRepository implements PanacheRepositoryBase<CatalogEntry, Long> {

    /** Public rows and the tenant's rows of one kind (private entries, overrides; tombstones included). */
    public Uni<List<CatalogEntry>> listVisible(CatalogKind kind, String tenant) {
        return find("kind = :kind and (tenant is null or tenant = :tenant)",
                Parameters.with("kind", kind.entity()).and("tenant", tenant)).list();
    }

    /** The public row and the tenant's row (private entry or override) with this id, if any. */
    public Uni<List<CatalogEntry>> findVisible(CatalogKind kind, String id, String tenant) {
        return find("kind = :kind and id = :id and (tenant is null or tenant = :tenant)",
                Parameters.with("kind", kind.entity()).and("id", id).and("tenant", tenant)).list();
    }

    /**
     * The row of exactly this owner ({@code tenant} null = public), locked for the rest of the transaction. Row-level
     * security lets a transaction lock only rows it may update: a tenant's lock of a public row finds nothing.
     */
    public Uni<CatalogEntry> lockOwned(CatalogKind kind, String id, String tenant) {
        return owned(kind, id, tenant).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The row of exactly this owner, unlocked (to read a public row the caller may not write). */
    public Uni<CatalogEntry> findOwned(CatalogKind kind, String id, String tenant) {
        return owned(kind, id, tenant).firstResult();
    }

    private io.quarkus.hibernate.reactive.panache.PanacheQuery<CatalogEntry> owned(CatalogKind kind, String id,
                                                                                String tenant) {
        String owner = tenant == null ? "tenant is null" : "tenant = :tenant";
        Parameters params = Parameters.with("kind", kind.entity()).and("id", id);
        if (tenant != null) {
            params = params.and("tenant", tenant);
        }
        return find("kind = :kind and id = :id and " + owner, params);
    }
}

package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Binds the current transaction to a tenant for PostgreSQL row-level security ({@code app.tenant}, and
 * {@code app.platform_admin} for writes of public entries). The settings are transaction-local
 * ({@code set_config(..., true)}): they end with the transaction, so a pooled connection never carries them over.
 * Must run first inside {@code Panache.withTransaction}.
 */
@ApplicationScoped
public class TenantScope {
    public Uni<Void> bind(String tenant, boolean platformAdmin) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select set_config('app.tenant', :tenant, true), set_config('app.platform_admin', :admin, true)")
                .setParameter("tenant", tenant == null ? "" : tenant)
                .setParameter("admin", platformAdmin ? "on" : "off")
                .getSingleResult())
                .replaceWithVoid();
    }
}

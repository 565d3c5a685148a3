package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tokenomics.catalog.domain.Accelerator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenant scoping of the repository's queries, on the real database (Flyway-seeded public rows included). */
@QuarkusTest
class AcceleratorRepositoryTest {
    @Inject
    AcceleratorRepository repository;

    @BeforeEach
    void twoTenantsWithAPrivateEntryEach() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                repository.delete("tenant is not null")
                        .chain(() -> repository.persist(entry("REPO-ACME", "acme")))
                        .chain(() -> repository.persist(entry("REPO-GLOBEX", "globex")))));
    }

    @Test
    void listsPublicEntriesAndOnlyTheTenantsOwn() throws Throwable {
        List<String> ids = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.listVisibleTo("acme", 100))).stream().map(a -> a.id).toList();

        assertThat(ids).contains("H100", "H200", "B200", "REPO-ACME").doesNotContain("REPO-GLOBEX");
    }

    @Test
    void honoursTheListLimit() throws Throwable {
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.listVisibleTo("acme", 2)))).hasSize(2);
    }

    @Test
    void findsAnotherTenantsEntryAsMissing() throws Throwable {
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.findVisibleTo("REPO-GLOBEX", "acme")))).isNull();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.findVisibleTo("REPO-GLOBEX", "globex")))).isNotNull();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.findVisibleTo("H100", "globex"))).memoryBandwidthTbps).isEqualByComparingTo("3.35");
    }

    private static Accelerator entry(String id, String tenant) {
        Accelerator a = new Accelerator();
        a.id = id;
        a.tenant = tenant;
        a.vendor = "Private";
        a.name = id;
        a.status = "GA";
        a.memoryGb = new BigDecimal("64");
        a.memoryBandwidthTbps = new BigDecimal("2.0");
        a.source = "tenant-provided";
        a.revision = 1;
        return a;
    }
}

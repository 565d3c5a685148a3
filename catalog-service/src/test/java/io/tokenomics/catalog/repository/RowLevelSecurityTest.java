package io.tokenomics.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.devstack.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defence in depth: PostgreSQL row-level security hides another tenant's rows from a query that forgets its tenant
 * filter, and refuses writes into another tenant's or the public rows, for the service's own (owning) role.
 */
@QuarkusTest
class RowLevelSecurityTest {
    @Inject
    TenantScope scope;
    @Inject
    CatalogEntryRepository entries;

    String globexId;

    @BeforeEach
    void globexHasAPrivateEntry() {
        globexId = "RLS-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.user("globex", "viewer", "tenant-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", globexId, "vendor", "Globex", "name", "Globex secret chip", "status", "GA"))
                .post("/api/catalog/accelerators").then().statusCode(201);
    }

    private long countAs(String tenant, String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> scope.bind(tenant, false)
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery(sql, Long.class).getSingleResult())));
    }

    @Test
    void aQueryWithoutTenantFilterSeesOnlyPublicAndOwnRows() throws Throwable {
        String unfiltered = "select count(*) from catalog_entry where id = '" + globexId + "'";
        assertThat(countAs("globex", unfiltered)).isEqualTo(1);
        assertThat(countAs("acme", unfiltered)).isZero();
        assertThat(countAs(null, unfiltered)).isZero();
        assertThat(countAs("acme", "select count(*) from catalog_entry where tenant = 'globex'")).isZero();
        assertThat(countAs("acme", "select count(*) from catalog_revision where tenant = 'globex'")).isZero();
        assertThat(countAs("acme", "select count(*) from catalog_entry where tenant is null")).isGreaterThanOrEqualTo(24);

        // the same through Panache with a filter that forgets the tenant
        List<String> ids = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> scope.bind("acme", false)
                .chain(() -> entries.list("kind", CatalogKind.ACCELERATOR.entity())))).stream().map(e -> e.id).toList();
        assertThat(ids).contains("H100").doesNotContain(globexId);
    }

    @Test
    void writesIntoAnotherTenantsOrPublicRowsAreRefusedByTheDatabase() throws Throwable {
        String insert = "insert into catalog_entry (kind, id, tenant, revision, document, updated_by, updated_at) "
                + "values ('accelerator', 'RLS-X', '%s', 1, '{}', 'test', now()) returning 1";
        assertThatThrownBy(() -> countAs("acme", insert.formatted("globex"))).hasMessageContaining("row-level security");
        assertThatThrownBy(() -> countAs("acme", insert.replace("'%s'", "null")))
                .hasMessageContaining("row-level security");
        // updating a row the tenant cannot see changes nothing
        assertThat(countAs("acme", "with u as (update catalog_entry set revision = revision + 1 where id = '"
                + globexId + "' returning 1) select count(*) from u")).isZero();
        // and revisions are immutable even for the tenant that owns them: no policy lets an update see a row (and a
        // trigger would refuse it)
        assertThat(countAs("globex", "with u as (update catalog_revision set changed_by = 'x' where id = '"
                + globexId + "' returning 1) select count(*) from u")).isZero();
        assertThat(countAs("globex", "select count(*) from catalog_revision where id = '" + globexId
                + "' and changed_by = 'globex-test-user'")).isEqualTo(1);
    }
}

package io.tokenomics.catalog;

import io.quarkus.test.common.QuarkusTestResource;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and token verification for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(OidcTestResource.class)
public final class CatalogTestResources {
    private CatalogTestResources() {
    }
}

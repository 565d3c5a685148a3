package io.tokenomics.catalog;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.PostgresTestResource;

/** Real PostgreSQL, a real Kafka broker and token verification for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
public final class CatalogTestResources {
    private CatalogTestResources() {
    }
}

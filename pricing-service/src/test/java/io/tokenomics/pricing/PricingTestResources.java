package io.tokenomics.pricing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.OidcTestResource;
import io.tokenomics.devstack.testing.PostgresTestResource;

/**
 * Real PostgreSQL, a real Kafka broker and token verification for every test of this module, and a real HTTP server
 * answering as simulator-service ({@link UpstreamServer}).
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pricing"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(UpstreamServer.class)
public final class PricingTestResources {
    private PricingTestResources() {
    }
}

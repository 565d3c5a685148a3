package io.tokenomics.simulator.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CatalogChanged;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogCache;
import io.tokenomics.simulator.client.CatalogClient;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;

/**
 * Catalog lookups are cached per tenant and dropped when catalog.changed events (on a real Kafka topic) name the
 * entry; other entries stay cached.
 */
@QuarkusTest
class CatalogCacheTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    CatalogCache cache;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    private static int submitPinnedRevision(String tenant) {
        return given().auth().oauth2(io.tokenomics.devstack.testing.TestTokens.user(tenant, "analyst"))
                .contentType("application/json").header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(TestData.scenario("cached", "llama-3.1-8b", 1.0)).post("/api/simulations")
                .then().statusCode(202).extract().path("scenario.modelRevision");
    }

    @Test
    void entriesAreCachedPerTenantUntilACatalogChangeNamesThem() throws Exception {
        String a = "cache-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "cache-b-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(submitPinnedRevision(a)).isEqualTo(3);
        // the catalog now has revision 4; tenant a still gets its cached copy, without asking the catalog
        ObjectNode revised = TestData.json(TestData.LLAMA_8B);
        revised.put("revision", 4);
        Mockito.when(catalog.entry(eq("models"), eq("llama-3.1-8b"), anyString()))
                .thenAnswer(i -> Uni.createFrom().item(revised.deepCopy()));
        assertThat(submitPinnedRevision(a)).isEqualTo(3);
        Mockito.verify(catalog, Mockito.times(1)).entry(eq("models"), eq("llama-3.1-8b"), anyString());
        // another tenant's view is its own: read from the catalog
        assertThat(submitPinnedRevision(b)).isEqualTo(4);
        CatalogCache.Key model = new CatalogCache.Key(a, "models", "llama-3.1-8b", null);
        CatalogCache.Key accelerator = new CatalogCache.Key(a, "accelerators", "H100", null);
        assertThat(cache.contains(model)).isTrue();
        assertThat(cache.contains(accelerator)).isTrue();

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            // garbage and a change of another entry first: neither drops the model
            producer.send(new ProducerRecord<>(Topics.CATALOG_CHANGES, "x", "{ not an event")).get();
            producer.send(new ProducerRecord<>(Topics.CATALOG_CHANGES, "model:llama-3.1-70b", EventCodec.encode(
                    CloudEvent.of("/catalog", EventTypes.CATALOG_CHANGED, "llama-3.1-70b", null,
                            new CatalogChanged("model", "llama-3.1-70b", 2, "revised"))))).get();
            producer.send(new ProducerRecord<>(Topics.CATALOG_CHANGES, "model:llama-3.1-8b", EventCodec.encode(
                    CloudEvent.of("/catalog", EventTypes.CATALOG_CHANGED, "llama-3.1-8b", null,
                            new CatalogChanged("model", "llama-3.1-8b", 4, "revised"))))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !cache.contains(model));
        assertThat(cache.contains(accelerator)).as("an unrelated entry stays cached").isTrue();
        assertThat(submitPinnedRevision(a)).isEqualTo(4);
        Mockito.verify(catalog, Mockito.times(3)).entry(eq("models"), eq("llama-3.1-8b"), anyString());
        given().auth().oauth2(io.tokenomics.devstack.testing.TestTokens.user(a, "viewer"))
                .get("/api/simulations?modelId=llama-3.1-8b").then().statusCode(200).body("size()", equalTo(3));
    }
}

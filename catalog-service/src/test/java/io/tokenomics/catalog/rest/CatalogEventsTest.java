package io.tokenomics.catalog.rest;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenomics.contract.events.CatalogChanged;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each change reaches the compacted catalog.changes topic through the outbox, keyed by the entity. */
@QuarkusTest
class CatalogEventsTest {
    @Test
    void createUpdateAndDeleteAreAnnouncedInOrder() throws Exception {
        String id = "EVT-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.user("acme", "viewer", "tenant-admin");
        Map<String, Object> chip = Map.of("id", id, "vendor", "Acme", "name", "event chip", "status", "GA");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(chip).post("/api/catalog/accelerators")
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("vendor", "Acme", "name", "event chip v2", "status", "GA"))
                .put("/api/catalog/accelerators/" + id).then().statusCode(200);
        given().auth().oauth2(admin).header("If-Match", "\"2\"").delete("/api/catalog/accelerators/" + id)
                .then().statusCode(204);

        String key = "accelerator/" + id + "@acme";
        List<CloudEvent<CatalogChanged>> events = awaitEvents(key, 3);
        assertThat(events).extracting(e -> e.data().change()).containsExactly("created", "revised", "deleted");
        assertThat(events).extracting(e -> e.data().revision()).containsExactly(1L, 2L, 3L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.CATALOG_CHANGED);
            assertThat(e.tenant()).isEqualTo("acme");
            assertThat(e.data().entityKind()).isEqualTo("accelerator");
            assertThat(e.data().entityId()).isEqualTo(id);
        });

        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()))) {
            var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG_CHANGES);
            assertThat(kafka.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void theSeedImportAnnouncedThePublicEntries() {
        List<CloudEvent<CatalogChanged>> events = awaitEvents("accelerator/H100", 1);
        assertThat(events.get(0).tenant()).isNull();
        assertThat(events.get(0).data().change()).isEqualTo("created");
    }

    private static List<CloudEvent<CatalogChanged>> awaitEvents(String key, int count) {
        return KeyedRecords.await(KafkaTestResource.broker().bootstrapServers(), Topics.CATALOG_CHANGES, key, count,
                Duration.ZERO).stream().map(r -> EventCodec.decode(r.value(), CatalogChanged.class)).toList();
    }
}

package io.tokenomics.simulator.messaging;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.AcceleratorFacts;
import io.tokenomics.simulator.client.CatalogClient;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * One trace covers POST /api/simulations -> outbox -> Kafka -> worker -> result, on real PostgreSQL and Kafka: the
 * work unit carries the request's context as its CloudEvents {@code traceparent} extension and the worker's unit span
 * continues it. Spans are read from {@link InMemorySpanExporter}; only catalog-service is replaced.
 */
@QuarkusTest
class UnitTracingTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    InMemorySpanExporter exporter;
    @Inject
    OutboxRepository outbox;

    @BeforeEach
    void catalogKnowsTheH100() {
        when(catalog.accelerator(eq("H100"), anyString())).thenReturn(Uni.createFrom().item(new AcceleratorFacts(
                "H100", "NVIDIA H100 SXM 80GB", "NVIDIA", new BigDecimal("80"), new BigDecimal("3.35"), 700, 1, "test")));
    }

    @Test
    void theWorkersUnitSpanContinuesTheTraceOfThePostRequest() throws Throwable {
        String id = submit(null);

        SpanData unit = awaitUnitSpan(id);
        List<SpanData> trace = exporter.spans().stream()
                .filter(s -> s.getTraceId().equals(unit.getTraceId())).toList();
        SpanData post = trace.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST /api/simulations"))
                .findFirst().orElseThrow(() -> new AssertionError("no POST server span in the unit's trace "
                        + unit.getTraceId() + ": " + trace.stream().map(SpanData::getName).toList()));
        assertThat(unit.getParentSpanContext().isValid()).isTrue();
        assertThat(unit.getParentSpanContext().isRemote()).as("parent carried by the event").isTrue();
        assertThat(trace).as("the unit's parent is a span of the request's trace")
                .anyMatch(s -> s.getSpanId().equals(unit.getParentSpanId()));
        assertThat(unit.getStartEpochNanos()).isGreaterThanOrEqualTo(post.getStartEpochNanos());

        // the outbox row of the unit and the result announced on simulation.results carry the same trace
        String stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                outbox.find("eventKey = ?1 and topic = ?2", id, Topics.SIMULATION_REQUESTS).firstResult()))
                .payload;
        assertThat(traceIdOf(EventCodec.attribute(stored, "traceparent"))).isEqualTo(post.getTraceId());
        String result = awaitRecord(Topics.SIMULATION_RESULTS, id);
        assertThat(traceIdOf(EventCodec.attribute(result, "traceparent"))).isEqualTo(post.getTraceId());
    }

    @Test
    void anIncomingTraceparentIsKeptEndToEnd() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String id = submit("00-" + traceId + "-" + callerSpan + "-01");

        SpanData unit = awaitUnitSpan(id);
        assertThat(unit.getTraceId()).isEqualTo(traceId);
        SpanData post = exporter.spans().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER)
                .findFirst().orElseThrow();
        assertThat(post.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(traceIdOf(EventCodec.attribute(awaitRecord(Topics.SIMULATION_RESULTS, id), "traceparent")))
                .isEqualTo(traceId);
    }

    private static String submit(String traceparent) {
        var request = given().auth().oauth2(TestTokens.user("acme", "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(Map.of("name", "traced", "acceleratorId", "H100", "modelParameters", 8_030_000_000L,
                        "weightPrecision", "BF16", "acceleratorCount", 1));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return request.post("/api/simulations").then().statusCode(202).extract().path("id");
    }

    private SpanData awaitUnitSpan(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> exporter.spans().stream()
                        .filter(s -> s.getName().equals(SimulationWorker.UNIT_SPAN)
                                && id.equals(s.getAttributes().get(
                                io.opentelemetry.api.common.AttributeKey.stringKey(SimulationWorker.SUBJECT))))
                        .findFirst().orElse(null),
                span -> span != null);
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static String awaitRecord(String topic, String key) {
        return KeyedRecords.first(KafkaTestResource.broker().bootstrapServers(), topic, key).value();
    }
}

package io.tokenomics.simulator.rest;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationShard;
import io.tokenomics.simulator.engine.metrics.LatencyDistribution;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.repository.SimulationShardRepository;
import io.tokenomics.simulator.service.DiscreteEventEngine;
import io.tokenomics.simulator.service.EngineScenario;
import io.tokenomics.simulator.service.SimulationRunner;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * A scenario split by replica into shards: one work unit per shard over Kafka, each shard's result stored under its
 * (job, shard) key, the last one merging the shards' HdrHistograms exactly into the job's result; a redelivered shard
 * changes nothing.
 */
@QuarkusTest
class ShardedScenarioTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    SimulationShardRepository shards;
    @Inject
    OutboxRepository outbox;
    @Inject
    SimulationRunner runner;
    @Inject
    DiscreteEventEngine engine;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    private static Map<String, Object> sharded(int replicas, Integer shards) {
        Map<String, Object> body = TestData.scenario("sharded", "llama-3.1-8b", 4.0 * replicas);
        body.put("replicas", replicas);
        body.put("requestCount", 4003);
        if (shards != null) {
            body.put("shards", shards);
        }
        return body;
    }

    @Test
    void shardsRunAsUnitsOfTheirOwnAndMergeExactly() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        String id = ScenarioFlowTest.submit(tenant, sharded(4, 3)).then().statusCode(202)
                .body("scenario.shards", org.hamcrest.Matchers.equalTo(3)).extract().path("id");

        // one unit per shard, keyed by job and shard so they spread over partitions
        List<String> keys = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox
                .find("topic = ?1 and eventKey like ?2", Topics.SIMULATION_REQUESTS, id + "%").list()))
                .stream().map(r -> r.eventKey).sorted().toList();
        assertThat(keys).containsExactly(id + ":0", id + ":1", id + ":2");

        JsonPath job = ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
        assertThat(job.getInt("result.completedRequests")).isEqualTo(4003);
        assertThat(job.getInt("result.replicas")).isEqualTo(4);
        List<SimulationShard> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> shards.ofJob(id)));
        assertThat(rows).hasSize(3).allSatisfy(s -> {
            assertThat(s.status).isEqualTo("COMPLETED");
            assertThat(s.attempts).isEqualTo(1);
            assertThat(s.latency).contains("ttft");
        });

        // the same shards computed here, their distributions merged: exactly the job's percentiles
        SimulationJob stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.findById(id)));
        EngineScenario whole = runner.engineScenario(stored);
        assertThat(List.of(0, 1, 2).stream().mapToLong(i -> DiscreteEventEngine.shard(whole, i, 3).requestCount()).sum())
                .isEqualTo(4003);
        List<LatencyDistribution> merged = List.of(new LatencyDistribution(), new LatencyDistribution(),
                new LatencyDistribution(), new LatencyDistribution());
        long samples = 0;
        for (int i = 0; i < 3; i++) {
            DiscreteEventEngine.ShardRun run = engine.runShard(whole, i, 3);
            assertThat(run.failure()).isNull();
            for (int k = 0; k < 4; k++) {
                merged.get(k).merge(run.latency().get(k));
            }
            samples += run.report().completed();
        }
        assertThat(merged.get(0).count()).isEqualTo(samples).isEqualTo(4003);
        List<String> names = DiscreteEventEngine.ShardRun.LATENCIES;
        for (int k = 0; k < 4; k++) {
            var summary = merged.get(k).summary();
            String path = "result.latency." + names.get(k) + ".";
            assertThat(List.of(job.getDouble(path + "p50"), job.getDouble(path + "p90"), job.getDouble(path + "p95"),
                    job.getDouble(path + "p99"), job.getDouble(path + "max")))
                    .as(names.get(k))
                    .isEqualTo(List.of(summary.p50(), summary.p90(), summary.p95(), summary.p99(), summary.max()));
        }
        assertThat(job.getDouble("result.ttftSeconds")).isEqualTo(merged.get(0).summary().p50());

        // a shard delivered again after the job completed: a duplicate, nothing changes, announced once
        String result = job.getString("result.outputTokensPerSecond");
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(
                Topics.SIMULATION_REQUESTS, CloudEvent.of("/test", EventTypes.SIMULATION_REQUESTED,
                        SimulationShard.id(id, 1), tenant, new SimulationRequested(id, 1, 1, 3)))));
        List<ConsumerRecord<String, String>> announced = records(Topics.SIMULATION_RESULTS, id);
        assertThat(announced).hasSize(1);
        JsonPath again = ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
        assertThat(again.getString("result.outputTokensPerSecond")).isEqualTo(result);

        // another tenant cannot see it
        given().auth().oauth2(TestTokens.user(ScenarioFlowTest.tenant(), "viewer")).get("/api/simulations/" + id)
                .then().statusCode(404);
    }

    @Test
    void shardsAreValidatedNamingTheField() {
        String tenant = ScenarioFlowTest.tenant();
        ScenarioFlowTest.submit(tenant, sharded(2, 3)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("shards"))
                .body("detail", containsString("at most replicas"));
        ScenarioFlowTest.submit(tenant, sharded(2, 0)).then().statusCode(400).body("errors.field", hasItem("shards"));
        Map<String, Object> skeleton = new HashMap<>(Map.of("name", "skeleton", "acceleratorId", "H100",
                "modelParameters", 8_000_000_000L, "weightPrecision", "FP8", "shards", 2));
        ScenarioFlowTest.submit(tenant, skeleton).then().statusCode(400).body("errors.field", hasItem("shards"));

        Map<String, Object> scenario = sharded(2, 2);
        scenario.remove("name");
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON)
                .header("X-Tenant-Plan", TestData.UNLIMITED_PLAN)
                .body(Map.of("name", "sharded sweep", "scenario", scenario, "grid", Map.of("tensor", List.of(1, 2))))
                .post("/api/sweeps").then().statusCode(400).body("errors.field", hasItem("scenario.shards"));
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String key) {
        // the duplicate shard is processed meanwhile: anything it announced would arrive in these seconds
        return KeyedRecords.await(KafkaTestResource.broker().bootstrapServers(), topic, key, 1, Duration.ofSeconds(4));
    }
}

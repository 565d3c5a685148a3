package io.tokenomics.simulator.messaging;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationFailed;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.service.WorkUnits;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A unit that keeps failing goes to the dead-letter topic after the bounded attempts, and its job fails with a reason
 * a person can read, announced on simulation.results - all through Kafka and the outbox, nothing mocked.
 */
@QuarkusTest
class PoisonUnitTest {
    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;

    @Test
    void aPoisonUnitIsDeadLetteredAfterBoundedRetriesAndItsJobFailsWithTheReason() throws Throwable {
        String tenant = "poison-" + UUID.randomUUID().toString().substring(0, 6);
        // a stored job whose scenario is corrupt: every attempt at it throws
        SimulationJob job = new SimulationJob();
        job.id = UUID.randomUUID().toString();
        job.tenant = tenant;
        job.name = "poison";
        job.status = SimulationStatus.QUEUED;
        job.scenario = "{ this is not a scenario";
        job.accelerator = TestData.H100;
        job.acceleratorId = "H100";
        job.createdBy = "test";
        job.createdAt = OffsetDateTime.now();
        CloudEvent<SimulationRequested> unit = CloudEvent.of("/test", EventTypes.SIMULATION_REQUESTED, job.id, tenant,
                new SimulationRequested(job.id, 1));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.persist(job)
                .chain(() -> outbox.append(Topics.SIMULATION_REQUESTS, unit))));

        String viewer = TestTokens.user(tenant, "viewer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(viewer)
                .get("/api/simulations/" + job.id).then().statusCode(200).body("status", equalTo("FAILED")));
        given().auth().oauth2(viewer).get("/api/simulations/" + job.id).then()
                .body("error", containsString("work unit failed 3 time(s)"))
                .body("error", containsString("simulation.requests.dlq"))
                .body("error", containsString("stored document is not a SimulationRequest"));

        List<ConsumerRecord<String, String>> dead = consume("simulation.requests.dlq", job.id);
        CloudEvent<WorkUnits.DeadLetter> letter = EventCodec.decode(dead.get(0).value(), WorkUnits.DeadLetter.class);
        assertThat(letter.type()).isEqualTo(EventTypes.UNIT_DEAD_LETTERED);
        assertThat(letter.data().attempts()).isEqualTo(3);
        assertThat(letter.data().unit()).isEqualTo(EventCodec.encode(unit));
        assertThat(dead).hasSize(1);

        List<ConsumerRecord<String, String>> results = consume(Topics.SIMULATION_RESULTS, job.id);
        CloudEvent<SimulationFailed> failed = EventCodec.decode(results.get(0).value(), SimulationFailed.class);
        assertThat(failed.type()).isEqualTo(EventTypes.SIMULATION_FAILED);
        assertThat(failed.data().error()).contains("dead-letter");
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String key) {
        // anything else for this key arrives within the next second
        return KeyedRecords.await(KafkaTestResource.broker().bootstrapServers(), topic, key, 1, Duration.ofSeconds(1));
    }
}

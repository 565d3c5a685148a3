package io.tokenomics.simulator.rest;

import io.tokenomics.devstack.testing.KeyedRecords;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.KafkaTestResource;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The per-phase figures of a discrete-event run: in the result and on its {@code simulation.completed} event. */
@QuarkusTest
class PhaseFiguresTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    @Test
    void completedEventCarriesPerPhaseFiguresOfOneReplica() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = ScenarioSettingsTest.base("phases", 6.0);
        body.put("replicas", 2);
        JsonPath job = ScenarioSettingsTest.run(tenant, body);
        String id = job.getString("id");
        double prefill = job.getDouble("result.phases.prefillBusySeconds");
        double decode = job.getDouble("result.phases.decodeBusySeconds");
        double duration = job.getDouble("result.durationSeconds");
        // busy time split into its phases: together the replica's busy share of the run
        assertThat(prefill).isPositive();
        assertThat(decode).isGreaterThan(prefill);
        assertThat((prefill + decode) / duration).isCloseTo(job.getDouble("result.gpuBusyFraction"), withinPercentage(0.001));
        // 400 requests of 1024 + 256 tokens over two replicas
        assertThat(job.getDouble("result.phases.inputTokens")).isCloseTo(200 * 1024.0, within(1e-6));
        assertThat(job.getDouble("result.phases.outputTokens")).isCloseTo(200 * 256.0, within(1e-6));

        SimulationCompleted e = awaitResultEvent(id).data();
        assertThat(e.prefillBusySeconds()).isCloseTo(prefill, withinPercentage(0.001));
        assertThat(e.decodeBusySeconds()).isCloseTo(decode, withinPercentage(0.001));
        assertThat(e.inputTokens()).isCloseTo(200 * 1024.0, within(1e-6));
        assertThat(e.outputTokens()).isCloseTo(200 * 256.0, within(1e-6));
        assertThat(e.inputTokensPerSecond()).isCloseTo(200 * 1024.0 / prefill, withinPercentage(0.001));
        // the range brackets the decode rate per busy second, which is far above the offered load's
        double decodeRate = 200 * 256.0 / decode;
        assertThat(e.outputTokensPerSecondLow()).isLessThan(decodeRate).isPositive();
        assertThat(e.outputTokensPerSecondHigh()).isGreaterThan(decodeRate);
        assertThat(decodeRate).isGreaterThan(e.outputTokensPerSecond());
        // one replica's (one H100's) average power, without the facility's PUE: between idle and TDP plus host
        assertThat(e.averageWatts()).isBetween(50.0, 700.0 * 1.3);
        assertThat(e.usefulOutputFraction()).isCloseTo(1.0, within(1e-9));
        assertThat(e.acceleratorCount()).isEqualTo(1);
    }

    @Test
    void disaggregatedPoolsSplitThePhases() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = ScenarioSettingsTest.base("split phases", 6.0);
        body.remove("replicas");
        body.put("disaggregation", Map.of("prefillReplicas", 1, "decodeReplicas", 1));
        JsonPath job = ScenarioSettingsTest.run(tenant, body);
        SimulationCompleted e = awaitResultEvent(job.getString("id")).data();
        // the prefill pool only prefills and the decode pool only decodes: per replica, each is one pool's busy time
        assertThat(e.prefillBusySeconds()).isPositive();
        assertThat(e.decodeBusySeconds()).isPositive();
        assertThat(e.inputTokensPerSecond()).isGreaterThan(e.outputTokensPerSecondHigh());
    }

    static CloudEvent<SimulationCompleted> awaitResultEvent(String id) {
        return EventCodec.decode(KeyedRecords.first(KafkaTestResource.broker().bootstrapServers(),
                Topics.SIMULATION_RESULTS, id).value(), SimulationCompleted.class);
    }
}

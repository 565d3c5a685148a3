package io.tokenomics.contract.events;

import io.tokenomics.contract.tenancy.TenantClaim;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    @Test
    void roundTripsAnEnvelopeWithItsPayload() {
        var event = CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, "sim-1", "acme",
                new SimulationCompleted("sim-1", "H100", 2, 0.0081, 123.4, "skeleton-weight-streaming-bound"));

        String json = EventCodec.encode(event);
        CloudEvent<SimulationCompleted> back = EventCodec.decode(json, SimulationCompleted.class);

        assertThat(json).contains("\"specversion\":\"1.0\"").contains("\"tenant\":\"acme\"");
        assertThat(back.id()).isEqualTo(event.id());
        assertThat(back.data()).isEqualTo(event.data());
        assertThat(back.time().toInstant()).isEqualTo(event.time().toInstant());
        assertThat(EventCodec.typeOf(json)).isEqualTo(EventTypes.SIMULATION_COMPLETED);
    }

    @Test
    void perPhaseFiguresAreOptionalAndLeftOutWhenAbsent() {
        var sixFigures = CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, "sim-1", "acme",
                new SimulationCompleted("sim-1", "H100", 2, 0.0081, 123.4, "m"));
        String json = EventCodec.encode(sixFigures);
        assertThat(json).doesNotContain("prefillBusySeconds").doesNotContain("null");
        assertThat(EventCodec.decode(json, SimulationCompleted.class).data().prefillBusySeconds()).isNull();

        var perPhase = CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, "sim-2", "acme",
                new SimulationCompleted("sim-2", "H100", 1, 0.01, 100, "m", 90.0, 110.0, null, 10.0, 50.0, 100000.0,
                        5000.0, 650.0, 0.8));
        SimulationCompleted back = EventCodec.decode(EventCodec.encode(perPhase), SimulationCompleted.class).data();
        assertThat(back).isEqualTo(perPhase.data());
        assertThat(back.prefillBusySeconds()).isEqualTo(10.0);
    }

    @Test
    void ignoresAttributesAddedByNewerProducers() {
        String json = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"%s","subject":"s","tenant":"acme",
                 "futureAttribute":true,"data":{"simulationId":"s","attempt":1,"futureField":42}}"""
                .formatted(EventTypes.SIMULATION_REQUESTED);

        var event = EventCodec.decode(json, SimulationRequested.class);

        assertThat(event.data()).isEqualTo(new SimulationRequested("s", 1));
    }

    @Test
    void rejectsEventsWithoutTheMandatoryAttributes() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"t\",\"source\":\"/x\"}", SimulationRequested.class))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.typeOf("not json"))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void readsTheTenantClaimInEachFormKeycloakEmits() {
        assertThat(TenantClaim.parse("acme")).contains("acme");
        assertThat(TenantClaim.parse("\"globex\"")).contains("globex");
        assertThat(TenantClaim.parse(List.of("acme"))).contains("acme");
        assertThat(TenantClaim.parse(Map.of("acme", Map.of("id", "42")))).contains("acme");
        assertThat(TenantClaim.parse(List.of("acme", "globex"))).isEmpty();
        assertThat(TenantClaim.parse(null)).isEmpty();
        assertThat(TenantClaim.parse("ACME; drop")).isEmpty();
    }

    @Test
    void carriesTraceContextExtensionsWithoutChangingThePayload() {
        var event = CloudEvent.of("/simulator-service", EventTypes.SIMULATION_REQUESTED, "sim-1", "acme",
                new SimulationRequested("sim-1", 1));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String json = EventCodec.encode(event, Map.of("traceparent", traceparent, "subject", "not-overwritten"));

        assertThat(EventCodec.attribute(json, "traceparent")).isEqualTo(traceparent);
        assertThat(EventCodec.attribute(json, "tracestate")).isNull();
        var decoded = EventCodec.decode(json, SimulationRequested.class);
        assertThat(decoded.subject()).isEqualTo("sim-1");
        assertThat(decoded.data().simulationId()).isEqualTo("sim-1");
        assertThat(EventCodec.attribute("{not json", "traceparent")).isNull();
    }
}

package io.tokenomics.simulator.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.simulator.service.WorkUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes work units. Every simulator pod runs one in the same consumer group, so partitions spread the work. Units
 * run on the {@code simulator-engine} worker pool (never the event loop; its size bounds the units one pod runs at
 * once); the record is acknowledged after {@link WorkUnits#process} returns, i.e. after the outcome committed.
 * Each unit runs in a {@value #UNIT_SPAN} span, a child of the context the unit was published in (its
 * {@code traceparent} extension, see {@link UnitTracing}), linked to the Kafka delivery's span where there is one.
 */
@ApplicationScoped
public class SimulationWorker {
    public static final String UNIT_SPAN = "simulation.unit";
    /** CloudEvents semantic-convention attribute: the unit's subject (job id, or {@code <job>:<shard>}). */
    public static final String SUBJECT = "cloudevents.event_subject";

    @Inject
    WorkUnits units;
    @Inject
    Tracer tracer;

    @Incoming("simulation-requests")
    @Blocking(value = "simulator-engine", ordered = false)
    public void onWorkUnit(String payload) {
        var builder = tracer.spanBuilder(UNIT_SPAN).setSpanKind(SpanKind.CONSUMER)
                .setParent(UnitTracing.publishedIn(payload));
        String subject = EventCodec.attribute(payload, "subject");
        if (subject != null) {
            builder.setAttribute(SUBJECT, subject);
        }
        var delivery = Span.current().getSpanContext();
        if (delivery.isValid()) {
            builder.addLink(delivery);
        }
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            units.process(payload);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}

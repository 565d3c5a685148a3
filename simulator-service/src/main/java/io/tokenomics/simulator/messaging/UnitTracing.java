package io.tokenomics.simulator.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.outbox.OutboxTraceContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries the trace with the work: every event the outbox stores (work units, results, dead letters) gets the
 * current span's W3C context as the CloudEvents distributed-tracing extension ({@code traceparent},
 * {@code tracestate}); a worker continues the trace of the request that published the unit from it. Without a
 * current span (tracing disabled, {@code quarkus.otel.sdk.disabled=true}) nothing is added.
 */
@ApplicationScoped
public class UnitTracing implements OutboxTraceContext {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    @Override
    public Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The context an event was published in (root when it carries none or an invalid one). */
    public static Context publishedIn(String payload) {
        Map<String, String> carrier = new HashMap<>(2);
        for (String name : List.of(TRACEPARENT, TRACESTATE)) {
            String value = EventCodec.attribute(payload, name);
            if (value != null) {
                carrier.put(name, value);
            }
        }
        return carrier.isEmpty() ? Context.root() : W3C.extract(Context.root(), carrier, MapGetter.INSTANCE);
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}

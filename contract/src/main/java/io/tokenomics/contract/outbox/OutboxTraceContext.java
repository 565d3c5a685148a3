package io.tokenomics.contract.outbox;

import java.util.Map;

/**
 * Optional CDI bean of a service that traces: the current trace context as CloudEvents extension attributes
 * (distributed-tracing extension: {@code traceparent}, {@code tracestate}, W3C Trace Context values). Where one is
 * present, {@link OutboxRepository#append} writes them into every event it stores, so a consumer can continue the
 * trace of the change the event announces. The outbox table keeps its shape: the context travels in the payload.
 */
public interface OutboxTraceContext {
    String TRACEPARENT = "traceparent";
    String TRACESTATE = "tracestate";

    /** Extension attributes of the current context; empty when nothing is being traced. */
    Map<String, String> current();
}

package io.tokenomics.simulator.messaging;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Test exporter: keeps the spans of this JVM's tests in memory (the latest {@value #CAPACITY}). quarkus-opentelemetry
 * exports to every CDI {@link SpanExporter} bean (traces exporter {@code cdi}, the default); the OTLP exporter is off
 * in tests.
 */
@Unremovable
@ApplicationScoped
public class InMemorySpanExporter implements SpanExporter {
    private static final int CAPACITY = 20_000;
    private final Deque<SpanData> spans = new ArrayDeque<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            if (spans.size() == CAPACITY) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
        return CompletableResultCode.ofSuccess();
    }

    public synchronized List<SpanData> spans() {
        return List.copyOf(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}

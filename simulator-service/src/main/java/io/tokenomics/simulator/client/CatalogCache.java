package io.tokenomics.simulator.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenomics.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catalog entries this pod read, per tenant (the catalog answers each tenant with its own view: private entries and
 * overrides), kind, id and pinned revision (null: the latest). Dropped for an id when a {@code catalog.changed} event
 * names it ({@code CatalogChangesConsumer}), and after {@code simulator.catalog-cache.ttl} as a safety net for a
 * change this pod missed. A lookup that started before an invalidation does not store its (possibly stale) answer.
 */
@ApplicationScoped
public class CatalogCache {
    public record Key(String tenant, String kind, String id, Integer revision) {
    }

    private record Entry(ObjectNode value, long expiresAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Invalidations seen per kind/id: a lookup stores its answer only if none happened meanwhile. */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    @Inject
    SimulatorConfig config;
    @Inject
    MeterRegistry registry;

    public boolean enabled() {
        return config.catalogCache().enabled();
    }

    /** A copy of the cached entry, or null. */
    public ObjectNode get(Key key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAt() - System.nanoTime() < 0) {
            entries.remove(key, e);
            e = null;
        }
        registry.counter("simulator.catalog.cache", "result", e == null ? "miss" : "hit").increment();
        return e == null ? null : e.value().deepCopy();
    }

    /** To pass to {@link #put}: taken before the catalog is asked. */
    public long generation(String kind, String id) {
        return generations.computeIfAbsent(kind + "/" + id, k -> new AtomicLong()).get();
    }

    public void put(Key key, ObjectNode value, long generationAtStart) {
        if (generation(key.kind(), key.id()) != generationAtStart) {
            return;
        }
        if (entries.size() >= config.catalogCache().maxEntries()) {
            entries.clear();
        }
        entries.put(key, new Entry(value.deepCopy(), System.nanoTime() + config.catalogCache().ttl().toNanos()));
        // an invalidation between the check and the put: drop what was just stored
        if (generation(key.kind(), key.id()) != generationAtStart) {
            entries.remove(key);
        }
    }

    /** Drops every tenant's copies of {@code kind}/{@code id} (kind as in the catalog's paths: models, accelerators). */
    public int invalidate(String kind, String id) {
        generations.computeIfAbsent(kind + "/" + id, k -> new AtomicLong()).incrementAndGet();
        int before = entries.size();
        entries.keySet().removeIf(k -> k.kind().equals(kind) && k.id().equals(id));
        int dropped = before - entries.size();
        registry.counter("simulator.catalog.cache.invalidations").increment();
        return Math.max(0, dropped);
    }

    public boolean contains(Key key) {
        return entries.containsKey(key);
    }
}

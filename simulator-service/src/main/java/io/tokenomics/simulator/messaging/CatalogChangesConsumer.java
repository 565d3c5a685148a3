package io.tokenomics.simulator.messaging;

import io.tokenomics.contract.events.CatalogChanged;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.simulator.client.CatalogCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Drops cached catalog entries named by {@code catalog.changed} events. Every pod reads every change: its consumer
 * group is its own (see application.properties), starting at the latest offset (its cache starts empty).
 */
@ApplicationScoped
public class CatalogChangesConsumer {
    private static final Logger LOG = Logger.getLogger(CatalogChangesConsumer.class);

    @Inject
    CatalogCache cache;

    @Incoming("catalog-changes")
    public void onChange(String payload) {
        try {
            if (!EventTypes.CATALOG_CHANGED.equals(EventCodec.typeOf(payload))) {
                return;
            }
            CatalogChanged change = EventCodec.decode(payload, CatalogChanged.class).data();
            if (change == null || change.entityKind() == null || change.entityId() == null) {
                LOG.warn("catalog change without kind or id ignored");
                return;
            }
            int dropped = cache.invalidate(change.entityKind() + "s", change.entityId());
            LOG.debugf("catalog %s %s %s: %d cached entries dropped", change.entityKind(), change.entityId(),
                    change.change(), dropped);
        } catch (EventCodec.MalformedEventException e) {
            LOG.warnf("malformed catalog change ignored: %s", e.getMessage());
        }
    }
}

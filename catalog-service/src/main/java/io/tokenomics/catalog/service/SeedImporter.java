package io.tokenomics.catalog.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.config.CatalogConfig;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.catalog.domain.CatalogSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports the public seed catalog at start, idempotently: an unchanged entry writes nothing, a changed seed row a new
 * revision (with its catalog.changed event), and an entry a platform-admin revised or deleted since is left alone.
 * One transaction under an advisory lock, so pods starting together import once.
 */
@ApplicationScoped
public class SeedImporter {
    public static final String SEED_USER = "seed-import";
    private static final Logger LOG = Logger.getLogger(SeedImporter.class);
    private static final long LOCK_KEY = 0x7365656443617461L; // "seedCata"

    @Inject
    CatalogService catalog;
    @Inject
    CatalogConfig config;

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.seedOnStart()) {
            int written = VertxContextSupport.subscribeAndAwait(this::importAll);
            LOG.infof("seed catalog imported: %d entries written", written);
        }
    }

    /** Returns how many entries were created or revised. */
    public Uni<Integer> importAll() {
        record Item(CatalogKind kind, String id, CatalogSpec spec) {
        }
        List<Item> items = new ArrayList<>();
        SeedCatalog.accelerators().forEach((id, s) -> items.add(new Item(CatalogKind.ACCELERATOR, id, s)));
        SeedCatalog.systems().forEach((id, s) -> items.add(new Item(CatalogKind.SYSTEM, id, s)));
        SeedCatalog.models().forEach((id, s) -> items.add(new Item(CatalogKind.MODEL, id, s)));
        SeedCatalog.quantizations().forEach((id, s) -> items.add(new Item(CatalogKind.QUANTIZATION, id, s)));
        Caller seed = Caller.seed(SEED_USER);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult())
                .chain(() -> Multi.createFrom().iterable(items)
                        .onItem().transformToUniAndConcatenate(i -> catalog.importPublic(i.kind(), i.id(), i.spec(), seed))
                        .collect().asList())
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    static Map<String, Integer> counts() {
        return Map.of("accelerators", SeedCatalog.accelerators().size(), "models", SeedCatalog.models().size(),
                "systems", SeedCatalog.systems().size(), "quantizations", SeedCatalog.quantizations().size());
    }
}

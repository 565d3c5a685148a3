package io.tokenomics.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.config.CatalogConfig;
import io.tokenomics.catalog.mapping.AcceleratorView;
import io.tokenomics.catalog.repository.AcceleratorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import java.util.List;

@ApplicationScoped
public class AcceleratorService {
    @Inject
    AcceleratorRepository repository;
    @Inject
    CatalogConfig config;

    @WithSession
    public Uni<List<AcceleratorView>> list(String tenant) {
        return repository.listVisibleTo(tenant, config.maxListSize())
                .map(list -> list.stream().map(AcceleratorView::of).toList());
    }

    /** A tenant-private entry of another tenant answers 404 exactly like a missing one. */
    @WithSession
    public Uni<AcceleratorView> get(String id, String tenant) {
        return repository.findVisibleTo(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no accelerator '" + id + "'"))
                .map(AcceleratorView::of);
    }
}

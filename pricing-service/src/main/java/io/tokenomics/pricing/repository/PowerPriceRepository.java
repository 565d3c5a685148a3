package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.PowerPrice;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PowerPriceRepository implements PanacheRepositoryBase<PowerPrice, String> {
    public Uni<List<PowerPrice>> listByRegion() {
        return listAll(Sort.by("region"));
    }
}

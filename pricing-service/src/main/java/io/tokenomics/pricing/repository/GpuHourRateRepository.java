package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.GpuHourRate;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class GpuHourRateRepository implements PanacheRepositoryBase<GpuHourRate, String> {

    public Uni<List<GpuHourRate>> listByAccelerator() {
        return listAll(Sort.by("acceleratorId"));
    }
}

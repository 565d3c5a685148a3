package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.pricing.domain.AcceleratorTerms;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.mapping.PowerPriceView;
import io.tokenomics.pricing.repository.PowerPriceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Regional power prices, and resolving a region name into its price. */
@ApplicationScoped
public class PowerPriceService {
    @Inject
    PowerPriceRepository repository;

    @WithSession
    public Uni<List<PowerPriceView>> list() {
        return repository.listByRegion().map(l -> l.stream().map(PowerPriceView::of).toList());
    }

    /** USD per kWh of a region; an unknown region is a 400 naming {@code field}. Needs a session. */
    Uni<BigDecimal> priceOf(String region, String field) {
        return repository.findById(region).map(p -> {
            if (p == null) {
                throw new InvalidFieldException(field, "unknown power region '" + region
                        + "' (see GET /api/pricing/power-prices)");
            }
            return p.usdPerKwh;
        });
    }

    /** The assumptions with {@code powerRegion} replaced by its price. Needs a session. */
    Uni<TcoAssumptions> resolve(TcoAssumptions tco, String field) {
        if (tco.powerRegion() == null) {
            return Uni.createFrom().item(tco);
        }
        return priceOf(tco.powerRegion(), field).map(tco::withUsdPerKwh);
    }

    /**
     * Terms with every region resolved, so that a stored revision is self-contained and a quote pinned to it is
     * re-computable after the regional table changes; the region and its price are noted in the entry's source.
     */
    Uni<PriceBookTerms> resolve(PriceBookTerms terms, String field) {
        if (terms.accelerators() == null || terms.accelerators().isEmpty()) {
            return Uni.createFrom().item(terms);
        }
        Uni<List<AcceleratorTerms>> resolved = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < terms.accelerators().size(); i++) {
            AcceleratorTerms a = terms.accelerators().get(i);
            String path = field + ".accelerators[" + i + "].tco.powerRegion";
            resolved = resolved.chain(list -> resolve(a.tco(), path).map(tco -> {
                String source = a.tco().powerRegion() == null ? a.source()
                        : (a.source() == null ? "" : a.source() + "; ") + "power: region " + a.tco().powerRegion()
                        + " at " + tco.usdPerKwh().toPlainString() + " USD/kWh (GET /api/pricing/power-prices)";
                list.add(new AcceleratorTerms(a.acceleratorId(), tco, source));
                return list;
            }));
        }
        return resolved.map(list -> new PriceBookTerms(terms.currency(), terms.fxRatesPerUsd(), List.copyOf(list),
                terms.workload(), terms.usefulOutputPercent(), terms.note()));
    }
}

package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.config.PricingConfig;
import io.tokenomics.pricing.domain.GpuHourRate;
import io.tokenomics.pricing.domain.RateBasis;
import io.tokenomics.pricing.mapping.GpuHourRateView;
import io.tokenomics.pricing.repository.GpuHourRateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.List;

@ApplicationScoped
public class GpuHourRateService {
    static final String DEFAULT_CURRENCY = "USD";

    @Inject
    GpuHourRateRepository repository;
    @Inject
    PricingConfig config;

    /** The rate applied to one accelerator, and how far to trust it. */
    public record AppliedRate(BigDecimal usdPerGpuHour, String currency, String rateBasis) {
    }

    @WithSession
    public Uni<List<GpuHourRateView>> list() {
        return repository.listByAccelerator().map(rates -> rates.stream().map(GpuHourRateView::of).toList());
    }

    /** The stored rate of the accelerator, or the configured default (basis {@code default}). Needs a session. */
    Uni<AppliedRate> rateFor(String acceleratorId) {
        return repository.findById(acceleratorId).map(this::applied);
    }

    private AppliedRate applied(GpuHourRate rate) {
        if (rate == null) {
            return new AppliedRate(config.defaultUsdPerGpuHour(), DEFAULT_CURRENCY, RateBasis.DEFAULT);
        }
        return new AppliedRate(rate.usdPerGpuHour, rate.currency.trim(), rate.rateBasis);
    }
}

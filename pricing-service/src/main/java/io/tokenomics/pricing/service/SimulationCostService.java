package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.SimulationCost;
import io.tokenomics.pricing.mapping.SimulationCostView;
import io.tokenomics.pricing.repository.SimulationCostRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import java.math.BigDecimal;

@ApplicationScoped
public class SimulationCostService {
    /** Largest amount {@code numeric(18, 6)} holds. */
    static final BigDecimal MAX_STORED_AMOUNT = new BigDecimal("999999999999.999999");

    @Inject
    SimulationCostRepository costs;
    @Inject
    GpuHourRateService rates;

    /**
     * Prices a finished simulation and stores the figure once. Idempotent: a redelivered event, or a later event for
     * an already priced simulation, writes nothing and succeeds.
     *
     * @return {@code true} when the row was written, {@code false} when it already existed
     * @throws UnpriceableSimulationException (as the failure of the Uni) when the figures cannot be priced
     */
    @WithTransaction
    public Uni<Boolean> record(String eventId, String tenant, SimulationCompleted result) {
        return rates.rateFor(result.acceleratorId())
                .map(rate -> costOf(eventId, tenant, result, rate))
                .chain(costs::insertIfAbsent)
                .map(inserted -> inserted == 1);
    }

    /** A simulation of another tenant answers 404 exactly like a missing one. */
    @WithSession
    public Uni<SimulationCostView> get(String simulationId, String tenant) {
        return costs.findForTenant(simulationId, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no cost for simulation '" + simulationId + "'"))
                .map(SimulationCostView::of);
    }

    private static SimulationCost costOf(String eventId, String tenant, SimulationCompleted result,
                                         GpuHourRateService.AppliedRate rate) {
        Money perMillion;
        try {
            perMillion = TokenCostCalculator.perMillionOutputTokens(rate.usdPerGpuHour(), rate.currency(),
                    result.acceleratorCount(), result.outputTokensPerSecond());
        } catch (IllegalArgumentException e) {
            throw new UnpriceableSimulationException(e.getMessage());
        }
        if (perMillion.amount().compareTo(MAX_STORED_AMOUNT) > 0) {
            throw new UnpriceableSimulationException("cost " + perMillion.amount() + " " + perMillion.currency()
                    + " per million output tokens is beyond any plausible figure");
        }
        SimulationCost cost = new SimulationCost();
        cost.simulationId = result.simulationId();
        cost.tenant = tenant;
        cost.eventId = eventId;
        cost.acceleratorId = result.acceleratorId();
        cost.acceleratorCount = result.acceleratorCount();
        cost.usdPerGpuHour = rate.usdPerGpuHour();
        cost.rateBasis = rate.rateBasis();
        cost.decodeStepSeconds = result.decodeStepSeconds();
        cost.outputTokensPerSecond = result.outputTokensPerSecond();
        cost.usdPerMillionOutputTokens = perMillion.amount();
        cost.currency = perMillion.currency();
        cost.method = result.method();
        return cost;
    }
}

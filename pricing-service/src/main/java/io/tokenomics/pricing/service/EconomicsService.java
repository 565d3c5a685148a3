package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.EfficiencyRequest;
import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.domain.TierPlanRequest;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.UnitEconomicsRequest;
import io.tokenomics.pricing.domain.UnitEconomicsResult;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.pricing.domain.ModelPrice;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.mapping.JsonColumns;
import io.tokenomics.pricing.repository.QuoteRepository;
import io.tokenomics.pricing.client.SweepLookup;
import io.tokenomics.pricing.domain.FactoryConfiguration;
import io.tokenomics.pricing.domain.SweepFrontier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateless calculators behind the API: validated here (every offending field in one 400), regional power prices
 * resolved, then computed by the plain formula classes. Nothing is stored.
 */
@ApplicationScoped
public class EconomicsService {
    @Inject
    PowerPriceService power;
    @Inject
    QuoteRepository quotes;
    @Inject
    JsonColumns json;
    @Inject
    SweepLookup sweeps;

    @WithSession
    public Uni<GpuHourCost> gpuHour(@NotNull @Valid TcoAssumptions assumptions) {
        return power.resolve(assumptions, "powerRegion").map(TcoCalculator::perGpuHour);
    }

    /**
     * Configurations naming a {@code sweepId} get their frontier from simulator-service, read with the caller's token
     * ({@code authorization}), so only the caller's tenant's sweeps are found.
     */
    @WithSession
    public Uni<TierPlanResult> tierPlan(@NotNull @Valid TierPlanRequest request, String authorization) {
        Uni<TierPlanRequest> resolved = request.powerRegion() == null ? Uni.createFrom().item(request)
                : power.priceOf(request.powerRegion(), "powerRegion").map(request::withUsdPerKwh);
        return resolved.chain(r -> readSweeps(r, authorization)).map(read -> {
            TierPlanResult plan = TierPlanCalculator.plan(read.request());
            List<TierPlanResult.ConfigurationPlan> configurations = new ArrayList<>();
            for (int i = 0; i < plan.configurations().size(); i++) {
                SweepFrontier source = read.sources().get(i);
                TierPlanResult.ConfigurationPlan c = plan.configurations().get(i);
                configurations.add(source == null ? c : c.withSweep(source));
            }
            return new TierPlanResult(plan.facilityMw(), plan.utilizationPercent(), plan.usdPerKwh(), plan.currency(),
                    plan.tiers(), configurations);
        });
    }

    private record SweepsRead(TierPlanRequest request, List<SweepFrontier> sources) {
    }

    private Uni<SweepsRead> readSweeps(TierPlanRequest request, String authorization) {
        Uni<SweepsRead> chain = Uni.createFrom().item(new SweepsRead(request, new ArrayList<>()));
        for (int i = 0; i < request.configurations().size(); i++) {
            int index = i;
            FactoryConfiguration c = request.configurations().get(i);
            if (c.sweepId() == null) {
                chain = chain.map(acc -> {
                    acc.sources().add(null);
                    return acc;
                });
                continue;
            }
            String field = "configurations[" + i + "].sweepId";
            chain = chain.chain(acc -> sweeps.sweep(c.sweepId().toString(), field, authorization).map(view -> {
                SweepFrontiers.Read read = SweepFrontiers.read(view, c.sweepId(), field, c.wattsPerGpu(), "request",
                        c.pue() == null ? BigDecimal.ONE : c.pue());
                acc.sources().add(read.source());
                List<FactoryConfiguration> configurations = new ArrayList<>(acc.request().configurations());
                configurations.set(index, c.withFrontier(read.frontier()));
                return new SweepsRead(acc.request().withConfigurations(configurations), acc.sources());
            }));
        }
        return chain;
    }

    public UnitEconomicsResult unitEconomics(@NotNull @Valid UnitEconomicsRequest request) {
        return UnitEconomicsCalculator.evaluate(request);
    }

    /** Models with a {@code quoteId} are priced from that quote of the tenant (another tenant's quote is unknown). */
    @WithSession
    public Uni<List<EfficiencyRow>> efficiency(String tenant, @NotNull @Valid EfficiencyRequest request) {
        Uni<List<ModelPrice>> priced = Uni.createFrom().item(new ArrayList<>());
        BigDecimal w = request.inputWeight();
        for (int i = 0; i < request.models().size(); i++) {
            ModelPrice m = request.models().get(i);
            String field = "models[" + i + "].quoteId";
            priced = priced.chain(list -> (m.quoteId() == null ? Uni.createFrom().item(m) : quotes.findForTenant(m.quoteId(), tenant)
                    .map(q -> {
                        if (q == null) {
                            throw new InvalidFieldException(field, "no quote " + m.quoteId());
                        }
                        QuoteResult r = json.read(q.resultJson, QuoteResult.class);
                        if (w.signum() > 0 && r.perMillionInputTokens() == null) {
                            throw new InvalidFieldException(field, "the quote has no input-token cost (attribution "
                                    + r.attribution() + "); use inputWeightPercent 0 to score its output cost");
                        }
                        return m.withPrices(toUsd(r.perMillionInputTokens(), r), toUsd(r.perMillionOutputTokens(), r),
                                "quote " + q.id + " (simulation " + q.simulationId + ", price book " + q.priceBookId
                                        + " revision " + q.priceBookRevision + ")");
                    })).map(p -> {
                list.add(p);
                return list;
            }));
        }
        return priced.map(models -> {
            for (int i = 0; i < models.size(); i++) {
                if (EfficiencyScoreCalculator.blended(models.get(i), w).signum() <= 0) {
                    throw new InvalidFieldException("models[" + i + "]", "the blended price must be above 0");
                }
            }
            return EfficiencyScoreCalculator.table(models, w);
        });
    }

    private static BigDecimal toUsd(BigDecimal amount, QuoteResult r) {
        return amount == null ? null : amount.divide(r.fxRatePerUsd(), MathContext.DECIMAL128);
    }
}

package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.EfficiencyRequest;
import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.domain.TierPlanRequest;
import io.tokenomics.pricing.domain.TokenCost;
import io.tokenomics.pricing.domain.TokenCostRequest;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.UnitEconomicsRequest;
import io.tokenomics.pricing.domain.UnitEconomicsResult;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.pricing.domain.ModelPrice;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.mapping.JsonColumns;
import io.tokenomics.pricing.repository.QuoteRepository;
import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.pricing.client.CatalogLookup;
import io.tokenomics.pricing.client.SweepLookup;
import io.tokenomics.pricing.client.Upstreams;
import io.tokenomics.pricing.domain.FactoryConfiguration;
import io.tokenomics.pricing.domain.MarketComparison;
import io.tokenomics.pricing.domain.MarketComparisonRequest;
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
    @Inject
    CatalogLookup catalog;
    @Inject
    GpuHourRateService rates;

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

    private record Watts(BigDecimal value, String basis) {
    }

    /** The request's watts per GPU, else the TDP catalog-service gives for the sweep's accelerator. */
    private Uni<Watts> watts(JsonNode sweep, FactoryConfiguration c, int i, String authorization) {
        if (c.wattsPerGpu() != null) {
            return Uni.createFrom().item(new Watts(c.wattsPerGpu(), "request"));
        }
        String field = "configurations[" + i + "].wattsPerGpu";
        String accelerator = sweep.path("acceleratorId").asText(null);
        if (accelerator == null || !accelerator.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidFieldException(field, "the sweep names no catalog accelerator; give wattsPerGpu");
        }
        return catalog.entry("accelerators", accelerator, field, authorization)
                .onFailure(Upstreams::isTransport).transform(e -> Upstreams.unavailable("catalog-service", e)).map(entry -> {
            BigDecimal tdp = decimal(entry, "tdpWatts");
            if (tdp == null || tdp.signum() <= 0) {
                throw new InvalidFieldException(field, "the catalog has no TDP for accelerator '" + accelerator
                        + "'; give wattsPerGpu");
            }
            return new Watts(tdp, "catalog-tdp");
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
            chain = chain.chain(acc -> sweeps.sweep(c.sweepId().toString(), field, authorization)
                    .onFailure(Upstreams::isTransport).transform(e -> Upstreams.unavailable("simulator-service", e))
                    .chain(view -> watts(view, c, index, authorization).map(watts -> {
                SweepFrontiers.Read read = SweepFrontiers.read(view, c.sweepId(), field, watts.value(), watts.basis(),
                        c.pue() == null ? BigDecimal.ONE : c.pue());
                acc.sources().add(read.source());
                List<FactoryConfiguration> configurations = new ArrayList<>(acc.request().configurations());
                configurations.set(index, c.withFrontier(read.frontier()));
                return new SweepsRead(acc.request().withConfigurations(configurations), acc.sources());
            })));
        }
        return chain;
    }

    /**
     * Self-hosted cost vs market prices; the catalog model's API price ({@code modelId}, read with the caller's token)
     * is the first market row.
     */
    @WithSession
    public Uni<MarketComparison> marketComparison(@NotNull @Valid MarketComparisonRequest request, String authorization) {
        Uni<MarketComparisonRequest> resolved = power.resolve(request.tco(), "tco.powerRegion").map(request::withTco);
        return resolved.chain(r -> {
            List<MarketComparisonRequest.MarketPrice> given = r.marketPrices() == null ? List.of() : r.marketPrices();
            if (r.modelId() == null) {
                return Uni.createFrom().item(MarketComparisonCalculator.compare(r, null, given));
            }
            return catalog.entry("models", r.modelId(), "modelId", authorization)
                    .onFailure(Upstreams::isTransport).transform(e -> Upstreams.unavailable("catalog-service", e)).map(entry -> {
                BigDecimal price = decimal(entry, "priceUsdPerMillionTokens");
                if (price == null && given.isEmpty()) {
                    throw new InvalidFieldException("modelId", "the catalog has no API price for model '"
                            + r.modelId() + "'; give marketPrices");
                }
                List<MarketComparisonRequest.MarketPrice> prices = new ArrayList<>();
                if (price != null) {
                    prices.add(new MarketComparisonRequest.MarketPrice("catalog: " + entry.path("name").asText(r.modelId()),
                            price, null, "catalog model " + r.modelId() + " revision " + entry.path("revision").asText("?")
                            + ": " + entry.path("priceSource").asText("") + (entry.hasNonNull("priceNote")
                            ? " (" + entry.path("priceNote").asText() + ")" : "")));
                }
                prices.addAll(given);
                return MarketComparisonCalculator.compare(r, entry.path("name").asText(null), prices);
            });
        });
    }

    /**
     * A replica's cost per million tokens from the request's TCO (regional power price resolved) or from the platform
     * GPU-hour rate of {@code acceleratorId} (rented, power included; the configured default when it has no row).
     */
    @WithSession
    public Uni<TokenCost> tokenCost(@NotNull @Valid TokenCostRequest request) {
        if (request.tco() != null) {
            return power.resolve(request.tco(), "tco.powerRegion")
                    .map(tco -> TokenCostCalculator.tokenCost(request.withTco(tco), GpuHourRateService.DEFAULT_CURRENCY, null));
        }
        return rates.rateFor(request.acceleratorId()).map(rate -> TokenCostCalculator.tokenCost(
                request.withTco(TcoAssumptions.rented(rate.usdPerGpuHour())), rate.currency(), rate.rateBasis()));
    }

    public UnitEconomicsResult unitEconomics(@NotNull @Valid UnitEconomicsRequest request) {
        return UnitEconomicsCalculator.evaluate(request);
    }

    /**
     * Models with a {@code modelId} take name, quality (MMLU) and input price (API price) from catalog-service, read
     * with the caller's token ({@code authorization}); models with a {@code quoteId} are priced from that quote of the
     * tenant (another tenant's quote is unknown).
     */
    @WithSession
    public Uni<List<EfficiencyRow>> efficiency(String tenant, @NotNull @Valid EfficiencyRequest request,
                                               String authorization) {
        Uni<List<ModelPrice>> priced = Uni.createFrom().item(new ArrayList<>());
        BigDecimal w = request.inputWeight();
        for (int i = 0; i < request.models().size(); i++) {
            ModelPrice requested = request.models().get(i);
            int index = i;
            priced = priced.chain(list -> fromCatalog(requested, index, authorization)
                    .chain(m -> fromQuote(m, index, tenant, w))
                    .map(p -> {
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

    private Uni<ModelPrice> fromCatalog(ModelPrice m, int i, String authorization) {
        if (m.modelId() == null) {
            return Uni.createFrom().item(m);
        }
        String field = "models[" + i + "].modelId";
        return catalog.entry("models", m.modelId(), field, authorization)
                .onFailure(Upstreams::isTransport).transform(e -> Upstreams.unavailable("catalog-service", e)).map(entry -> {
            BigDecimal mmlu = decimal(entry, "mmlu");
            BigDecimal price = decimal(entry, "priceUsdPerMillionTokens");
            if (m.quality() == null && mmlu == null) {
                throw new InvalidFieldException("models[" + i + "].quality", "the catalog has no MMLU score for model '"
                        + m.modelId() + "'; give quality");
            }
            boolean catalogPrice = m.quoteId() == null && m.usdPerMillionInputTokens() == null;
            if (catalogPrice && price == null) {
                throw new InvalidFieldException("models[" + i + "].usdPerMillionInputTokens", "the catalog has no API "
                        + "price for model '" + m.modelId() + "'; give the prices or a quoteId");
            }
            String source = "catalog model " + m.modelId() + " revision " + entry.path("revision").asText("?")
                    + (m.quality() == null ? "; MMLU: " + entry.path("mmluSource").asText("") : "")
                    + (catalogPrice ? "; price: " + entry.path("priceSource").asText("") : "");
            return m.withCatalog(entry.path("name").asText(m.modelId()), mmlu,
                    catalogPrice ? price : m.usdPerMillionInputTokens(), source);
        });
    }

    private Uni<ModelPrice> fromQuote(ModelPrice m, int i, String tenant, BigDecimal w) {
        if (m.quoteId() == null) {
            return Uni.createFrom().item(m);
        }
        String field = "models[" + i + "].quoteId";
        return quotes.findForTenant(m.quoteId(), tenant).map(q -> {
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
                            + " revision " + q.priceBookRevision + ")" + (m.source() == null ? "" : "; " + m.source()));
        });
    }

    private static BigDecimal decimal(JsonNode entry, String name) {
        JsonNode v = entry.get(name);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    private static BigDecimal toUsd(BigDecimal amount, QuoteResult r) {
        return amount == null ? null : amount.divide(r.fxRatePerUsd(), MathContext.DECIMAL128);
    }
}

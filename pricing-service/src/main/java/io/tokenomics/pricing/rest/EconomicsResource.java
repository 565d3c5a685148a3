package io.tokenomics.pricing.rest;

import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.tenancy.CallerTenant;
import io.tokenomics.pricing.domain.DefaultTiers;
import io.tokenomics.pricing.domain.EfficiencyRequest;
import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.MarketComparison;
import io.tokenomics.pricing.domain.MarketComparisonRequest;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.domain.Tier;
import io.tokenomics.pricing.domain.TierPlanRequest;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.TokenCost;
import io.tokenomics.pricing.domain.TokenCostRequest;
import io.tokenomics.pricing.domain.UnitEconomicsRequest;
import io.tokenomics.pricing.domain.UnitEconomicsResult;
import io.tokenomics.pricing.mapping.Csv;
import io.tokenomics.pricing.mapping.CsvRows;
import io.tokenomics.pricing.mapping.PowerPriceView;
import io.tokenomics.pricing.service.EconomicsService;
import io.tokenomics.pricing.service.PowerPriceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Stateless calculators: nothing is stored; JSON by default, CSV with {@code Accept: text/csv}. */
@Path("/api/pricing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class EconomicsResource {
    @Inject
    EconomicsService service;
    @Inject
    PowerPriceService power;
    @Inject
    CallerTenant caller;
    @Inject
    JsonWebToken token;

    /** The caller's own token, passed on to simulator-service and catalog-service so their tenancy applies. */
    private String bearer() {
        return "Bearer " + token.getRawToken();
    }

    @GET
    @Path("power-prices")
    @Tag(name = "tco")
    @Operation(summary = "Regional electricity prices (USD/kWh), each with its basis and source")
    public Uni<List<PowerPriceView>> powerPrices() {
        caller.id();
        return power.list();
    }

    @POST
    @Path("tco")
    @Tag(name = "tco")
    @Operation(summary = "USD per GPU-hour split into capital, energy, opex and rental, from TCO assumptions")
    public Uni<GpuHourCost> tco(TcoAssumptions assumptions) {
        caller.id();
        return service.gpuHour(assumptions);
    }

    @GET
    @Path("tier-plans/default-tiers")
    @Tag(name = "tier plans")
    @Operation(summary = "The default tier table: Free, $3, $6, $45, $150 per million output tokens. The interactivity "
            + "floors are ILLUSTRATIVE defaults, not sourced figures: edit them in your request")
    public List<Tier> defaultTiers() {
        caller.id();
        return DefaultTiers.TIERS;
    }

    @POST
    @Path("tier-plans")
    @Tag(name = "tier plans")
    @Operation(summary = "Split a facility's power across price tiers for each configuration's Pareto frontier: a fixed "
            + "split and the revenue-maximizing allocation under demand caps, side by side. A configuration may name a "
            + "finished simulator sweep (sweepId) of the caller's tenant instead of a frontier: its Pareto points are "
            + "read from simulator-service (404 naming the field when unknown, 409 while unfinished). Default tiers' "
            + "interactivity floors are illustrative")
    public Uni<TierPlanResult> tierPlan(TierPlanRequest request) {
        caller.id();
        return service.tierPlan(request, bearer());
    }

    @POST
    @Path("tier-plans")
    @Produces(Csv.MEDIA_TYPE)
    @Tag(name = "tier plans")
    @Operation(summary = "The tier plan as CSV: one row per configuration, allocation method and tier")
    public Uni<String> tierPlanCsv(TierPlanRequest request) {
        caller.id();
        return service.tierPlan(request, bearer()).map(CsvRows::tierPlan);
    }

    @POST
    @Path("market-comparison")
    @Tag(name = "tco")
    @Operation(summary = "Self-hosted cost per million tokens (TCO + a replica's throughput at the workload's input/output "
            + "mix) against published API prices: the catalog model's (modelId) and any marketPrices given (e.g. rows "
            + "of shared/data/prices.csv), with the ratio and the saving")
    public Uni<MarketComparison> marketComparison(MarketComparisonRequest request) {
        caller.id();
        return service.marketComparison(request, bearer());
    }

    @POST
    @Path("market-comparison")
    @Produces(Csv.MEDIA_TYPE)
    @Tag(name = "tco")
    @Operation(summary = "The market comparison as CSV: one row per market price")
    public Uni<String> marketComparisonCsv(MarketComparisonRequest request) {
        caller.id();
        return service.marketComparison(request, bearer()).map(CsvRows::marketComparison);
    }

    @POST
    @Path("token-cost")
    @Tag(name = "tco")
    @Operation(summary = "A replica's cost per million output tokens (all replica time charged to them) and, with "
            + "tokensPerSecond, per million tokens of either kind, split into capital, energy, opex and rental: from TCO "
            + "assumptions (tco, as for POST /api/pricing/tco) or from the platform GPU-hour rate of a catalog "
            + "accelerator (acceleratorId; rented, power included; rateBasis says how far to trust it)")
    public Uni<TokenCost> tokenCost(TokenCostRequest request) {
        caller.id();
        return service.tokenCost(request);
    }

    @POST
    @Path("unit-economics")
    @Tag(name = "unit economics")
    @Operation(summary = "Cost to serve, margin, LTV, LTV/CAC and CAC payback per segment, and the growth curve of the "
            + "user mix (seed 000's anti-internet effect: loss per dollar of revenue)")
    public UnitEconomicsResult unitEconomics(UnitEconomicsRequest request) {
        caller.id();
        return service.unitEconomics(request);
    }

    @POST
    @Path("unit-economics")
    @Produces(Csv.MEDIA_TYPE)
    @Tag(name = "unit economics")
    @Operation(summary = "The unit economics as CSV: one row per segment, then one per growth point")
    public String unitEconomicsCsv(UnitEconomicsRequest request) {
        caller.id();
        return CsvRows.unitEconomics(service.unitEconomics(request));
    }

    @POST
    @Path("efficiency-scores")
    @Tag(name = "efficiency")
    @Operation(summary = "Quality points per USD per million tokens (seed 002's efficiency score) for the given models; "
            + "the default blend is the input price, as in seed 002's table. A model may name a catalog model "
            + "(modelId: name, MMLU and API price read from catalog-service; 404 naming the field when unknown) and/or "
            + "a quote of the caller's tenant (quoteId) to score a self-hosted configuration at its simulated cost")
    public Uni<List<EfficiencyRow>> efficiency(EfficiencyRequest request) {
        return service.efficiency(caller.id(), request, bearer());
    }

    @POST
    @Path("efficiency-scores")
    @Produces(Csv.MEDIA_TYPE)
    @Tag(name = "efficiency")
    @Operation(summary = "The efficiency table as CSV")
    public Uni<String> efficiencyCsv(EfficiencyRequest request) {
        return service.efficiency(caller.id(), request, bearer()).map(CsvRows::efficiency);
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.GpuHourCost;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;
import io.tokenomics.pricing.domain.TcoAssumptions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import static io.tokenomics.pricing.service.TcoCalculator.MILLION;

/**
 * Cost per token of one simulated replica (count accelerators at a GPU-hour cost g, in USD):
 * <pre>
 *   replica $/s          = g x count / 3600
 *   $/M output tokens    = replica $/s / decode tokens per decode-busy second x 1e6
 *   $/M input tokens     = replica $/s / prefill tokens per prefill-busy second x 1e6     (per-phase only)
 *   input / output split = each cost part of the replica $/s priced the same way (capital, energy, opex, rental)
 *   $/M blended          = (I x $/M input + O x $/M output) / (I + O)      at the price book's I:O workload mix
 *   $/M useful output    = $/M output / useful-output fraction
 *   J per output token   = replica watts x PUE / decode tokens per second
 * </pre>
 * Attribution rule: GPU time is charged to the phase that keeps the replica busy. With per-phase busy time (or a
 * prefill rate) from the simulator, prefill time goes to input tokens and decode time to output tokens. Without it
 * (today's {@code simulation.completed.v1}) all replica time is charged to output tokens at the decode rate, which is
 * the skeleton's figure, and input/blended costs are left null and named in {@code missing}.
 */
public final class QuoteCalculator {
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private QuoteCalculator() {
    }

    /**
     * @param gpuHour   unrounded USD per GPU-hour of the accelerator
     * @param tco       the accelerator's TCO assumptions (for watts and PUE), or null when priced at a bare rate
     * @param rateBasis where the GPU-hour cost comes from
     */
    public static QuoteResult quote(SimulationFigures f, TcoCalculator.Parts gpuHour, TcoAssumptions tco,
                                    String rateBasis, PriceBookTerms terms) {
        if (f.acceleratorCount() < 1) {
            throw new IllegalArgumentException("at least one accelerator serves a replica, was " + f.acceleratorCount());
        }
        double decodeRate = f.decodeRate();
        if (!Double.isFinite(decodeRate) || decodeRate <= 0) {
            throw new IllegalArgumentException("output tokens per second must be finite and positive, was " + decodeRate);
        }
        BigDecimal fx = terms.fxRate();
        String currency = terms.currency();
        List<String> missing = new ArrayList<>();
        BigDecimal count = BigDecimal.valueOf(f.acceleratorCount());
        // currency per second of the whole replica, per cost part
        TcoCalculator.Parts perSecond = gpuHour.times(count.multiply(fx, MC).divide(SECONDS_PER_HOUR, MC));
        BigDecimal decode = BigDecimal.valueOf(decodeRate);

        TcoCalculator.Parts outParts = perSecond.times(MILLION.divide(decode, MC));
        BigDecimal out = outParts.total();

        BigDecimal low = null;
        BigDecimal high = null;
        if (f.outputTokensPerSecondHigh() != null && f.outputTokensPerSecondHigh() > 0) {
            low = perSecond.total().multiply(MILLION, MC).divide(BigDecimal.valueOf(f.outputTokensPerSecondHigh()), MC);
        }
        if (f.outputTokensPerSecondLow() != null && f.outputTokensPerSecondLow() > 0) {
            high = perSecond.total().multiply(MILLION, MC).divide(BigDecimal.valueOf(f.outputTokensPerSecondLow()), MC);
        }
        if (low == null && high == null) {
            missing.add("confidence range (outputTokensPerSecondLow/High)");
        }

        Double prefillRate = f.prefillRate();
        BigDecimal in = null;
        TcoCalculator.Parts inParts = null;
        String attribution;
        if (prefillRate != null && Double.isFinite(prefillRate)) {
            in = perSecond.total().multiply(MILLION, MC).divide(BigDecimal.valueOf(prefillRate), MC);
            // the same replica time, split by cause like the output side (parts in the GPU-hour's proportions)
            inParts = perSecond.times(MILLION.divide(BigDecimal.valueOf(prefillRate), MC));
            attribution = "per-phase";
        } else {
            attribution = "decode-only";
            missing.add("input-token cost (prefill busy time or inputTokensPerSecond)");
        }

        BigDecimal blended = null;
        if (in != null && terms.workload() != null) {
            BigDecimal i = terms.workload().inputTokensPerRequest();
            BigDecimal o = terms.workload().outputTokensPerRequest();
            blended = i.multiply(in, MC).add(o.multiply(out, MC)).divide(i.add(o), MC);
        } else if (terms.workload() == null) {
            missing.add("blended cost (the price book has no workload mix)");
        } else {
            missing.add("blended cost (needs the input-token cost)");
        }

        BigDecimal useful;
        String usefulBasis;
        if (f.usefulOutputFraction() != null && f.usefulOutputFraction() > 0 && f.usefulOutputFraction() <= 1) {
            useful = BigDecimal.valueOf(f.usefulOutputFraction());
            usefulBasis = "simulation";
        } else if (terms.usefulOutputPercent() != null) {
            useful = terms.usefulOutputPercent().divide(TcoCalculator.HUNDRED, MC);
            usefulBasis = "price-book";
        } else {
            useful = BigDecimal.ONE;
            usefulBasis = "default (all output useful)";
        }

        BigDecimal pue = tco == null || tco.pue() == null ? BigDecimal.ONE : tco.pue();
        BigDecimal watts = null;
        String energyBasis;
        if (f.averageWatts() != null && f.averageWatts() > 0) {
            watts = BigDecimal.valueOf(f.averageWatts());
            energyBasis = "simulation watts x price-book PUE";
        } else if (tco != null && tco.wattsPerGpu() != null) {
            watts = tco.wattsPerGpu().multiply(count, MC)
                    .multiply(TcoCalculator.percent(tco.utilizationPercent(), BigDecimal.ONE), MC);
            energyBasis = "price-book watts x utilization x PUE";
        } else {
            energyBasis = "none";
            missing.add("energy per token (no watts from the simulation or the price book)");
        }
        BigDecimal joulesOut = watts == null ? null : watts.multiply(pue, MC).divide(decode, MC);
        BigDecimal joulesIn = watts == null || prefillRate == null ? null
                : watts.multiply(pue, MC).divide(BigDecimal.valueOf(prefillRate), MC);

        GpuHourCost gpuHourInCurrency = gpuHour.times(fx).rounded(currency);
        // parts rounded to sum exactly to the headline figure (largest remainder, SplitRounding)
        CostParts split = outParts.split(round(out));
        CostParts inSplit = inParts == null ? null : inParts.split(round(in));
        return new QuoteResult(currency, fx, rateBasis, gpuHourInCurrency, round(out), split, round(low), round(high),
                round(in), inSplit, round(blended), terms.workload(), round(useful), usefulBasis,
                round(out.divide(useful, MC)), round(joulesOut), round(joulesIn), energyBasis, attribution,
                List.copyOf(missing));
    }

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(Money.SCALE, Money.ROUNDING);
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.FactoryConfiguration;
import io.tokenomics.pricing.domain.FrontierPoint;
import io.tokenomics.pricing.domain.Tier;
import io.tokenomics.pricing.domain.TierPlanRequest;
import io.tokenomics.pricing.domain.TierPlanResult;
import io.tokenomics.pricing.domain.TierPlanResult.Allocation;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TierPlanCalculatorTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static Tier tier(String name, String price, String floor, String capTokens, String share) {
        return new Tier(name, d(price), null, d(floor), capTokens == null ? null : d(capTokens), null,
                share == null ? null : d(share));
    }

    /** Two frontier points: 200,000 tok/s per MW at 20 tok/s per user, 20,000 tok/s per MW at 100 tok/s per user. */
    private static FactoryConfiguration twoPoint() {
        return new FactoryConfiguration("test-gpu", List.of(
                new FrontierPoint(d("20"), d("200000")), new FrontierPoint(d("100"), d("20000"))),
                d("10000000"), d("100000"), 5, d("0"));
    }

    private static TierPlanRequest request(List<Tier> tiers) {
        return new TierPlanRequest(d("20"), null, d("0.05"), null, null, tiers, List.of(twoPoint()));
    }

    /**
     * The higher price is not the better use of a MW: Premium ($45) runs at 20,000 tok/s per MW and earns
     * 45 x 20,000 / 1e6 = 0.9 USD/s per MW; Fast ($6) runs at 200,000 tok/s per MW and earns 1.2 USD/s per MW. Fast is
     * capped at 1,000,000 tok/s = 5 MW, Premium at 600,000 tok/s = 30 MW; the facility has 20 MW.
     */
    @Test
    void revenueMaximizingFillsTiersByRevenuePerMwNotByPrice() {
        List<Tier> tiers = List.of(
                tier("Free", "0", "10", null, null),
                tier("Premium", "45", "100", "600000", null),
                tier("Fast", "6", "20", "1000000", null));

        Allocation best = TierPlanCalculator.plan(request(tiers)).configurations().getFirst().revenueMaximizing();

        // greedy: Fast 5 MW (its cap, 1,000,000 tok/s), then Premium the remaining 15 MW (300,000 tok/s); Free nothing
        assertThat(best.tiers()).extracting(TierPlanResult.TierAllocation::allocatedMw)
                .containsExactly(d("0.000000"), d("15.000000"), d("5.000000"));
        assertThat(best.tiers().get(2).capped()).isTrue();
        assertThat(best.tiers().get(1).revenuePerMwSecond()).isEqualTo(d("0.900000"));
        assertThat(best.tiers().get(2).revenuePerMwSecond()).isEqualTo(d("1.200000"));
        // (6 x 1.0 + 45 x 0.3) USD/s = 19.5 USD/s x 31,536,000 s = 614,952,000 USD a year; by price order it would be
        // 45 x 0.4 = 18 USD/s = 567,648,000
        assertThat(best.revenuePerYear()).isEqualTo(d("614952000.000000"));
        assertThat(best.revenuePerMwYear()).isEqualTo(d("30747600.000000"));
        assertThat(best.tokensPerYear()).isEqualTo(d("40996800000000"));
        // Premium users: 300,000 tok/s at 100 tok/s each
        assertThat(best.tiers().get(1).users()).isEqualTo(d("3000.000"));
        // energy: 20 MW x 1000 kW x 8760 h x 0.05 = 8,760,000; capital: 200 M / 5 years (r = 0) = 40,000,000;
        // opex 20 x 100,000 = 2,000,000; total 50,760,000
        assertThat(best.energyCostPerYear()).isEqualTo(d("8760000.000000"));
        assertThat(best.capitalCostPerYear()).isEqualTo(d("40000000.000000"));
        assertThat(best.totalCostPerYear()).isEqualTo(d("50760000.000000"));
        // (614.952 - 50.76) / 614.952 = 91.7457 %; payback 200 M / (614.952 - 8.76 - 2) M = 0.331021 years
        assertThat(best.grossMarginPercent()).isEqualTo(d("91.7457"));
        assertThat(best.paybackYears()).isEqualTo(d("0.331021"));
        assertThat(best.idleMw()).isEqualTo(d("0.000000"));
    }

    @Test
    void fixedSplitLeavesPowerAboveACapIdle() {
        List<Tier> tiers = List.of(
                tier("Free", "0", "10", null, "0"),
                tier("Premium", "45", "100", "600000", "50"),
                tier("Fast", "6", "20", "1000000", "50"));

        Allocation fixed = TierPlanCalculator.plan(request(tiers)).configurations().getFirst().fixedSplit();

        // Premium 10 MW -> 200,000 tok/s (9 USD/s); Fast gets 10 MW but its cap uses 5 MW (6 USD/s); 5 MW idle
        assertThat(fixed.tiers().get(2).allocatedMw()).isEqualTo(d("10.000000"));
        assertThat(fixed.tiers().get(2).usedMw()).isEqualTo(d("5.000000"));
        assertThat(fixed.idleMw()).isEqualTo(d("5.000000"));
        // 15 USD/s x 31,536,000 = 473,040,000; energy 15 MW x 1000 x 8760 x 0.05 = 6,570,000
        assertThat(fixed.revenuePerYear()).isEqualTo(d("473040000.000000"));
        assertThat(fixed.energyCostPerYear()).isEqualTo(d("6570000.000000"));
        assertThat(fixed.grossMarginPercent()).isEqualTo(d("89.7324"));
        assertThat(fixed.paybackYears()).isEqualTo(d("0.430598"));
    }

    @Test
    void defaultTiersSplitEquallyOverThePaidTiersAndAnUnreachableFloorGetsNothing() {
        // the only point is 150 tok/s per user: Ultra's illustrative 400 tok/s floor cannot be met
        FactoryConfiguration hopperLike = new FactoryConfiguration("one-point",
                List.of(new FrontierPoint(d("150"), d("100000"))), null, null, null, null);
        TierPlanResult result = TierPlanCalculator.plan(new TierPlanRequest(d("1000"), null, d("0.091"), null, null,
                null, List.of(hopperLike)));

        assertThat(result.tiers()).extracting(Tier::sharePercent)
                .containsExactly(d("0"), d("25"), d("25"), d("25"), d("25"));
        Allocation fixed = result.configurations().getFirst().fixedSplit();
        assertThat(fixed.tiers().get(4).reachable()).isFalse();
        assertThat(fixed.tiers().get(4).usedMw()).isEqualTo(d("0.000000"));
        assertThat(fixed.idleMw()).isEqualTo(d("250.000000"));
        // no caps: all 1000 MW go to Premium ($45), the best reachable revenue per MW (45 x 100,000 / 1e6 = 4.5 USD/s)
        Allocation best = result.configurations().getFirst().revenueMaximizing();
        assertThat(best.tiers().get(3).allocatedMw()).isEqualTo(d("1000.000000"));
        // 4.5 USD/s per MW x 31,536,000 s = 141,912,000 USD per MW-year
        assertThat(best.revenuePerMwYear()).isEqualTo(d("141912000.000000"));
        assertThat(best.paybackYears()).isEqualTo(d("0.000000")); // no capex given
    }

    /** The greedy matches an independent simplex solver (commons-math3) on random instances with caps. */
    @Test
    void greedyEqualsTheLinearProgramOptimumOnRandomInstances() {
        Random random = new Random(42);
        for (int instance = 0; instance < 200; instance++) {
            int n = 2 + random.nextInt(5);
            List<Tier> tiers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String cap = random.nextInt(4) == 0 ? null : String.valueOf(50_000 + random.nextInt(2_000_000));
                tiers.add(tier("t" + i, String.valueOf(random.nextInt(150)), String.valueOf(5 + random.nextInt(300)), cap, null));
            }
            List<FrontierPoint> frontier = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(6); p++) {
                frontier.add(new FrontierPoint(d(String.valueOf(5 + random.nextInt(400))),
                        d(String.valueOf(1000 + random.nextInt(300_000)))));
            }
            BigDecimal facility = d(String.valueOf(1 + random.nextInt(100)));
            TierPlanRequest request = new TierPlanRequest(facility, null, d("0.05"), null, null, tiers,
                    List.of(new FactoryConfiguration("c", frontier, null, null, null, null)));
            double greedy = TierPlanCalculator.plan(request).configurations().getFirst().revenueMaximizing()
                    .revenuePerYear().doubleValue() / TierPlanCalculator.SECONDS_PER_YEAR.doubleValue();

            double[] r = new double[n];
            List<LinearConstraint> constraints = new ArrayList<>();
            double[] ones = new double[n];
            for (int i = 0; i < n; i++) {
                var offer = TierPlanCalculator.offer(tiers.get(i), frontier, request);
                r[i] = offer.revenuePerMwSecond().doubleValue();
                ones[i] = 1;
                double[] unit = new double[n];
                unit[i] = 1;
                double bound = !offer.reachable() ? 0 : offer.capMw() == null ? 1e9 : offer.capMw().doubleValue();
                constraints.add(new LinearConstraint(unit, Relationship.LEQ, bound));
            }
            constraints.add(new LinearConstraint(ones, Relationship.LEQ, facility.doubleValue()));
            PointValuePair lp = new SimplexSolver().optimize(new MaxIter(1000), new LinearObjectiveFunction(r, 0),
                    new LinearConstraintSet(constraints), GoalType.MAXIMIZE, new NonNegativeConstraint(true));

            assertThat(greedy).as("instance %d", instance).isCloseTo(lp.getValue(), within(1e-6 * Math.max(1, lp.getValue())));
        }
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.PricePlan;
import io.tokenomics.pricing.domain.Segment;
import io.tokenomics.pricing.domain.ServingCost;
import io.tokenomics.pricing.domain.UnitEconomicsRequest;
import io.tokenomics.pricing.domain.UnitEconomicsResult;
import io.tokenomics.pricing.domain.UnitEconomicsResult.GrowthPoint;
import io.tokenomics.pricing.domain.UnitEconomicsResult.SegmentEconomics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnitEconomicsCalculatorTest {
    private static final ServingCost COST = new ServingCost(new BigDecimal("0.50"), new BigDecimal("2.00"));

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static PricePlan subscription(String fee, String included, String overage) {
        return new PricePlan(PricePlan.Type.SUBSCRIPTION, null, null, d(fee), d(included), d(overage), null);
    }

    /** Seed 004: a law firm with dozens of 500k-token analyses a week (36 a week = 156 a month). */
    @Test
    void lawFirmOnASubscriptionWithOverage() {
        Segment lawFirm = new Segment("law firm", d("10"), d("156"), d("500000"), d("2000"),
                subscription("500", "50000000", "1"), d("2"), d("5000"));

        SegmentEconomics e = UnitEconomicsCalculator.evaluate(
                new UnitEconomicsRequest(COST, List.of(lawFirm), null, null)).segments().getFirst();

        // 78,000,000 input tokens x 0.5 / 1e6 = 39; 312,000 output x 2 / 1e6 = 0.624; cost 39.624
        assertThat(e.costToServePerUserMonth()).isEqualTo(d("39.624000"));
        // 500 + (78,312,000 - 50,000,000) / 1e6 x 1 = 528.312
        assertThat(e.revenuePerUserMonth()).isEqualTo(d("528.312000"));
        assertThat(e.marginPerUserMonth()).isEqualTo(d("488.688000"));
        // LTV = 488.688 / 0.02 = 24,434.4; / 5000 CAC = 4.88688; payback 5000 / 488.688 = 10.231477 months
        assertThat(e.ltvUsd()).isEqualTo(d("24434.400000"));
        assertThat(e.ltvToCac()).isEqualTo(d("4.886880"));
        assertThat(e.cacPaybackMonths()).isEqualTo(d("10.231477"));
        assertThat(e.marginPerMonth()).isEqualTo(d("4886.880000"));
    }

    /** Seed 004: a casual user with a few 10k-token queries a month, free with ads. */
    @Test
    void casualUserCoversServingButNotAcquisition() {
        Segment casual = new Segment("casual", d("1000"), d("3"), d("10000"), d("500"),
                new PricePlan(PricePlan.Type.FREE_WITH_ADS, null, null, null, null, null, d("0.05")), d("10"), d("2"));

        SegmentEconomics e = UnitEconomicsCalculator.evaluate(
                new UnitEconomicsRequest(COST, List.of(casual), null, null)).segments().getFirst();

        // 30,000 x 0.5 / 1e6 = 0.015 + 1,500 x 2 / 1e6 = 0.003 -> 0.018; margin 0.05 - 0.018 = 0.032
        assertThat(e.costToServePerUserMonth()).isEqualTo(d("0.018000"));
        assertThat(e.marginPerUserMonth()).isEqualTo(d("0.032000"));
        // LTV 0.032 / 0.10 = 0.32; LTV / CAC = 0.16; 62.5 months to pay back 2 USD
        assertThat(e.ltvUsd()).isEqualTo(d("0.320000"));
        assertThat(e.ltvToCac()).isEqualTo(d("0.160000"));
        assertThat(e.cacPaybackMonths()).isEqualTo(d("62.500000"));
    }

    /**
     * Seed 000's anti-internet effect: half the users pay 10 USD a month but use 12.2 M tokens (12.2 USD at 1 USD/M),
     * half use 10 M tokens for free. Every 1 USD of revenue costs 2.22: 1.22 lost per dollar, at any size, so the
     * absolute loss grows with the user count.
     */
    @Test
    void growthCurveShowsLossGrowingWithUsers() {
        ServingCost oneDollar = new ServingCost(d("1"), d("1"));
        Segment paying = new Segment("paying", d("1"), d("1"), d("6100000"), d("6100000"),
                subscription("10", "1000000000", "0"), d("5"), d("0"));
        Segment free = new Segment("free", d("1"), d("1"), d("5000000"), d("5000000"),
                new PricePlan(PricePlan.Type.FREE_WITH_ADS, null, null, null, null, null, null), d("5"), d("0"));

        UnitEconomicsResult result = UnitEconomicsCalculator.evaluate(new UnitEconomicsRequest(oneDollar,
                List.of(paying, free), List.of(d("1000"), d("10000")), null));

        GrowthPoint small = result.growth().get(0);
        GrowthPoint large = result.growth().get(1);
        // 1000 users: revenue 500 x 10 = 5000; cost 500 x 12.2 + 500 x 10 = 11,100; margin -6100
        assertThat(small.revenuePerMonth()).isEqualTo(d("5000.000000"));
        assertThat(small.costToServePerMonth()).isEqualTo(d("11100.000000"));
        assertThat(small.marginPerMonth()).isEqualTo(d("-6100.000000"));
        assertThat(small.lossPerRevenueDollar()).isEqualTo(d("1.220000"));
        assertThat(large.marginPerMonth()).isEqualTo(d("-61000.000000"));
        assertThat(large.lossPerRevenueDollar()).isEqualTo(d("1.220000"));
        // the cost per token must fall to 5000 / 11100 = 45.045 % of today's for margin 0
        assertThat(small.breakEvenServingCostScale()).isEqualTo(d("0.450450"));
    }

    @Test
    void fixedCostsMakeSmallScaleWorse() {
        ServingCost oneDollar = new ServingCost(d("1"), d("1"));
        Segment paying = new Segment("paying", d("1"), d("1"), d("1000000"), d("1000000"),
                new PricePlan(PricePlan.Type.PER_TOKEN, d("3"), d("3"), null, null, null, null), d("5"), d("10"));
        UnitEconomicsResult result = UnitEconomicsCalculator.evaluate(new UnitEconomicsRequest(oneDollar,
                List.of(paying), List.of(d("100"), d("1000")), d("1000")));
        // per user: revenue 6, cost 2, margin 4; 100 users: 400 - 1000 fixed = -600; 1000 users: 4000 - 1000 = 3000
        assertThat(result.growth().get(0).marginPerMonth()).isEqualTo(d("-600.000000"));
        assertThat(result.growth().get(0).lossPerRevenueDollar()).isEqualTo(d("1.000000"));
        assertThat(result.growth().get(1).marginPerMonth()).isEqualTo(d("3000.000000"));
        assertThat(result.growth().get(1).lossPerRevenueDollar()).isEqualTo(d("-0.500000"));
    }
}

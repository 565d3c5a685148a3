package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.CostParts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitRoundingTest {
    private static final BigDecimal UNIT = new BigDecimal("0.000001");

    private static BigDecimal[] d(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
    }

    private static BigDecimal sum(BigDecimal... values) {
        return Arrays.stream(values).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void theQuoteInputSplitNowSumsToItsTotal() {
        // QuoteCalculatorTest's input split (GPU-hour part / 18): on their own the parts round to
        // 0.058663 + 0.003397 + 0.013952 = 0.076012, one unit short of the total 0.076013. Rounded down they are the
        // same; remainders capital 0.115, energy 0.333, opex 0.308 (x 1e-6): the missing unit goes to energy.
        BigDecimal capital = new BigDecimal("9250").divide(new BigDecimal("8760"), MathContext.DECIMAL128)
                .divide(new BigDecimal("18"), MathContext.DECIMAL128);
        BigDecimal energy = new BigDecimal("0.061152").divide(new BigDecimal("18"), MathContext.DECIMAL128);
        BigDecimal opex = new BigDecimal("2200").divide(new BigDecimal("8760"), MathContext.DECIMAL128)
                .divide(new BigDecimal("18"), MathContext.DECIMAL128);
        BigDecimal total = sum(capital, energy, opex).setScale(6, RoundingMode.HALF_EVEN);
        assertThat(total).isEqualTo(new BigDecimal("0.076013"));

        BigDecimal[] parts = SplitRounding.allocate(total, capital, energy, opex, BigDecimal.ZERO);

        assertThat(parts).containsExactly(d("0.058663", "0.003398", "0.013952", "0.000000"));
        assertThat(sum(parts)).isEqualTo(total);
    }

    @Test
    void equalRemaindersGoToTheEarlierPart() {
        // thirds of 1: each rounds down to 0.333333 (0.999999 in all), all remainders equal: the first part gets the unit
        BigDecimal third = BigDecimal.ONE.divide(new BigDecimal("3"), MathContext.DECIMAL128);
        assertThat(SplitRounding.allocate(new BigDecimal("1.000000"), third, third, third))
                .containsExactly(d("0.333334", "0.333333", "0.333333"));
        // two halves of a unit tie; the order given decides, not the values
        assertThat(SplitRounding.allocate(new BigDecimal("0.000001"), d("0.0000005", "0.0000005", "0")))
                .containsExactly(d("0.000001", "0.000000", "0.000000"));
        assertThat(SplitRounding.allocate(new BigDecimal("0.000001"), d("0", "0.0000005", "0.0000005")))
                .containsExactly(d("0.000000", "0.000001", "0.000000"));
    }

    @Test
    void aZeroPartStaysZeroAndExactPartsKeepTheirValue() {
        // 0.0000009 + 0 + 0.0000009 = 0.0000018 -> total 0.000002: both units go to the non-zero parts, none to the
        // zero part although it comes before the third
        assertThat(SplitRounding.allocate(new BigDecimal("0.000002"), d("0.0000009", "0", "0.0000009")))
                .containsExactly(d("0.000001", "0.000000", "0.000001"));
        // parts already on the scale come back unchanged (rental 2 USD/h, no other part)
        assertThat(SplitRounding.allocate(new BigDecimal("2.000000"), d("0", "0", "0", "2")))
                .containsExactly(d("0.000000", "0.000000", "0.000000", "2.000000"));
    }

    @Test
    void negativePartsAreRoundedDownTowardsNegativeInfinity() {
        // -0.0000004 + 0.0000019 = 0.0000015 -> total 0.000002 (HALF_EVEN). Rounded down: -0.000001 (remainder 0.6)
        // and 0.000001 (remainder 0.9), sum 0: two units missing, one each
        assertThat(SplitRounding.allocate(new BigDecimal("0.000002"), d("-0.0000004", "0.0000019")))
                .containsExactly(d("0.000000", "0.000002"));
        // a credit larger than the cost: -1.2345674 + 0.5000001 = -0.7345673 -> -0.734567
        BigDecimal[] parts = SplitRounding.allocate(new BigDecimal("-0.734567"), d("-1.2345674", "0.5000001"));
        assertThat(parts).containsExactly(d("-1.234567", "0.500000"));
    }

    @Test
    void aTotalThatIsNotARoundingOfTheSumIsRejected() {
        assertThatThrownBy(() -> SplitRounding.allocate(new BigDecimal("0.0000015"), d("0.0000015")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 6 places");
        assertThatThrownBy(() -> SplitRounding.allocate(new BigDecimal("0.000010"), d("0.000001", "0.000002")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a rounding");
        assertThatThrownBy(() -> SplitRounding.allocate(new BigDecimal("-0.000001"), d("0.000001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a rounding");
    }

    @Test
    void partsSumToTheRoundedTotalForManyRandomSplits() {
        Random random = new Random(20261123L);
        for (int run = 0; run < 20_000; run++) {
            int n = 1 + random.nextInt(6);
            boolean allowNegative = run % 4 == 0;
            BigDecimal[] parts = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(6);
                if (kind == 0) {
                    parts[i] = BigDecimal.ZERO;
                } else if (kind == 1) {
                    parts[i] = BigDecimal.valueOf(random.nextInt(10_000_000), 6); // already on the scale
                } else {
                    long unscaled = random.nextLong() % 1_000_000_000_000_000L;
                    parts[i] = BigDecimal.valueOf(allowNegative ? unscaled : Math.abs(unscaled), 6 + random.nextInt(10));
                }
            }
            BigDecimal total = sum(parts).setScale(6, RoundingMode.HALF_EVEN);

            BigDecimal[] rounded = SplitRounding.allocate(total, parts);

            String at = "run " + run + " parts " + Arrays.toString(parts);
            assertThat(sum(rounded)).as(at).isEqualTo(total);
            for (int i = 0; i < n; i++) {
                BigDecimal floor = parts[i].setScale(6, RoundingMode.FLOOR);
                assertThat(rounded[i].scale()).as(at).isEqualTo(6);
                assertThat(rounded[i]).as(at).isIn(floor, floor.add(UNIT));
                if (parts[i].compareTo(floor) == 0) {
                    assertThat(rounded[i]).as(at + " exact part " + i).isEqualByComparingTo(parts[i]);
                }
                // largest remainder: a part that got a unit has a remainder at least that of any part that did not
                // (and, when equal, comes first)
                if (rounded[i].compareTo(floor) > 0) {
                    BigDecimal remI = parts[i].subtract(floor);
                    for (int j = 0; j < n; j++) {
                        BigDecimal floorJ = parts[j].setScale(6, RoundingMode.FLOOR);
                        if (rounded[j].compareTo(floorJ) == 0) {
                            int c = remI.compareTo(parts[j].subtract(floorJ));
                            assertThat(c > 0 || (c == 0 && i < j)).as(at + " part " + i + " vs " + j).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void everySplitFromTheTcoPartsSumsToItsTotal() {
        // the own-hardware GPU-hour per million tokens of a 4-GPU replica at 20,000 tok/s (QuoteCalculatorTest)
        TcoCalculator.Parts perMillion = TokenCostCalculator.perMillionTokens(
                TcoCalculator.parts(TcoCalculatorTest.own("0")), 4, new BigDecimal("20000"));
        CostParts split = perMillion.split();
        assertThat(split.total()).isEqualTo(new BigDecimal("0.076013"));
        assertThat(split.capital().add(split.energy()).add(split.opex()).add(split.rental())).isEqualTo(split.total());
        assertThat(perMillion.rounded("USD").energy()).isEqualTo(new BigDecimal("0.003398"));
    }
}

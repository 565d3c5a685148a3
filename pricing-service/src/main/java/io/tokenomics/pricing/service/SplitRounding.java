package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Rounds the parts of a money split to {@link Money#SCALE} places so that they add up exactly to the split's rounded
 * total (largest-remainder method):
 * <ol>
 *   <li>every part is rounded down (towards negative infinity, so negative parts work alike) to the scale;</li>
 *   <li>the units of 1e-6 still missing to reach the total are given one each to the parts with the largest
 *       remainders (what step 1 cut off); equal remainders go to the earlier part in the order given.</li>
 * </ol>
 * When the total is the {@link Money#ROUNDING} rounding of the parts' exact sum, between 0 and (number of parts with
 * a non-zero remainder) units are missing, so no part moves by more than 1e-6 from its own rounding down (at most
 * 1e-6 from its own HALF_EVEN rounding), and a part that is exactly on the scale (zero included) keeps its value.
 */
public final class SplitRounding {
    private static final BigDecimal UNIT = BigDecimal.ONE.movePointLeft(Money.SCALE);

    private SplitRounding() {
    }

    /**
     * @param total the split's total, already at most {@link Money#SCALE} places (e.g. the HALF_EVEN rounding of the
     *              unrounded sum of {@code parts})
     * @param parts the unrounded parts, in the order that breaks ties on remainder (earlier wins)
     * @return the parts at scale {@link Money#SCALE}, in the given order, summing exactly to {@code total}
     * @throws IllegalArgumentException if {@code total} has more places than the scale, or cannot be reached by
     *                                  adding at most one unit to each part rounded down (it is then not a rounding
     *                                  of the parts' sum)
     */
    public static BigDecimal[] allocate(BigDecimal total, BigDecimal... parts) {
        Objects.requireNonNull(total, "total");
        if (parts.length == 0) {
            throw new IllegalArgumentException("a split has at least one part");
        }
        BigDecimal scaledTotal;
        try {
            scaledTotal = total.setScale(Money.SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the total must have at most " + Money.SCALE + " places, was " + total);
        }
        BigDecimal[] rounded = new BigDecimal[parts.length];
        BigDecimal[] remainders = new BigDecimal[parts.length];
        BigDecimal floorSum = BigDecimal.ZERO;
        for (int i = 0; i < parts.length; i++) {
            BigDecimal part = Objects.requireNonNull(parts[i], "part " + i);
            rounded[i] = part.setScale(Money.SCALE, RoundingMode.FLOOR);
            remainders[i] = part.subtract(rounded[i]);
            floorSum = floorSum.add(rounded[i]);
        }
        // the units of 1e-6 the rounded-down parts lack; exact since both sides are at the scale
        long missing = scaledTotal.subtract(floorSum).divide(UNIT).longValueExact();
        if (missing < 0 || missing > parts.length) {
            throw new IllegalArgumentException("the total " + scaledTotal + " is not a rounding of the parts' sum "
                    + Arrays.stream(parts).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        Integer[] order = new Integer[parts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable sort: equal remainders keep the given part order
        Arrays.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int j = 0; j < missing; j++) {
            rounded[order[j]] = rounded[order[j]].add(UNIT);
        }
        return rounded;
    }
}

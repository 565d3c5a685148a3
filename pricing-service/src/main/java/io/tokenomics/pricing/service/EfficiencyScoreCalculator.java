package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.ModelPrice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Efficiency score = quality / blended USD per million tokens, blended = w x input price + (1 - w) x output price.
 * Seed 002 ("MMLU points per $1") uses w = 1, the input price: 88.7 / 5.00 = 17.74 -> 17.7 for GPT-4o. Scores are
 * rounded to one decimal HALF_UP (the seed shows 138.98 as 139.0); rank 1 is the highest score, ties share a rank.
 */
public final class EfficiencyScoreCalculator {
    private static final MathContext MC = MathContext.DECIMAL128;

    private EfficiencyScoreCalculator() {
    }

    public static BigDecimal blended(ModelPrice m, BigDecimal inputWeight) {
        BigDecimal in = m.usdPerMillionInputTokens() == null ? BigDecimal.ZERO : m.usdPerMillionInputTokens();
        BigDecimal out = m.usdPerMillionOutputTokens() == null ? BigDecimal.ZERO : m.usdPerMillionOutputTokens();
        return in.multiply(inputWeight, MC).add(out.multiply(BigDecimal.ONE.subtract(inputWeight), MC));
    }

    public static BigDecimal score(BigDecimal quality, BigDecimal blendedPrice) {
        if (blendedPrice.signum() <= 0) {
            throw new IllegalArgumentException("the blended price must be above 0");
        }
        return quality.divide(blendedPrice, MC).setScale(1, RoundingMode.HALF_UP);
    }

    /** Rows in request order, each with its rank by score. */
    public static List<EfficiencyRow> table(List<ModelPrice> models, BigDecimal inputWeight) {
        List<BigDecimal> scores = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (ModelPrice m : models) {
            BigDecimal price = blended(m, inputWeight);
            prices.add(price);
            scores.add(score(m.quality(), price));
        }
        List<BigDecimal> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.reverseOrder());
        List<EfficiencyRow> rows = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelPrice m = models.get(i);
            int rank = 1;
            for (BigDecimal s : sorted) {
                if (s.compareTo(scores.get(i)) > 0) {
                    rank++;
                }
            }
            rows.add(new EfficiencyRow(rank, m.name(), m.quality(), prices.get(i).setScale(6, RoundingMode.HALF_EVEN),
                    scores.get(i), m.source()));
        }
        return rows;
    }
}

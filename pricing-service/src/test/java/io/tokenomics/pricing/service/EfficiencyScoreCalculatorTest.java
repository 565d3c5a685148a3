package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.EfficiencyRequest;
import io.tokenomics.pricing.domain.EfficiencyRow;
import io.tokenomics.pricing.domain.ModelPrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EfficiencyScoreCalculatorTest {

    private static ModelPrice model(String name, String mmlu, String in, String out) {
        return new ModelPrice(name, new BigDecimal(mmlu), new BigDecimal(in), out == null ? null : new BigDecimal(out), null, null);
    }

    /**
     * Seed 002's inputs: MMLU and the table's "cost per 1M tokens", which is each model's input price where the seed
     * data has both (GPT-4o $5 of $5/$15, Claude 3.5 Sonnet $3 of $3/$15, Llama 3 70B on Groq $0.59 of $0.59/$0.79,
     * shared/data/prices.csv). Output prices are given where known to show the default blend ignores them.
     */
    static final List<ModelPrice> SEED_002 = List.of(
            model("GPT-4o", "88.7", "5.00", "15.00"),
            model("Claude 3.5 Sonnet", "88.3", "3.00", "15.00"),
            model("Gemini 1.5 Pro", "86.5", "3.50", null),
            model("ERNIE 4.0 Turbo", "82.1", "1.20", null),
            model("Llama 3 70B", "82.0", "0.59", "0.79"),
            model("Mixtral 8x7B", "70.6", "0.20", null));

    @Test
    void reproducesSeed002ToOneDecimal() {
        EfficiencyRequest request = new EfficiencyRequest(null, SEED_002);
        assertThat(request.crossFieldProblems()).isEmpty();

        List<EfficiencyRow> rows = EfficiencyScoreCalculator.table(request.models(), request.inputWeight());

        // 88.7/5 = 17.74, 88.3/3 = 29.43, 86.5/3.5 = 24.71, 82.1/1.2 = 68.42, 82/0.59 = 138.98, 70.6/0.2 = 353
        assertThat(rows).extracting(EfficiencyRow::score).containsExactly(
                new BigDecimal("17.7"), new BigDecimal("29.4"), new BigDecimal("24.7"), new BigDecimal("68.4"),
                new BigDecimal("139.0"), new BigDecimal("353.0"));
        assertThat(rows).extracting(EfficiencyRow::rank).containsExactly(6, 4, 5, 3, 2, 1);
    }

    @Test
    void otherBlendsWeightInputAndOutput() {
        // 25 % input: GPT-4o 0.25 x 5 + 0.75 x 15 = 12.5 -> 88.7 / 12.5 = 7.096 -> 7.1
        ModelPrice gpt4o = SEED_002.getFirst();
        assertThat(EfficiencyScoreCalculator.blended(gpt4o, new BigDecimal("0.25"))).isEqualByComparingTo("12.5");
        assertThat(EfficiencyScoreCalculator.score(gpt4o.quality(), new BigDecimal("12.5"))).isEqualTo(new BigDecimal("7.1"));
        // a blend needing output prices names each model that lacks one
        assertThat(new EfficiencyRequest(new BigDecimal("25"), SEED_002).crossFieldProblems())
                .extracting(p -> p.field())
                .containsExactly("models[2].usdPerMillionOutputTokens", "models[3].usdPerMillionOutputTokens",
                        "models[5].usdPerMillionOutputTokens");
    }
}

package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The quotes CSV: one column per part of the output and input splits, empty where a quote has no split. */
class QuoteCsvTest {
    static final String HEADER = "\"id\",\"simulationId\",\"origin\",\"priceBookId\",\"priceBookRevision\",\"acceleratorId\","
            + "\"acceleratorCount\",\"currency\",\"perMillionOutputTokens\",\"perMillionInputTokens\",\"perMillionBlendedTokens\","
            + "\"perMillionUsefulOutputTokens\",\"joulesPerOutputToken\",\"attribution\",\"computedAt\","
            + "\"perMillionOutputTokensCapital\",\"perMillionOutputTokensEnergy\",\"perMillionOutputTokensOpex\","
            + "\"perMillionOutputTokensRental\",\"perMillionInputTokensCapital\",\"perMillionInputTokensEnergy\","
            + "\"perMillionInputTokensOpex\",\"perMillionInputTokensRental\"";

    private static QuoteView quote(String simulationId, BigDecimal out, CostParts outSplit, BigDecimal in, CostParts inSplit) {
        SimulationFigures figures = new SimulationFigures(simulationId, "H100", 4, 1000, null, null, null, null, null,
                null, null, null, null, "test");
        QuoteResult result = new QuoteResult("USD", BigDecimal.ONE, "price-book", null, out, outSplit, null, null, in,
                inSplit, null, null, BigDecimal.ONE, "default (all output useful)", out, null, null, "none",
                in == null ? "decode-only" : "per-phase", List.of());
        return new QuoteView(UUID.randomUUID(), simulationId, "event", UUID.randomUUID(), 1, figures, result,
                OffsetDateTime.parse("2026-11-23T09:00:00Z"));
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void theSplitPartsAreColumnsThatSumToTheirTotalsAndAMissingSplitIsEmptyNotNull() {
        // QuoteCalculatorTest's input split: 0.058663 + 0.003398 + 0.013952 = 0.076013
        QuoteView perPhase = quote("sim-a", d("1.520255"),
                new CostParts(d("1.173262"), d("0.067947"), d("0.279046"), d("0.000000"), d("1.520255")),
                d("0.076013"), new CostParts(d("0.058663"), d("0.003398"), d("0.013952"), d("0.000000"), d("0.076013")));
        QuoteView old = quote("sim-b", d("5.555556"),
                new CostParts(d("0.000000"), d("0.000000"), d("0.000000"), d("5.555556"), d("5.555556")),
                d("0.055556"), null);
        QuoteView decodeOnly = quote("sim-c", d("9.004142"), null, null, null);

        String[] lines = CsvRows.quotes(List.of(perPhase, old, decodeOnly)).strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(HEADER);
        List<String> header = List.of(lines[0].replace("\"", "").split(","));

        String[] a = lines[1].split(",", -1);
        assertThat(a).hasSize(header.size());
        assertThat(col(a, header, "perMillionOutputTokensCapital")).isEqualTo("1.173262");
        assertThat(sum(a, header, "perMillionOutputTokens")).isEqualByComparingTo(col(a, header, "perMillionOutputTokens"));
        assertThat(col(a, header, "perMillionInputTokensEnergy")).isEqualTo("0.003398");
        assertThat(sum(a, header, "perMillionInputTokens")).isEqualByComparingTo(col(a, header, "perMillionInputTokens"));

        // a quote stored before its input split: the input total, but empty split cells (never "null")
        String[] b = lines[2].split(",", -1);
        assertThat(b).hasSize(header.size());
        assertThat(col(b, header, "perMillionInputTokens")).isEqualTo("0.055556");
        assertThat(col(b, header, "perMillionOutputTokensRental")).isEqualTo("5.555556");
        for (String part : List.of("Capital", "Energy", "Opex", "Rental")) {
            assertThat(col(b, header, "perMillionInputTokens" + part)).as(part).isEmpty();
        }
        // no split at all: every split cell empty
        String[] c = lines[3].split(",", -1);
        assertThat(c).hasSize(header.size());
        assertThat(header.subList(header.indexOf("perMillionOutputTokensCapital"), header.size()))
                .allSatisfy(h -> assertThat(col(c, header, h)).as(h).isEmpty());
        assertThat(String.join("\n", lines)).doesNotContain("null");
    }

    private static String col(String[] row, List<String> header, String name) {
        return row[header.indexOf(name)];
    }

    private static BigDecimal sum(String[] row, List<String> header, String prefix) {
        return List.of("Capital", "Energy", "Opex", "Rental").stream().map(p -> new BigDecimal(col(row, header, prefix + p)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

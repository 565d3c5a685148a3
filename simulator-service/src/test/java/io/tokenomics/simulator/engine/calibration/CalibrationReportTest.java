package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.performance.OperatorFamily;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationReportTest {
    private static OperatorMeasurement gemm(String model, String dtype, int m, double micros) {
        return new OperatorMeasurement(OperatorFamily.GEMM, model + " o " + dtype + " M=" + m, model + "/o", dtype, m,
                4096, 4096, 0, 0, 0, 0, micros * 1e-6);
    }

    private static String retimed(String model, String dtype, int m, double... syncMicros) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < syncMicros.length; r++) {
            b.append("{\"round\": ").append(r).append(", \"model\": \"").append(model)
                    .append("\", \"layer\": \"o\", \"dtype\": \"").append(dtype).append("\", \"m\": ").append(m)
                    .append(", \"k\": 4096, \"n\": 4096, \"sync_us\": ").append(syncMicros[r])
                    .append(", \"b2b_us\": 1.0, \"graph_us\": 1.0}\n");
        }
        return b.toString();
    }

    @Test
    void repeatabilityComparesEachProfileRowWithTheMedianOfItsRetimingAfterOneHostOffsetPerDtype() throws Exception {
        List<OperatorMeasurement> profile = List.of(gemm("a", "bf16", 1, 30), gemm("b", "bf16", 1, 40),
                gemm("c", "bf16", 1, 50), gemm("a", "fp8", 16, 20),
                new OperatorMeasurement(OperatorFamily.ATTENTION_DECODE, "a o bf16 M=4", "d", "bf16", 1, 0, 0, 512,
                        32, 8, 128, 1e-5));
        // bf16 re-timings (medians 36, 44, 60): offsets 6, 4, 10 -> host offset 6 us; deviations 30/30 - 1 = 0,
        // 40/38 - 1 = +5.26 %, 50/54 - 1 = -7.41 %. fp8: one row, offset = its own difference -> 0 deviation.
        // A re-timed line without a profile row (m=4 of a GEMM that was not profiled) is ignored.
        String lines = retimed("a", "bf16", 1, 35, 36, 37) + retimed("b", "bf16", 1, 44, 40, 48)
                + retimed("c", "bf16", 1, 60) + retimed("a", "fp8", 16, 31, 29) + retimed("a", "bf16", 4, 99);
        var figures = CalibrationReport.repeatability(profile,
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        assertThat(figures).extracting(CalibrationReport.Repeatability::dtype).containsExactly("bf16", "fp8");
        var bf16 = figures.get(0);
        assertThat(bf16.rows()).isEqualTo(3);
        assertThat(bf16.hostOffsetSeconds()).isCloseTo(6e-6, within(1e-12));
        assertThat(bf16.medianAbs()).isCloseTo(40.0 / 38 - 1, within(1e-12));
        assertThat(bf16.maxAbs()).isCloseTo(1 - 50.0 / 54, within(1e-12));
        // numpy-style p90 of {0, 0.0526, 0.0741}: 0.0526 + 0.8 (0.0741 - 0.0526)
        assertThat(bf16.p90Abs()).isCloseTo((40.0 / 38 - 1) + 0.8 * ((1 - 50.0 / 54) - (40.0 / 38 - 1)),
                within(1e-12));
        var fp8 = figures.get(1);
        assertThat(fp8.rows()).isEqualTo(1);
        assertThat(fp8.hostOffsetSeconds()).isCloseTo(10e-6, within(1e-12));
        assertThat(fp8.maxAbs()).isCloseTo(0, within(1e-12));
    }

    @Test
    void bundledRetimingShowsHowFarTheProfileGemmRowsRepeat() throws Exception {
        var data = OperatorMeasurement.loadResource("engine/data/h100-op-profile.jsonl");
        try (var in = CalibrationReportTest.class.getClassLoader()
                .getResourceAsStream("engine/data/h100-gemm-eager-floor.jsonl")) {
            var figures = CalibrationReport.repeatability(data.rows(), in);
            // 6 shapes: bf16 at M = 1/16/64/256, fp8 at M = 16/64/256
            assertThat(figures).extracting(CalibrationReport.Repeatability::rows).containsExactly(24, 18);
            // the spread the README cites: p90 19.6 % (bf16) / 26.5 % (fp8), host offsets 5.5 / 10.7 us
            assertThat(figures.get(0).p90Abs()).isCloseTo(0.196, within(0.001));
            assertThat(figures.get(1).p90Abs()).isCloseTo(0.265, within(0.001));
            assertThat(figures.get(0).hostOffsetSeconds()).isCloseTo(5.5e-6, within(0.1e-6));
            assertThat(figures.get(1).hostOffsetSeconds()).isCloseTo(10.7e-6, within(0.1e-6));
        }
    }

    @Test
    void reportPrintsTheRepeatabilityNextToTheOperatorFigures() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var report = new CalibrationReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report.printRepeatability(OperatorMeasurement.loadResource("engine/data/h100-op-profile.jsonl").rows());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("GEMM repeatability").contains("bf16   24 rows").contains("fp8    18 rows")
                .contains("p90 19.6%").contains("p90 26.5%");
    }
}

package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.data.FlatJson;
import io.tokenomics.simulator.engine.performance.OperatorFamily;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One timed kernel of a profile file ({@code h100-op-profile.jsonl} format).
 *
 * @param shapeKey rows sharing it are held out together in the stricter leave-one-weight-matrix-out scoring (a
 *                 linear layer's weight matrix across all M and dtypes; one attention shape); see also
 *                 {@link #exactShapeKey()}
 * @param m        GEMM rows / attention batch; {@code k}, {@code n} GEMM inner and output width
 * @param kvLength decode KV length or prefill sequence length
 */
public record OperatorMeasurement(OperatorFamily family, String label, String shapeKey, String dtype, double m,
                                  double k, double n, double kvLength, int queryHeads, int kvHeads, int headDim,
                                  double seconds) {

    /**
     * Rows sharing it are held out together in leave-one-GEMM-shape-out scoring: a GEMM's exact (M, N, K) across
     * dtypes; for attention rows the same as {@link #shapeKey()} (one attention shape).
     */
    public String exactShapeKey() {
        return family == OperatorFamily.GEMM ? "gemm/" + (long) m + "x" + (long) n + "x" + (long) k : shapeKey;
    }

    /** The device-wide facts of a profile: achieved copy bandwidth and large-GEMM throughput. */
    public record DeviceFacts(double copyBytesPerSecond, double gemmPeakBf16, double gemmPeakFp8) {
    }

    public record ProfileData(List<OperatorMeasurement> rows, DeviceFacts device) {
    }

    public static ProfileData loadResource(String resource) {
        try (InputStream in = OperatorMeasurement.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing profile data " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProfileData loadFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProfileData read(InputStream in) throws IOException {
        List<OperatorMeasurement> rows = new ArrayList<>();
        double copy = Double.NaN;
        double bf16 = Double.NaN;
        double fp8 = Double.NaN;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> o = FlatJson.parseObject(line);
            String section = (String) o.get("section");
            double seconds = o.get("ms") instanceof Double ms ? ms * 1e-3 : Double.NaN;
            switch (section) {
                case "hbm_copy" -> copy = num(o, "tb_per_s") * 1e12;
                case "gemm_peak" -> {
                    if ("bf16".equals(o.get("dtype"))) {
                        bf16 = num(o, "tflops") * 1e12;
                    } else {
                        fp8 = num(o, "tflops") * 1e12;
                    }
                }
                case "linear" -> rows.add(new OperatorMeasurement(OperatorFamily.GEMM,
                        o.get("model") + " " + o.get("layer") + " " + o.get("dtype") + " M=" + (int) num(o, "m"),
                        o.get("model") + "/" + o.get("layer"), (String) o.get("dtype"), num(o, "m"), num(o, "k"),
                        num(o, "n"), 0, 0, 0, 0, seconds));
                case "attn_decode" -> rows.add(new OperatorMeasurement(OperatorFamily.ATTENTION_DECODE,
                        "decode b=" + (int) num(o, "batch") + " kv=" + (int) num(o, "kv_len"),
                        "decode/" + (int) num(o, "batch") + "/" + (int) num(o, "kv_len"), "bf16", num(o, "batch"),
                        0, 0, num(o, "kv_len"), (int) num(o, "hq"), (int) num(o, "hkv"), (int) num(o, "d"), seconds));
                case "attn_prefill" -> rows.add(new OperatorMeasurement(OperatorFamily.ATTENTION_PREFILL,
                        "prefill s=" + (int) num(o, "seq"), "prefill/" + (int) num(o, "seq"), "bf16", 1, 0, 0,
                        num(o, "seq"), (int) num(o, "hq"), (int) num(o, "hkv"), (int) num(o, "d"), seconds));
                default -> {
                    // device description and unknown sections carry no timing to fit
                }
            }
        }
        return new ProfileData(List.copyOf(rows), new DeviceFacts(copy, bf16, fp8));
    }

    private static double num(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("profile row lacks numeric " + key + ": " + o);
        }
        return d;
    }
}

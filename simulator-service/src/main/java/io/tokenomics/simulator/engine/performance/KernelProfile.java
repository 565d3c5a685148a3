package io.tokenomics.simulator.engine.performance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Fitted achievable-efficiency parameters of one accelerator family, kept as data
 * ({@code engine/profiles/<id>.properties}). Efficiencies are fractions of the accelerator's own specs (peak memory
 * bandwidth, measured matmul ceiling), which is how a profile fitted on one chip transfers to another.
 *
 * <p>Serving-side figures ({@code servingKernelOverheadSeconds}) are stated assumptions, not fitted: the profile
 * rows time single eager PyTorch calls whose host dispatch floor ({@code harness*}) does not exist in a
 * CUDA-graph-launched serving engine; the harness terms are used only to score the fit against those rows.
 *
 * @param gemmBandwidthFraction          achieved / peak HBM bandwidth when a GEMM streams its weights
 * @param gemmCeilingFractionBf16        achieved / measured matmul ceiling (MAMF) for large BF16 GEMMs
 * @param gemmCeilingFractionLowPrecision the same for FP8/INT8/FP4 GEMMs
 * @param gemmHalfEfficiencyTokens       rows (tokens) at which a GEMM reaches half its compute ceiling
 * @param rooflineSharpness              exponent p of the smooth roofline (t_c^p + t_m^p)^(1/p)
 * @param lowPrecisionActivationSeconds  harness only: extra time of an eager FP8 GEMM call (activation quantization
 *                                       and scale kernels); serving counts one extra kernel overhead instead
 * @param decodeAttentionBandwidthFraction achieved / peak bandwidth when decode attention streams the KV cache
 * @param prefillAttentionCeilingFraction achieved / BF16 matmul ceiling of long causal prefill attention
 * @param prefillAttentionHalfEfficiencyTokens sequence length at which prefill attention reaches half of that
 * @param prefillAttentionTileRows       query rows per tile of the causal prefill-attention kernel (FlashAttention's
 *                                       block of queries; a kernel constant, not fitted): the diagonal tiles are
 *                                       computed whole and masked, so a chunk of c tokens costs c (Br - 1) / 2
 *                                       query-key pairs more than the element-level causal count
 * @param elementwiseBandwidthFraction   achieved / peak bandwidth of a streaming copy (the hbm_copy row)
 */
public record KernelProfile(String id, String fittedOn, double gemmBandwidthFraction, double gemmCeilingFractionBf16,
                            double gemmCeilingFractionLowPrecision, double gemmHalfEfficiencyTokens,
                            double rooflineSharpness, double lowPrecisionActivationSeconds,
                            double decodeAttentionBandwidthFraction, double prefillAttentionCeilingFraction,
                            double prefillAttentionHalfEfficiencyTokens, double prefillAttentionTileRows,
                            double elementwiseBandwidthFraction,
                            double harnessGemmFloorSeconds, double harnessGemmOverlapExponent,
                            double harnessAttentionFloorSeconds, double harnessAttentionOverlapExponent,
                            double servingKernelOverheadSeconds, double matmulCeilingToPeakBf16,
                            double matmulCeilingToPeakLowPrecision, Map<OperatorFamily, ResidualBand> residuals) {

    public static final String DEFAULT_ID = "nvidia-hopper-h100-sxm.v1";

    public KernelProfile {
        residuals = Map.copyOf(residuals);
        for (OperatorFamily f : OperatorFamily.VALUES) {
            if (!residuals.containsKey(f)) {
                throw new IllegalArgumentException("profile " + id + " lacks a residual band for " + f);
            }
        }
    }

    public ResidualBand residual(OperatorFamily family) {
        return residuals.get(family);
    }

    public static KernelProfile loadDefault() {
        return DefaultProfile.INSTANCE;
    }

    /** The bundled profile, read once (it is immutable). */
    private static final class DefaultProfile {
        static final KernelProfile INSTANCE = loadResource("engine/profiles/" + DEFAULT_ID + ".properties");
    }

    public static KernelProfile loadResource(String resource) {
        try (InputStream in = KernelProfile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing kernel profile " + resource);
            }
            Properties p = new Properties();
            p.load(in);
            return fromProperties(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KernelProfile fromProperties(Properties p) {
        Map<OperatorFamily, ResidualBand> bands = new EnumMap<>(OperatorFamily.class);
        for (OperatorFamily f : OperatorFamily.VALUES) {
            String k = "residual." + f.name().toLowerCase(Locale.ROOT);
            bands.put(f, new ResidualBand(d(p, k + ".p10"), d(p, k + ".p90"),
                    Boolean.parseBoolean(p.getProperty(k + ".measured", "false"))));
        }
        return new KernelProfile(p.getProperty("id"), p.getProperty("fitted_on"), d(p, "gemm.bandwidth_fraction"),
                d(p, "gemm.ceiling_fraction.bf16"), d(p, "gemm.ceiling_fraction.low_precision"),
                d(p, "gemm.half_efficiency_tokens"), d(p, "roofline.sharpness"),
                d(p, "gemm.low_precision_activation_seconds"), d(p, "attention.decode.bandwidth_fraction"),
                d(p, "attention.prefill.ceiling_fraction"), d(p, "attention.prefill.half_efficiency_tokens"),
                d(p, "attention.prefill.tile_rows"), d(p, "elementwise.bandwidth_fraction"),
                d(p, "harness.gemm.floor_seconds"), d(p, "harness.gemm.overlap_exponent"),
                d(p, "harness.attention.floor_seconds"), d(p, "harness.attention.overlap_exponent"),
                d(p, "serving.kernel_overhead_seconds"),
                d(p, "transfer.matmul_ceiling_to_peak.bf16"), d(p, "transfer.matmul_ceiling_to_peak.low_precision"),
                bands);
    }

    private static double d(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("kernel profile lacks " + key);
        }
        return Double.parseDouble(v.trim());
    }

    /** Writes the profile in the format {@link #fromProperties} reads, with a header naming its provenance. */
    public void write(Writer out, String header) throws IOException {
        out.write("# " + header.replace("\n", "\n# ") + "\n");
        kv(out, "id", id);
        kv(out, "fitted_on", fittedOn);
        kv(out, "gemm.bandwidth_fraction", gemmBandwidthFraction);
        kv(out, "gemm.ceiling_fraction.bf16", gemmCeilingFractionBf16);
        kv(out, "gemm.ceiling_fraction.low_precision", gemmCeilingFractionLowPrecision);
        kv(out, "gemm.half_efficiency_tokens", gemmHalfEfficiencyTokens);
        kv(out, "roofline.sharpness", rooflineSharpness);
        kv(out, "gemm.low_precision_activation_seconds", lowPrecisionActivationSeconds);
        kv(out, "attention.decode.bandwidth_fraction", decodeAttentionBandwidthFraction);
        kv(out, "attention.prefill.ceiling_fraction", prefillAttentionCeilingFraction);
        kv(out, "attention.prefill.half_efficiency_tokens", prefillAttentionHalfEfficiencyTokens);
        out.write("# kernel constant (not fitted): FlashAttention forward query block for head dim 128 (kBlockM)\n");
        kv(out, "attention.prefill.tile_rows", prefillAttentionTileRows);
        kv(out, "elementwise.bandwidth_fraction", elementwiseBandwidthFraction);
        kv(out, "harness.gemm.floor_seconds", harnessGemmFloorSeconds);
        kv(out, "harness.gemm.overlap_exponent", harnessGemmOverlapExponent);
        kv(out, "harness.attention.floor_seconds", harnessAttentionFloorSeconds);
        kv(out, "harness.attention.overlap_exponent", harnessAttentionOverlapExponent);
        out.write("# assumption (not in the profile rows): gap + prologue per kernel under CUDA-graph launch\n");
        kv(out, "serving.kernel_overhead_seconds", servingKernelOverheadSeconds);
        out.write("# measured matmul ceiling / dense peak, used for a chip whose mamf_* cell is empty\n");
        kv(out, "transfer.matmul_ceiling_to_peak.bf16", matmulCeilingToPeakBf16);
        kv(out, "transfer.matmul_ceiling_to_peak.low_precision", matmulCeilingToPeakLowPrecision);
        for (OperatorFamily f : OperatorFamily.VALUES) {
            ResidualBand b = residuals.get(f);
            String k = "residual." + f.name().toLowerCase(Locale.ROOT);
            kv(out, k + ".p10", b.p10());
            kv(out, k + ".p90", b.p90());
            kv(out, k + ".measured", String.valueOf(b.measured()));
        }
    }

    private static void kv(Writer out, String key, Object value) throws IOException {
        out.write(key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : value) + "\n");
    }
}

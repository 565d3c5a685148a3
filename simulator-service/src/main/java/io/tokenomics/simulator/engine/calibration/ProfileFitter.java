package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.performance.KernelProfile;
import io.tokenomics.simulator.engine.performance.KernelTimeModel;
import io.tokenomics.simulator.engine.performance.OperatorFamily;
import io.tokenomics.simulator.engine.performance.ResidualBand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Fits a {@link KernelProfile} to measured kernel timings of one accelerator and scores it leave-one-shape-out: for
 * every shape, the parameters are refitted without that shape's rows and the shape is predicted from the refit.
 *
 * <p>The measured rows are single eager PyTorch calls. Their time is modelled as a smooth maximum of a host
 * dispatch floor and the kernel's GPU time, {@code (floor^p + gpu^p)^(1/p)}: the floor exists only in the harness and
 * is dropped when serving. Few parameters, all physical (bandwidth fraction, ceiling fraction, half-efficiency size,
 * roofline sharpness), so a fit transfers to other shapes and, through the chip's specs, to other chips.
 */
public final class ProfileFitter {
    /** Assumed gap + prologue per kernel in a CUDA-graph-launched serving engine (not measurable from the rows). */
    public static final double SERVING_KERNEL_OVERHEAD_SECONDS = 2e-6;
    /*
     * Residual bands the data cannot give (measured=false in the profile). Neither h100-op-profile.jsonl nor any other
     * file in shared/data has elementwise, grouped-expert (MoE) or collective (all-reduce / all-to-all) timings, so:
     * - ELEMENTWISE +-10 %: the one streaming row (hbm_copy) fixes the bandwidth; the band covers norms/activations
     *   reaching less than a pure copy.
     * - MOE_GEMM: the dense GEMM's leave-one-shape-out p10/p90 widened by half (expert GEMMs are the same kernels
     *   with ragged per-expert M and routing imbalance, neither measured).
     * - COLLECTIVE +-30 %: NCCL all-reduce bus bandwidth commonly reaches 70-90 % of the link's and its latency term
     *   varies with message size and algorithm; no collective was timed, so the band is a stated assumption.
     * A profile measured with such rows should replace these with leave-one-shape-out percentiles.
     */
    static final ResidualBand ASSUMED_ELEMENTWISE = new ResidualBand(-0.10, 0.10, false);
    static final ResidualBand ASSUMED_COLLECTIVE = new ResidualBand(-0.30, 0.30, false);
    private static final int EVALUATIONS = 6000;
    /**
     * Query rows per tile of the profiled causal attention kernel (PyTorch SDPA's FlashAttention-2 forward, head dim
     * 128 on sm90: kBlockM = 128, key block 64). A kernel constant, not fitted; a profile of another kernel states its
     * own.
     */
    static final double PREFILL_TILE_ROWS = 128;

    private final AcceleratorSpec accelerator;
    private final OperatorMeasurement.ProfileData data;
    private final String profileId;

    public ProfileFitter(AcceleratorSpec accelerator, OperatorMeasurement.ProfileData data, String profileId) {
        this.accelerator = accelerator;
        this.data = data;
        this.profileId = profileId;
    }

    /**
     * A row's prediction from the final fit and from two held-out fits: {@code heldOutSeconds} from the fit that never
     * saw the row's weight matrix at any M or dtype ({@link OperatorMeasurement#shapeKey()}, the stricter score, which
     * also sets the residual bands), {@code heldOutShapeSeconds} from the fit that never saw the row's exact shape
     * (M, N, K) in any dtype ({@link OperatorMeasurement#exactShapeKey()}). The two coincide for attention rows.
     */
    public record Scored(OperatorMeasurement row, double fittedSeconds, double heldOutSeconds,
                         double heldOutShapeSeconds) {
        /** Error of the leave-one-weight-matrix-out prediction. */
        public double heldOutError() {
            return heldOutSeconds / row.seconds() - 1;
        }

        /** Error of the leave-one-GEMM-shape-out (M, N, K) prediction. */
        public double heldOutShapeError() {
            return heldOutShapeSeconds / row.seconds() - 1;
        }

        public double fittedError() {
            return fittedSeconds / row.seconds() - 1;
        }
    }

    public record Result(KernelProfile profile, List<Scored> scored) {
    }

    public Result fit() {
        List<OperatorMeasurement> rows = data.rows();
        double[] all = fitAll(rows);
        KernelProfile fitted = profile(all, placeholderBands());

        Map<OperatorMeasurement, Double> heldOut = holdOut(rows, initial(), OperatorMeasurement::shapeKey);
        Map<OperatorMeasurement, Double> heldOutShape = holdOut(rows, initial(), OperatorMeasurement::exactShapeKey);
        KernelTimeModel finalModel = new KernelTimeModel(accelerator, fitted);
        List<Scored> scored = new ArrayList<>();
        for (OperatorMeasurement r : rows) {
            scored.add(new Scored(r, harnessSeconds(finalModel, r), heldOut.get(r), heldOutShape.get(r)));
        }
        Map<OperatorFamily, ResidualBand> bands = placeholderBands();
        for (OperatorFamily f : List.of(OperatorFamily.GEMM, OperatorFamily.ATTENTION_DECODE,
                OperatorFamily.ATTENTION_PREFILL)) {
            double[] errors = scored.stream().filter(s -> s.row().family() == f).mapToDouble(Scored::heldOutError)
                    .toArray();
            if (errors.length > 0) {
                bands.put(f, new ResidualBand(percentile(errors, 10), percentile(errors, 90), true));
            }
        }
        ResidualBand gemm = bands.get(OperatorFamily.GEMM);
        // grouped expert GEMMs were not profiled: the dense GEMM band, widened by half
        bands.put(OperatorFamily.MOE_GEMM, new ResidualBand(Math.max(-0.9, 1.5 * gemm.p10()), 1.5 * gemm.p90(), false));
        return new Result(profile(all, bands), scored);
    }

    /**
     * Predicts every row from parameters refitted without all rows sharing its {@code key}, each refit starting from
     * the same fixed initial guess as the full fit (never from the full fit, which saw the held-out rows).
     */
    private Map<OperatorMeasurement, Double> holdOut(List<OperatorMeasurement> rows, double[] start,
                                                     Function<OperatorMeasurement, String> key) {
        Map<String, List<OperatorMeasurement>> groups = new LinkedHashMap<>();
        for (OperatorMeasurement r : rows) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        Map<OperatorMeasurement, Double> heldOut = new IdentityHashMap<>();
        for (Map.Entry<String, List<OperatorMeasurement>> e : groups.entrySet()) {
            String group = e.getKey();
            List<OperatorMeasurement> training = rows.stream().filter(r -> !key.apply(r).equals(group)).toList();
            KernelTimeModel km = new KernelTimeModel(accelerator, profile(fitAll(training, start), placeholderBands()));
            for (OperatorMeasurement r : e.getValue()) {
                heldOut.put(r, harnessSeconds(km, r));
            }
        }
        return heldOut;
    }

    private double[] fitAll(List<OperatorMeasurement> rows) {
        return fitAll(rows, initial());
    }

    /** Fits the three parameter groups (GEMM, decode attention, prefill attention) in turn, in log space. */
    private double[] fitAll(List<OperatorMeasurement> rows, double[] start) {
        double[] x = start.clone();
        fitGroup(x, GEMM_PARAMS, rows, r -> r.family() == OperatorFamily.GEMM);
        fitGroup(x, DECODE_PARAMS, rows, r -> r.family() == OperatorFamily.ATTENTION_DECODE);
        fitGroup(x, PREFILL_PARAMS, rows, r -> r.family() == OperatorFamily.ATTENTION_PREFILL);
        return x;
    }

    private void fitGroup(double[] x, int[] params, List<OperatorMeasurement> rows, Predicate<OperatorMeasurement> in) {
        List<OperatorMeasurement> subset = rows.stream().filter(in).toList();
        if (subset.isEmpty()) {
            return;
        }
        double[] start = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            start[i] = Math.log(x[params[i]]);
        }
        double[] best = NelderMead.minimize(logs -> {
            double[] trial = x.clone();
            for (int i = 0; i < params.length; i++) {
                trial[params[i]] = Math.exp(logs[i]);
            }
            return loss(trial, subset);
        }, start, 0.2, EVALUATIONS, 2);
        for (int i = 0; i < params.length; i++) {
            x[params[i]] = Math.exp(best[i]);
        }
    }

    private double loss(double[] x, List<OperatorMeasurement> rows) {
        if (x[SHARPNESS] < 1 || x[GEMM_OVERLAP] < 1 || x[ATTN_OVERLAP] < 1 || x[GEMM_BW] > 1.2 || x[ATTN_BW] > 1.2) {
            return 1e9;
        }
        KernelTimeModel km = new KernelTimeModel(accelerator, profile(x, placeholderBands()));
        double sum = 0;
        for (OperatorMeasurement r : rows) {
            sum += Math.abs(Math.log(harnessSeconds(km, r) / r.seconds()));
        }
        return sum / rows.size();
    }

    /** The model's prediction of what the profiling harness measured for a row (GPU time behind the host floor). */
    public static double harnessSeconds(KernelTimeModel km, OperatorMeasurement r) {
        KernelProfile p = km.profile();
        return switch (r.family()) {
            case GEMM -> {
                Precision dtype = "fp8".equals(r.dtype()) ? Precision.FP8 : Precision.BF16;
                double gpu = km.gemmSeconds(r.m(), r.k(), r.n(), 1, dtype, dtype, km.matmulCeiling(dtype))
                        + (dtype == Precision.FP8 ? p.lowPrecisionActivationSeconds() : 0);
                yield smoothMax(p.harnessGemmFloorSeconds(), gpu, p.harnessGemmOverlapExponent());
            }
            case ATTENTION_DECODE -> {
                double kvBytes = r.m() * r.kvLength() * r.kvHeads() * r.headDim() * 2.0 * 2.0
                        + r.m() * r.queryHeads() * r.headDim() * 2.0 * 2.0;
                double flops = r.m() * r.kvLength() * r.queryHeads() * 4.0 * r.headDim();
                yield smoothMax(p.harnessAttentionFloorSeconds(), km.decodeAttentionSeconds(kvBytes, flops),
                        p.harnessAttentionOverlapExponent());
            }
            case ATTENTION_PREFILL -> {
                double s = r.kvLength();
                // causal pairs plus the diagonal tiles the kernel computes whole
                double pairs = s * (s + 1) / 2.0 + km.causalDiagonalTilePairs(s);
                double flops = pairs * r.queryHeads() * 4.0 * r.headDim();
                double bytes = s * (2.0 * r.queryHeads() + 2.0 * r.kvHeads()) * r.headDim() * 2.0;
                yield smoothMax(p.harnessAttentionFloorSeconds(), km.prefillAttentionSeconds(flops, s, bytes),
                        p.harnessAttentionOverlapExponent());
            }
            default -> throw new IllegalArgumentException("no harness model for " + r.family());
        };
    }

    static double smoothMax(double a, double b, double p) {
        return Math.pow(Math.pow(a, p) + Math.pow(b, p), 1 / p);
    }

    // parameter vector layout
    private static final int GEMM_BW = 0;
    private static final int CEIL_BF16 = 1;
    private static final int CEIL_LOW = 2;
    private static final int HALF_TOKENS = 3;
    private static final int SHARPNESS = 4;
    private static final int LOW_PRECISION_SECONDS = 5;
    private static final int GEMM_FLOOR = 6;
    private static final int GEMM_OVERLAP = 7;
    private static final int ATTN_BW = 8;
    private static final int ATTN_FLOOR = 9;
    private static final int ATTN_OVERLAP = 10;
    private static final int PREFILL_CEIL = 11;
    private static final int PREFILL_HALF = 12;
    private static final int[] GEMM_PARAMS = {GEMM_BW, CEIL_BF16, CEIL_LOW, HALF_TOKENS, SHARPNESS,
            LOW_PRECISION_SECONDS, GEMM_FLOOR, GEMM_OVERLAP};
    private static final int[] DECODE_PARAMS = {ATTN_BW, ATTN_FLOOR, ATTN_OVERLAP};
    private static final int[] PREFILL_PARAMS = {PREFILL_CEIL, PREFILL_HALF};

    private static double[] initial() {
        return new double[]{0.9, 0.9, 0.9, 100, 3, 5e-6, 25e-6, 1.5, 0.9, 44e-6, 1.3, 0.75, 500};
    }

    private KernelProfile profile(double[] x, Map<OperatorFamily, ResidualBand> bands) {
        double copyFraction = data.device().copyBytesPerSecond() / accelerator.memoryBandwidth();
        return new KernelProfile(profileId, accelerator.key(), x[GEMM_BW], x[CEIL_BF16], x[CEIL_LOW], x[HALF_TOKENS],
                x[SHARPNESS], x[LOW_PRECISION_SECONDS], x[ATTN_BW], x[PREFILL_CEIL], x[PREFILL_HALF],
                PREFILL_TILE_ROWS,
                Double.isNaN(copyFraction) ? x[GEMM_BW] : copyFraction, x[GEMM_FLOOR], x[GEMM_OVERLAP],
                x[ATTN_FLOOR], x[ATTN_OVERLAP], SERVING_KERNEL_OVERHEAD_SECONDS,
                accelerator.measuredMatmulBf16() / accelerator.denseFlopsBf16(),
                accelerator.measuredMatmulFp8() / accelerator.denseFlopsFp8(), bands);
    }

    private static Map<OperatorFamily, ResidualBand> placeholderBands() {
        Map<OperatorFamily, ResidualBand> m = new EnumMap<>(OperatorFamily.class);
        for (OperatorFamily f : OperatorFamily.VALUES) {
            m.put(f, new ResidualBand(-0.15, 0.15, false));
        }
        m.put(OperatorFamily.ELEMENTWISE, ASSUMED_ELEMENTWISE);
        m.put(OperatorFamily.COLLECTIVE, ASSUMED_COLLECTIVE);
        return m;
    }

    /** Percentile with linear interpolation between closest ranks (numpy's default). */
    public static double percentile(double[] values, double pct) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = pct / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}

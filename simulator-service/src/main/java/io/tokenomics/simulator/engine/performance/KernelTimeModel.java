package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.Precision;

/**
 * Time of one kernel on one accelerator: a roofline on the chip's matmul ceiling and memory bandwidth, corrected by
 * the profile's shape-dependent efficiency curves. All methods return GPU time of the kernel itself (no launch
 * overhead); {@link #servingOverheadSeconds()} is added per kernel by the iteration model. Immutable apart from a
 * thread-safe memo of a pure function (the roofline's ridge factor).
 */
public final class KernelTimeModel {
    private final AcceleratorSpec accelerator;
    private final KernelProfile profile;
    private final double gemmBandwidth;
    private final double attentionBandwidth;
    private final double elementwiseBandwidth;
    private final double sharpness;
    private final double diagonalPairsPerToken;
    private final double inverseSharpness;
    /** {@link #matmulCeiling} per precision ordinal (a pure function of the immutable inputs). */
    private final double[] ceilings = new double[Precision.values().length];
    /** {@code matmulCeiling(BF16) * prefillAttentionCeilingFraction} (attention runs in BF16). */
    private final double attentionCeiling;
    /**
     * Memo of the roofline's ridge factor {@code (1 + r^p)^(1/p)} keyed by the exact ratio r: consecutive decode
     * iterations of a simulation mostly repeat a few ratios, and two {@code Math.pow} calls dominate an iteration's
     * cost. Direct-mapped; racy reads and writes are safe because entries are immutable (final fields).
     */
    private static final int RIDGE_MEMO = 1 << 12;
    private final RidgeFactor[] ridgeMemo = new RidgeFactor[RIDGE_MEMO];

    public KernelTimeModel(AcceleratorSpec accelerator, KernelProfile profile) {
        this.accelerator = accelerator;
        this.profile = profile;
        this.gemmBandwidth = accelerator.memoryBandwidth() * profile.gemmBandwidthFraction();
        this.attentionBandwidth = accelerator.memoryBandwidth() * profile.decodeAttentionBandwidthFraction();
        this.elementwiseBandwidth = accelerator.memoryBandwidth() * profile.elementwiseBandwidthFraction();
        this.sharpness = profile.rooflineSharpness();
        this.diagonalPairsPerToken = Math.max(0, profile.prefillAttentionTileRows() - 1) / 2.0;
        this.inverseSharpness = 1.0 / sharpness;
        for (Precision p : Precision.values()) {
            ceilings[p.ordinal()] = computeMatmulCeiling(p);
        }
        this.attentionCeiling = ceilings[Precision.BF16.ordinal()] * profile.prefillAttentionCeilingFraction();
    }

    public AcceleratorSpec accelerator() {
        return accelerator;
    }

    public KernelProfile profile() {
        return profile;
    }

    public double servingOverheadSeconds() {
        return profile.servingKernelOverheadSeconds();
    }

    /**
     * The realistic matmul ceiling for inputs in {@code precision}: the chip's measured MAMF where the data has one,
     * else its dense peak times the ceiling/peak ratio of the same chip at FP8 (for FP4) or of the profile's chip.
     */
    public double matmulCeiling(Precision precision) {
        return ceilings[precision.ordinal()];
    }

    private double computeMatmulCeiling(Precision precision) {
        Precision p = accelerator.effectiveComputePrecision(precision);
        double measured = accelerator.measuredMatmulCeiling(p);
        if (measured > 0) {
            return measured;
        }
        double peak = accelerator.peakFlops(p);
        if (p == Precision.FP4 && accelerator.measuredMatmulFp8() > 0 && accelerator.denseFlopsFp8() > 0) {
            return peak * accelerator.measuredMatmulFp8() / accelerator.denseFlopsFp8();
        }
        boolean bf16 = p == Precision.BF16 || p == Precision.FP16 || p == Precision.FP32;
        return peak * (bf16 ? profile.matmulCeilingToPeakBf16() : profile.matmulCeilingToPeakLowPrecision());
    }

    /** Smooth roofline: close to max(a, b) away from the ridge, above it near the ridge. */
    public double roofline(double computeSeconds, double memorySeconds) {
        if (computeSeconds <= 0) {
            return memorySeconds;
        }
        if (memorySeconds <= 0) {
            return computeSeconds;
        }
        double hi = Math.max(computeSeconds, memorySeconds);
        double lo = Math.min(computeSeconds, memorySeconds);
        double r = lo / hi;
        if (r < 1e-3) {
            return hi;
        }
        return hi * ridgeFactor(r);
    }

    private double ridgeFactor(double r) {
        long bits = Double.doubleToRawLongBits(r);
        int slot = (int) ((bits ^ (bits >>> 29) ^ (bits >>> 41)) & (RIDGE_MEMO - 1));
        RidgeFactor e = ridgeMemo[slot];
        if (e != null && e.ratioBits == bits) {
            return e.factor;
        }
        double f = Math.pow(1 + Math.pow(r, sharpness), inverseSharpness);
        ridgeMemo[slot] = new RidgeFactor(bits, f);
        return f;
    }

    private static final class RidgeFactor {
        final long ratioBits;
        final double factor;

        RidgeFactor(long ratioBits, double factor) {
            this.ratioBits = ratioBits;
            this.factor = factor;
        }
    }

    /**
     * {@code groups} independent GEMMs (experts) of {@code rows x inner} times {@code inner x cols}, rows being tokens
     * per group; weights in {@code weight}, activations (and the tensor path) in {@code activation}.
     */
    public double gemmSeconds(double rows, double inner, double cols, double groups, Precision weight,
                              Precision activation, double ceiling) {
        if (rows <= 0 || groups <= 0) {
            return 0;
        }
        double flops = 2.0 * rows * inner * cols * groups;
        double efficiency = rows / (rows + profile.gemmHalfEfficiencyTokens());
        double bf16Ceiling = isLowPrecision(activation) ? profile.gemmCeilingFractionLowPrecision()
                : profile.gemmCeilingFractionBf16();
        double compute = flops / (ceiling * bf16Ceiling * efficiency);
        double bytes = groups * (inner * cols * weight.bytesPerValue() + rows * inner * activation.bytesPerValue()
                + rows * cols * 2.0);
        return roofline(compute, bytes / gemmBandwidth);
    }

    public static boolean isLowPrecision(Precision activation) {
        return activation != Precision.BF16 && activation != Precision.FP16 && activation != Precision.FP32;
    }

    /** Decode attention: streams {@code kvBytes} of cache; {@code flops} of QK and PV products in BF16. */
    public double decodeAttentionSeconds(double kvBytes, double flops) {
        if (kvBytes <= 0) {
            return 0;
        }
        double compute = flops / attentionCeiling;
        return roofline(compute, kvBytes / attentionBandwidth);
    }

    /**
     * Prefill (causal) attention of {@code flops} whose chunks are {@code chunkTokens} long on average, reading
     * {@code bytes} (Q, K, V, O and prior KV).
     */
    public double prefillAttentionSeconds(double flops, double chunkTokens, double bytes) {
        if (flops <= 0) {
            return 0;
        }
        double efficiency = chunkTokens / (chunkTokens + profile.prefillAttentionHalfEfficiencyTokens());
        double compute = flops / (attentionCeiling * efficiency);
        return roofline(compute, bytes / attentionBandwidth);
    }

    /**
     * Query-key pairs a tiled causal attention kernel computes beyond the element-level causal count for
     * {@code newTokens} new tokens: the diagonal tiles ({@code Br} query rows each) are computed whole and masked, so
     * a chunk of c tokens costs {@code c (Br - 1) / 2} pairs more (exact for c a multiple of Br, key block dividing
     * Br: tiles cover c^2/2 + c Br/2 pairs vs c (c + 1) / 2).
     */
    public double causalDiagonalTilePairs(double newTokens) {
        return newTokens * diagonalPairsPerToken;
    }

    /** A bandwidth-bound kernel (norm, activation, residual add, gather) moving {@code bytes}. */
    public double elementwiseSeconds(double bytes) {
        return bytes <= 0 ? 0 : bytes / elementwiseBandwidth;
    }
}

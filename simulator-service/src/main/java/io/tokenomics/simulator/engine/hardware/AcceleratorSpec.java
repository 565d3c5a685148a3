package io.tokenomics.simulator.engine.hardware;

import io.tokenomics.simulator.engine.model.Precision;

/**
 * One accelerator as {@code accelerators.csv} describes it. Rates are per second; absent figures are NaN.
 *
 * @param denseFlopsBf16          dense BF16 peak (FLOP/s)
 * @param denseFlopsFp8           dense FP8 peak (FLOP/s), NaN when the chip has no FP8 tensor path
 * @param denseFlopsFp4           dense FP4/NVFP4 peak (FLOP/s)
 * @param denseOpsInt8            dense INT8 peak (OP/s)
 * @param memoryBytes             device memory (the CSV's GB figure read as GiB, as vendors size HBM stacks)
 * @param memoryBandwidth         peak memory bandwidth (B/s)
 * @param scaleUpBandwidth        scale-up link bandwidth per GPU and direction (B/s)
 * @param scaleUpDomain           GPUs in one scale-up domain (NVLink node or rack)
 * @param maxPowerWatts           maximum board power / TDP (W)
 * @param measuredMatmulBf16      measured maximum achievable BF16 matmul FLOP/s (MAMF), NaN when unmeasured
 * @param measuredMatmulFp8       measured maximum achievable FP8 matmul FLOP/s (MAMF), NaN when unmeasured
 * @param computeUnits            streaming multiprocessors (NVIDIA) or compute units (AMD) that run a kernel's thread
 *                                blocks, from {@code engine/data/accelerator-compute-units.csv}; 0 when no figure is
 *                                published, in which case the GEMM model applies no occupancy penalty
 */
public record AcceleratorSpec(String key, String name, double denseFlopsBf16, double denseFlopsFp8,
                              double denseFlopsFp4, double denseOpsInt8, double memoryBytes, double memoryBandwidth,
                              double scaleUpBandwidth, int scaleUpDomain, double maxPowerWatts,
                              double measuredMatmulBf16, double measuredMatmulFp8, int computeUnits) {

    /** An accelerator without a compute-unit count (no occupancy penalty in the GEMM model). */
    public AcceleratorSpec(String key, String name, double denseFlopsBf16, double denseFlopsFp8, double denseFlopsFp4,
                           double denseOpsInt8, double memoryBytes, double memoryBandwidth, double scaleUpBandwidth,
                           int scaleUpDomain, double maxPowerWatts, double measuredMatmulBf16,
                           double measuredMatmulFp8) {
        this(key, name, denseFlopsBf16, denseFlopsFp8, denseFlopsFp4, denseOpsInt8, memoryBytes, memoryBandwidth,
                scaleUpBandwidth, scaleUpDomain, maxPowerWatts, measuredMatmulBf16, measuredMatmulFp8, 0);
    }

    public AcceleratorSpec {
        if (computeUnits < 0) {
            throw new IllegalArgumentException(key + ": compute units must not be negative");
        }
        if (!(denseFlopsBf16 > 0) || !(memoryBandwidth > 0) || !(memoryBytes > 0)) {
            throw new IllegalArgumentException(key + ": BF16 peak, memory size and bandwidth are required");
        }
        if (scaleUpDomain <= 0) {
            throw new IllegalArgumentException(key + ": scale-up domain must be positive");
        }
    }

    /** Dense peak of the tensor path that runs a GEMM whose inputs are in {@code computePrecision}. */
    public double peakFlops(Precision computePrecision) {
        return switch (computePrecision) {
            case FP4, INT4 -> first(denseFlopsFp4, denseFlopsFp8, denseFlopsBf16);
            case FP8 -> first(denseFlopsFp8, denseFlopsBf16);
            case INT8 -> first(denseOpsInt8, denseFlopsFp8, denseFlopsBf16);
            case BF16, FP16 -> denseFlopsBf16;
            case FP32 -> denseFlopsBf16 / 2;
        };
    }

    /** The precision the tensor path actually computes in (FP8 inputs on a chip without FP8 run in BF16). */
    public Precision effectiveComputePrecision(Precision requested) {
        return switch (requested) {
            case FP4, INT4 -> denseFlopsFp4 > 0 ? Precision.FP4 : effectiveComputePrecision(Precision.FP8);
            case FP8 -> denseFlopsFp8 > 0 ? Precision.FP8 : Precision.BF16;
            case INT8 -> denseOpsInt8 > 0 ? Precision.INT8 : effectiveComputePrecision(Precision.FP8);
            default -> requested;
        };
    }

    /** Measured matmul ceiling for the precision, NaN when none was measured. */
    public double measuredMatmulCeiling(Precision computePrecision) {
        return switch (computePrecision) {
            case BF16, FP16 -> measuredMatmulBf16;
            case FP8, INT8 -> measuredMatmulFp8;
            default -> Double.NaN;
        };
    }

    /** This accelerator with its compute-unit count set ({@code 0}: unknown). */
    public AcceleratorSpec withComputeUnits(int units) {
        return new AcceleratorSpec(key, name, denseFlopsBf16, denseFlopsFp8, denseFlopsFp4, denseOpsInt8, memoryBytes,
                memoryBandwidth, scaleUpBandwidth, scaleUpDomain, maxPowerWatts, measuredMatmulBf16, measuredMatmulFp8,
                units);
    }

    public boolean hasComputeUnits() {
        return computeUnits > 0;
    }

    public boolean hasPowerFigure() {
        return maxPowerWatts > 0;
    }

    private static double first(double... values) {
        for (double v : values) {
            if (v > 0) {
                return v;
            }
        }
        return Double.NaN;
    }
}

package io.tokenomics.simulator.engine.energy;

import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;

/**
 * Board power between idle and maximum (TDP), plus per-GPU host overhead (CPU, NICs, fans) and the facility PUE:
 * <pre>
 *   board = maxWatts x min(1, idle + tensorActive x tensorBusy + compute x computeUtilization
 *                                   + memory x memoryUtilization)
 * </pre>
 * {@code tensorBusy} is the share of the time tensor-core kernels (GEMMs, attention) run, the utilizations are
 * achieved / measured matmul ceiling and achieved / peak memory bandwidth over the same time. The coefficients are
 * fractions of the accelerator's maximum power, so they transfer to another chip through its {@code power_w}.
 *
 * <p>The defaults are fitted ({@code calibration.PowerFit}, leave-one-out error in the calibration report) on board
 * energy measured on one H100 SXM ({@code engine/data/h100-power-profile.jsonl}: NVML energy counter over 6 s windows
 * of BF16/FP8 GEMMs, HBM copies and decode-shaped GEMMs at 10–100 % duty). The catalog has no idle-power column, so
 * every chip idles at the H100's measured fraction of its maximum power; chips with other power management may
 * differ. Host overhead ({@value #DEFAULT_HOST_OVERHEAD_FRACTION} of maximum board power) and PUE
 * ({@value #DEFAULT_PUE}) are stated assumptions, not measurements.
 */
public record PowerModel(double maxWatts, double idleFraction, double tensorActiveFraction, double computeFraction,
                         double memoryFraction, double hostOverheadFraction, double pue) {
    /** Fitted on the H100 power rows (see the class comment); refit with {@code PowerFit}. */
    public static final double DEFAULT_IDLE_FRACTION = 0.170;
    public static final double DEFAULT_TENSOR_ACTIVE_FRACTION = 0.223;
    public static final double DEFAULT_COMPUTE_FRACTION = 0.954;
    public static final double DEFAULT_MEMORY_FRACTION = 0.420;
    /** The pre-fit model's memory weight, kept for the 5-argument constructor. */
    public static final double DEFAULT_MEMORY_WEIGHT = 0.6;
    public static final double DEFAULT_HOST_OVERHEAD_FRACTION = 0.3;
    public static final double DEFAULT_PUE = 1.2;

    public PowerModel {
        if (!(idleFraction >= 0 && idleFraction <= 1) || !(pue >= 1) || !(hostOverheadFraction >= 0)
                || !(tensorActiveFraction >= 0) || !(computeFraction >= 0) || !(memoryFraction >= 0)) {
            throw new IllegalArgumentException("idle fraction in [0,1], coefficients >= 0, PUE >= 1, host overhead >= 0");
        }
    }

    /**
     * The earlier form: activity = compute + memoryWeight x memory, board = max x (idle + (1 - idle) x activity),
     * capped at max (no tensor-active term).
     */
    public PowerModel(double maxWatts, double idleFraction, double memoryWeight, double hostOverheadFraction,
                      double pue) {
        this(maxWatts, idleFraction, 0, 1 - idleFraction, (1 - idleFraction) * memoryWeight, hostOverheadFraction, pue);
    }

    /** The default model for an accelerator; its power is NaN when the data gives no maximum power. */
    public static PowerModel forAccelerator(AcceleratorSpec accelerator) {
        return new PowerModel(accelerator.hasPowerFigure() ? accelerator.maxPowerWatts() : Double.NaN,
                DEFAULT_IDLE_FRACTION, DEFAULT_TENSOR_ACTIVE_FRACTION, DEFAULT_COMPUTE_FRACTION,
                DEFAULT_MEMORY_FRACTION, DEFAULT_HOST_OVERHEAD_FRACTION, DEFAULT_PUE);
    }

    /** Board watts with the given coefficients applied to {@code maxWatts} (see the class comment). */
    public double boardWatts(double tensorBusy, double computeUtilization, double memoryUtilization) {
        double f = idleFraction + tensorActiveFraction * clamp(tensorBusy)
                + computeFraction * Math.max(0, computeUtilization) + memoryFraction * Math.max(0, memoryUtilization);
        return maxWatts * Math.min(1.0, f);
    }

    /**
     * Board watts of a GPU that runs kernels the whole time: tensor-core kernels throughout when it computes at all,
     * none when it only moves memory; {@code (0, 0)} is idle.
     *
     * @param computeUtilization FLOPs / (time x matmul ceiling), 0..1
     * @param memoryUtilization  bytes / (time x peak bandwidth), 0..1
     */
    public double boardWatts(double computeUtilization, double memoryUtilization) {
        return boardWatts(computeUtilization > 0 ? 1 : 0, computeUtilization, memoryUtilization);
    }

    /** Facility watts per GPU: board + host overhead, times PUE. */
    public double facilityWatts(double boardWatts) {
        return (boardWatts + hostOverheadFraction * maxWatts) * pue;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}

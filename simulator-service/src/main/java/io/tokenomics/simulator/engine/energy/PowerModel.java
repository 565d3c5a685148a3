package io.tokenomics.simulator.engine.energy;

import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;

/**
 * Board power between idle and maximum as a function of how hard an iteration drives the tensor cores and HBM,
 * plus per-GPU host overhead (CPU, NICs, fans) and the facility PUE. No power measurements are in the reference data,
 * so the coefficients are stated assumptions, not fits: idle at {@value #DEFAULT_IDLE_FRACTION} of maximum,
 * activity = compute utilization + {@value #DEFAULT_MEMORY_WEIGHT} x bandwidth utilization (capped at 1), host
 * overhead {@value #DEFAULT_HOST_OVERHEAD_FRACTION} of maximum board power, PUE {@value #DEFAULT_PUE}.
 */
public record PowerModel(double maxWatts, double idleFraction, double memoryWeight, double hostOverheadFraction,
                         double pue) {
    public static final double DEFAULT_IDLE_FRACTION = 0.12;
    public static final double DEFAULT_MEMORY_WEIGHT = 0.6;
    public static final double DEFAULT_HOST_OVERHEAD_FRACTION = 0.3;
    public static final double DEFAULT_PUE = 1.2;

    public PowerModel {
        if (!(idleFraction >= 0 && idleFraction <= 1) || !(pue >= 1) || !(hostOverheadFraction >= 0)) {
            throw new IllegalArgumentException("idle fraction in [0,1], PUE >= 1, host overhead >= 0");
        }
    }

    /** The default model for an accelerator; its power is NaN when the data gives no maximum power. */
    public static PowerModel forAccelerator(AcceleratorSpec accelerator) {
        return new PowerModel(accelerator.hasPowerFigure() ? accelerator.maxPowerWatts() : Double.NaN,
                DEFAULT_IDLE_FRACTION, DEFAULT_MEMORY_WEIGHT, DEFAULT_HOST_OVERHEAD_FRACTION, DEFAULT_PUE);
    }

    /**
     * @param computeUtilization FLOPs / (time x matmul ceiling), 0..1
     * @param memoryUtilization  bytes / (time x peak bandwidth), 0..1
     */
    public double boardWatts(double computeUtilization, double memoryUtilization) {
        double activity = Math.min(1.0, Math.max(0, computeUtilization) + memoryWeight * Math.max(0, memoryUtilization));
        return maxWatts * (idleFraction + (1 - idleFraction) * activity);
    }

    /** Facility watts per GPU: board + host overhead, times PUE. */
    public double facilityWatts(double boardWatts) {
        return (boardWatts + hostOverheadFraction * maxWatts) * pue;
    }
}

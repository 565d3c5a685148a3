package io.tokenomics.simulator.engine.parallel;

/**
 * Latency + bandwidth (alpha-beta) model of collectives on the scale-up link. Stated assumptions (no collective
 * timings are in the profile data): a step latency of {@link #DEFAULT_STEP_LATENCY_SECONDS} per log2 of the group,
 * and {@link #DEFAULT_LINK_EFFICIENCY} of the link's unidirectional bandwidth achieved.
 */
public record CollectiveModel(double linkBandwidth, double stepLatencySeconds, double linkEfficiency) {
    public static final double DEFAULT_STEP_LATENCY_SECONDS = 3e-6;
    public static final double DEFAULT_LINK_EFFICIENCY = 0.75;

    public CollectiveModel {
        if (!(linkBandwidth > 0)) {
            throw new IllegalArgumentException("scale-up bandwidth must be positive for multi-GPU collectives");
        }
    }

    public static CollectiveModel forLink(double linkBandwidth) {
        return new CollectiveModel(linkBandwidth, DEFAULT_STEP_LATENCY_SECONDS, DEFAULT_LINK_EFFICIENCY);
    }

    /** Bytes each GPU sends in a ring all-reduce of a {@code bytes} buffer over {@code gpus}: 2 (n-1)/n x bytes. */
    public static double allReduceBytesSentPerGpu(double bytes, int gpus) {
        return gpus <= 1 ? 0 : 2.0 * (gpus - 1) / gpus * bytes;
    }

    public double allReduceSeconds(double bytes, int gpus) {
        if (gpus <= 1 || bytes <= 0) {
            return 0;
        }
        return latency(gpus) + allReduceBytesSentPerGpu(bytes, gpus) / (linkBandwidth * linkEfficiency);
    }

    /** All-to-all where each GPU holds {@code bytesPerGpu} and keeps 1/n of it. */
    public double allToAllSeconds(double bytesPerGpu, int gpus) {
        if (gpus <= 1 || bytesPerGpu <= 0) {
            return 0;
        }
        return latency(gpus) + bytesPerGpu * (gpus - 1) / gpus / (linkBandwidth * linkEfficiency);
    }

    /** Point-to-point send of activations between pipeline stages. */
    public double sendSeconds(double bytes) {
        return bytes <= 0 ? 0 : stepLatencySeconds + bytes / (linkBandwidth * linkEfficiency);
    }

    private double latency(int gpus) {
        return stepLatencySeconds * Math.ceil(Math.log(gpus) / Math.log(2));
    }
}

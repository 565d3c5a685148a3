package io.tokenomics.simulator.engine.parallel;

/**
 * Latency + bandwidth (alpha-beta) model of collectives on the scale-up link, with the step counts of the algorithms
 * whose data volumes it charges (Thakur, Rabenseifner, Gropp, "Optimization of Collective Communication Operations in
 * MPICH", IJHPCA 19(1), 2005; the same volumes as nccl-tests' doc/PERFORMANCE.md bus-bandwidth factors): ring
 * all-reduce = reduce-scatter + all-gather, {@code 2(n-1)} steps moving {@code 2(n-1)/n} of the buffer; pairwise-exchange
 * all-to-all, {@code n-1} steps moving {@code (n-1)/n}; ring all-gather and reduce-scatter (the two halves of the ring
 * all-reduce), {@code n-1} steps moving {@code (n-1)/n} of the whole buffer each; a point-to-point send, one step. Stated assumptions (no
 * collective timings are in the profile data): {@link #DEFAULT_STEP_LATENCY_SECONDS} per step and
 * {@link #DEFAULT_LINK_EFFICIENCY} of the link's unidirectional bandwidth achieved.
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
        return allReduceSteps(gpus) * stepLatencySeconds
                + allReduceBytesSentPerGpu(bytes, gpus) / (linkBandwidth * linkEfficiency);
    }

    /** All-to-all where each GPU holds {@code bytesPerGpu} and keeps 1/n of it. */
    public double allToAllSeconds(double bytesPerGpu, int gpus) {
        if (gpus <= 1 || bytesPerGpu <= 0) {
            return 0;
        }
        return (gpus - 1) * stepLatencySeconds + bytesPerGpu * (gpus - 1) / gpus / (linkBandwidth * linkEfficiency);
    }

    /**
     * Bytes each GPU sends in a ring all-gather (or receives in a ring reduce-scatter) of a {@code totalBytes} buffer
     * assembled from (or split into) {@code gpus} equal shares: (n-1)/n x total, over n-1 steps.
     */
    public static double allGatherBytesSentPerGpu(double totalBytes, int gpus) {
        return gpus <= 1 ? 0 : (double) (gpus - 1) / gpus * totalBytes;
    }

    /**
     * Ring all-gather: every GPU contributes {@code totalBytes / gpus} and ends with the whole {@code totalBytes}
     * buffer; n-1 latency steps (half a ring all-reduce).
     */
    public double allGatherSeconds(double totalBytes, int gpus) {
        if (gpus <= 1 || totalBytes <= 0) {
            return 0;
        }
        return (gpus - 1) * stepLatencySeconds + allGatherBytesSentPerGpu(totalBytes, gpus) / (linkBandwidth * linkEfficiency);
    }

    /**
     * Ring reduce-scatter: every GPU holds a {@code totalBytes} buffer of partial sums and ends with its
     * {@code 1 / gpus} share of the reduced buffer; n-1 latency steps (the other half of a ring all-reduce).
     */
    public double reduceScatterSeconds(double totalBytes, int gpus) {
        return allGatherSeconds(totalBytes, gpus);
    }

    /** Point-to-point send of activations between pipeline stages. */
    public double sendSeconds(double bytes) {
        return bytes <= 0 ? 0 : stepLatencySeconds + bytes / (linkBandwidth * linkEfficiency);
    }

    /**
     * Latency steps of a ring all-reduce: n-1 reduce-scatter plus n-1 all-gather steps, each waiting on its
     * predecessor (was log2 n, the step count of no algorithm that moves the ring's 2(n-1)/n volume).
     */
    public static int allReduceSteps(int gpus) {
        return gpus <= 1 ? 0 : 2 * (gpus - 1);
    }
}

package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Like-for-like comparison of two accelerators through the replayed rows: every pair of rows that ran the same
 * architecture (after aliases: Llama 3.3 70B is Llama 3.1 70B's architecture) at the same ISL/OSL on different
 * hardware. Per GPU, the published ratio target/reference says how much faster the target ran as published (its
 * hardware, precision and engine together); the predicted ratio says what the simulator makes of the same two runs. Their
 * quotient isolates the error of the transfer from the reference to the target from the error the two rows share
 * (the architecture, the lengths, the operator model's bias on that shape): a transfer error near 0 with both rows off
 * means a shared cause; a large one means the target's hardware, precision or engine is mis-modelled.
 *
 * <p>Of two hardware keys, the one whose first row comes first in the file is the reference (H100 before B200 in
 * {@code measured-calibration.csv}), so ratios read target / reference.
 */
public final class HardwareTransfer {

    /** One target row and one reference row of the same architecture and lengths. */
    public record Pair(MeasuredThroughputReplay.Row target, MeasuredThroughputReplay.Row reference) {
        /** Published output tokens/s per GPU, target / reference. */
        public double publishedRatio() {
            return target.publishedPerGpu() / reference.publishedPerGpu();
        }

        /** Predicted output tokens/s per GPU, target / reference. */
        public double predictedRatio() {
            return target.predictedPerGpu() / reference.predictedPerGpu();
        }

        /** Predicted / published ratio - 1: positive when the simulator transfers too much speed to the target. */
        public double transferError() {
            return predictedRatio() / publishedRatio() - 1;
        }
    }

    /**
     * The pairs of one (architecture, target hardware and layout, reference hardware and layout) combination across
     * the lengths both ran.
     */
    public record Group(String architecture, String target, String reference, List<Pair> pairs) {
        public double medianPublishedRatio() {
            return median(pairs.stream().mapToDouble(Pair::publishedRatio).toArray());
        }

        public double medianPredictedRatio() {
            return median(pairs.stream().mapToDouble(Pair::predictedRatio).toArray());
        }

        public double medianTransferError() {
            return median(pairs.stream().mapToDouble(Pair::transferError).toArray());
        }

        /**
         * Spread of the transfer error over the lengths: population standard deviation of ln(1 + transfer error).
         * Small when one factor explains every length (a uniform mis-transfer or none), large when the error depends
         * on the regime (prefill-bound vs decode-bound vs attention-bound).
         */
        public double transferSpread() {
            double[] l = pairs.stream().mapToDouble(p -> Math.log1p(p.transferError())).toArray();
            double mean = Arrays.stream(l).average().orElse(0);
            return Math.sqrt(Arrays.stream(l).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, l.length));
        }

        /** Median signed error of the target rows and of the reference rows themselves. */
        public double medianTargetError() {
            return median(pairs.stream().mapToDouble(p -> p.target().error()).toArray());
        }

        public double medianReferenceError() {
            return median(pairs.stream().mapToDouble(p -> p.reference().error()).toArray());
        }
    }

    private HardwareTransfer() {
    }

    /** Every like-for-like pair of replayed (not skipped) rows, in the order of the target rows. */
    public static List<Pair> pairs(List<MeasuredThroughputReplay.Row> rows, ModelCatalog models) {
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        for (MeasuredThroughputReplay.Row r : rows) {
            firstSeen.putIfAbsent(r.hardware(), firstSeen.size());
        }
        List<Pair> out = new ArrayList<>();
        for (MeasuredThroughputReplay.Row t : rows) {
            Optional<ModelArchitecture> arch = usable(t, models);
            if (arch.isEmpty()) {
                continue;
            }
            for (MeasuredThroughputReplay.Row ref : rows) {
                if (firstSeen.get(ref.hardware()) < firstSeen.get(t.hardware()) && ref.isl() == t.isl()
                        && ref.osl() == t.osl() && usable(ref, models).equals(arch)) {
                    out.add(new Pair(t, ref));
                }
            }
        }
        return out;
    }

    /** The pairs grouped by architecture and the two rows' hardware, precision and parallel layout, in first-seen order. */
    public static List<Group> groups(List<Pair> pairs, ModelCatalog models) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (Pair p : pairs) {
            String arch = models.get(p.target().model()).name();
            String target = layout(p.target());
            String reference = layout(p.reference());
            byKey.computeIfAbsent(arch + "|" + target + "|" + reference,
                    k -> new Group(arch, target, reference, new ArrayList<>())).pairs().add(p);
        }
        return List.copyOf(byKey.values());
    }

    private static String layout(MeasuredThroughputReplay.Row r) {
        return r.hardware() + " " + r.precision() + " " + r.parallelism();
    }

    private static Optional<ModelArchitecture> usable(MeasuredThroughputReplay.Row r, ModelCatalog models) {
        if (r.skipped() != null || !(r.predicted() > 0) || !(r.published() > 0)) {
            return Optional.empty();
        }
        return models.find(r.model());
    }

    private static double median(double[] v) {
        return MeasuredThroughputReplay.percentile(v, 50);
    }
}

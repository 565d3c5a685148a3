package io.tokenomics.simulator.engine.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The configurations no other configuration beats on both axes (both maximized), e.g. throughput per GPU against
 * interactivity (tokens per second per user). Sorted by the first axis, descending.
 */
public final class ParetoFrontier {
    private ParetoFrontier() {
    }

    public static List<SweepPoint> of(List<SweepPoint> points, ToDoubleFunction<SweepPoint> x,
                                      ToDoubleFunction<SweepPoint> y) {
        List<SweepPoint> candidates = new ArrayList<>();
        for (SweepPoint p : points) {
            if (p.feasible() && Double.isFinite(x.applyAsDouble(p)) && Double.isFinite(y.applyAsDouble(p))) {
                candidates.add(p);
            }
        }
        candidates.sort(Comparator.comparingDouble(x).reversed().thenComparing(Comparator.comparingDouble(y).reversed()));
        List<SweepPoint> frontier = new ArrayList<>();
        double bestY = Double.NEGATIVE_INFINITY;
        for (SweepPoint p : candidates) {
            double py = y.applyAsDouble(p);
            if (py > bestY) {
                frontier.add(p);
                bestY = py;
            }
        }
        return frontier;
    }

    /** Throughput per GPU vs interactivity. */
    public static List<SweepPoint> perGpu(List<SweepPoint> points) {
        return of(points, SweepPoint::outputTokensPerSecondPerGpu, SweepPoint::interactivity);
    }

    /** Throughput per MW of facility power vs interactivity. */
    public static List<SweepPoint> perMegawatt(List<SweepPoint> points) {
        return of(points, SweepPoint::outputTokensPerSecondPerMegawatt, SweepPoint::interactivity);
    }
}

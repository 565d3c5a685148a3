package io.tokenomics.simulator.engine.sweep;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLO-aware search: among the swept configurations that served the load (every request completed, none dropped)
 * with p90 TTFT and p90 TPOT within target, the cheapest: fewest dollars per hour when GPU-hour prices are given
 * (by accelerator key), else fewest GPUs; ties go to higher throughput per GPU.
 */
public final class CheapestConfiguration {
    private CheapestConfiguration() {
    }

    public static boolean meets(SweepPoint p, double ttftSeconds, double tpotSeconds) {
        return p.feasible() && p.report().droppedTotal() == 0 && p.report().completed() > 0
                && p.report().ttft().p90() <= ttftSeconds
                && (p.report().tpot().count() == 0 || p.report().tpot().p90() <= tpotSeconds);
    }

    public static double costPerHour(SweepPoint p, Map<String, Double> pricePerGpuHour) {
        Double price = pricePerGpuHour.get(p.scenario().serving().accelerator().key());
        return price == null ? p.gpus() : p.gpus() * price;
    }

    public static Optional<SweepPoint> find(List<SweepPoint> points, double ttftSeconds, double tpotSeconds,
                                            Map<String, Double> pricePerGpuHour) {
        return points.stream().filter(p -> meets(p, ttftSeconds, tpotSeconds))
                .min(Comparator.<SweepPoint>comparingDouble(p -> costPerHour(p, pricePerGpuHour))
                        .thenComparing(Comparator.comparingDouble(SweepPoint::outputTokensPerSecondPerGpu).reversed()));
    }
}

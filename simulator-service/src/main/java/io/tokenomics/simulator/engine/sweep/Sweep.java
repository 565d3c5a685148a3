package io.tokenomics.simulator.engine.sweep;

import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs many scenarios in parallel, one simulation per task (each with its own simulator and random streams); the
 * only shared objects are the thread-safe performance models, one per serving configuration. Results come back in
 * input order, so a sweep's output does not depend on the thread count.
 */
public final class Sweep {
    private Sweep() {
    }

    public static List<SweepPoint> run(List<Scenario> scenarios, int threads) {
        ConcurrentHashMap<ServingConfiguration, PerformanceModel> models = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<SweepPoint>> futures = new ArrayList<>(scenarios.size());
            for (Scenario s : scenarios) {
                futures.add(pool.submit(() -> runOne(s, models)));
            }
            List<SweepPoint> out = new ArrayList<>(scenarios.size());
            for (Future<SweepPoint> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep configuration failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The speculative-decoding grid dimension: every scenario once per option (null: speculation off), option-major
     * within each scenario, named {@code "<scenario> speculation=off"} or {@code "... speculation=k=4 a=0.7"}.
     */
    public static List<Scenario> withSpeculation(List<Scenario> scenarios, List<Speculation> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("speculation: at least one option (null for off)");
        }
        List<Scenario> out = new ArrayList<>(scenarios.size() * options.size());
        for (Scenario s : scenarios) {
            for (Speculation o : options) {
                out.add(s.withSpeculation(o).withName(s.name() + " speculation=" + (o == null ? "off" : o.label())));
            }
        }
        return out;
    }

    public static List<SweepPoint> run(List<Scenario> scenarios) {
        return run(scenarios, Runtime.getRuntime().availableProcessors());
    }

    private static SweepPoint runOne(Scenario s, ConcurrentHashMap<ServingConfiguration, PerformanceModel> models) {
        try {
            PerformanceModel model = models.computeIfAbsent(s.serving(), PerformanceModel::of);
            return new SweepPoint(s, ServingSimulation.run(s, model), null);
        } catch (MemoryPlan.ConfigurationDoesNotFitException e) {
            return new SweepPoint(s, null, e.getMessage());
        }
    }
}

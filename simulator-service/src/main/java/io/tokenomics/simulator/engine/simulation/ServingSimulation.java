package io.tokenomics.simulator.engine.simulation;

import io.tokenomics.simulator.engine.cluster.Cluster;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.cluster.Replica;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.metrics.MetricsCollector;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.workload.GeneratedRequests;
import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.RequestFactory;
import io.tokenomics.simulator.engine.workload.RequestSource;
import io.tokenomics.simulator.engine.workload.TraceReplay;
import io.tokenomics.simulator.engine.workload.Workload;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one {@link Scenario}: the entry point for the service layer ({@code ServingSimulation.run(scenario)} gives a
 * {@link SimulationReport}). Each call builds its own simulator, cluster, random streams and metrics; nothing is
 * shared between calls except the (thread-safe) performance model, so runs may execute in parallel.
 */
public final class ServingSimulation {
    /** Stream indices split from the seed, in this order: arrivals, request contents, think times. */
    private final Scenario scenario;
    private final PerformanceModel model;
    private final Simulator simulator = new Simulator();
    private final MetricsCollector metrics;
    private final Cluster cluster;
    private final SplittableRandom arrivals;
    private final SplittableRandom contents;
    private final SplittableRandom thinking;
    private RequestSource source;
    private ClosedLoopUsers users;

    private ServingSimulation(Scenario scenario, PerformanceModel model) {
        if (!model.configuration().equals(scenario.serving())) {
            throw new IllegalArgumentException("the performance model is for another serving configuration");
        }
        this.scenario = scenario;
        this.model = model;
        SplittableRandom root = new SplittableRandom(scenario.seed());
        this.arrivals = root.split();
        this.contents = root.split();
        this.thinking = root.split();
        List<RequestClass> classes = scenario.workload().classes();
        this.metrics = new MetricsCollector(classes, scenario.windowStart(), scenario.windowEnd());
        MemoryPlan memory = memoryPlan(scenario, model);
        this.cluster = new Cluster(model, memory, scenario.scheduler(), scenario.serving().parallelism().dataReplicas(),
                scenario.routing(), scenario.disaggregation(), scenario.speculation(), simulator, metrics, classes,
                this::finished);
    }

    /** The replica's memory plan under the scenario's limits; throws when the configuration does not fit. */
    public static MemoryPlan memoryPlan(Scenario scenario, PerformanceModel model) {
        ServingLimits limits = new ServingLimits(scenario.scheduler().maxSequences(),
                scenario.scheduler().maxBatchedTokens(), scenario.kvCacheMemoryFraction(),
                ServingLimits.DEFAULT.frameworkReserveBytes(), scenario.scheduler().blockSize());
        return Speculation.memoryPlan(model.configuration(), limits, scenario.speculation()).requireFits();
    }

    public static SimulationReport run(Scenario scenario) {
        return run(scenario, PerformanceModel.of(scenario.serving()));
    }

    /** Runs with a given performance model (sweeps share one per serving configuration; it is thread-safe). */
    public static SimulationReport run(Scenario scenario, PerformanceModel model) {
        return new ServingSimulation(scenario, model).execute();
    }

    /** What a running simulation tells an observer: simulated time, requests completed and output tokens so far. */
    @FunctionalInterface
    public interface ProgressObserver {
        void progress(double simulatedSeconds, long completedRequests, long outputTokens);
    }

    /**
     * Runs with an observer called every 2^13 events (a few milliseconds of CPU: fast-forward leaves few, costlier
     * events): it reads the run and cannot change it, so the report is identical to
     * {@link #run(Scenario, PerformanceModel)}'s; an exception it throws (a cancelled job) ends the run.
     */
    public static SimulationReport run(Scenario scenario, PerformanceModel model, ProgressObserver observer) {
        ServingSimulation run = new ServingSimulation(scenario, model);
        run.simulator.observeEvery(13, () -> observer.progress(run.simulator.now(), run.metrics.completedCount(),
                run.metrics.outputTokenCount()));
        return run.execute();
    }

    /** A report with the number of event objects the run processed (tests: fast-forward on vs off). */
    record Instrumented(SimulationReport report, long processedEvents) {
    }

    static Instrumented runInstrumented(Scenario scenario, PerformanceModel model) {
        ServingSimulation run = new ServingSimulation(scenario, model);
        SimulationReport report = run.execute();
        return new Instrumented(report, run.simulator.processedEvents());
    }

    /**
     * The open-loop or trace requests the scenario would produce, in arrival order (for exporting a generated
     * workload as a trace). Null for a closed loop, whose arrivals depend on completions.
     */
    public static RequestSource requestSource(Scenario scenario) {
        SplittableRandom root = new SplittableRandom(scenario.seed());
        SplittableRandom arrivals = root.split();
        SplittableRandom contents = root.split();
        return source(scenario, arrivals, contents);
    }

    private static RequestSource source(Scenario scenario, SplittableRandom arrivals, SplittableRandom contents) {
        return switch (scenario.workload()) {
            case Workload.OpenLoop o -> new GeneratedRequests(o.arrivals(), new RequestFactory(o.classes(), contents),
                    o.requests(), arrivals);
            case Workload.Trace t -> TraceReplay.open(t.file(), t.classes().size());
            case Workload.ClosedLoop c -> null;
        };
    }

    private SimulationReport execute() {
        if (scenario.workload() instanceof Workload.ClosedLoop c) {
            users = new ClosedLoopUsers(c, new RequestFactory(c.classes(), contents), thinking, simulator, this::arrive);
            users.start();
        } else {
            source = source(scenario, arrivals, contents);
            scheduleNextArrival();
        }
        try {
            simulator.runUntil(scenario.horizonSeconds());
        } finally {
            if (source != null) {
                source.close();
            }
        }
        double end = simulator.now();
        if (metrics.inSystem() > 0 && Double.isFinite(scenario.horizonSeconds())) {
            end = scenario.horizonSeconds();
            simulator.advanceTo(end);
        }
        cluster.close(end);
        long unfinished = metrics.inSystem();
        if (unfinished > 0) {
            // conservation: whatever did not finish is reported with its reason
            metrics.unfinished(unfinished, "unfinished at the horizon", end);
        }
        return report(end);
    }

    private SimulationReport report(double end) {
        double busyGpuSeconds = 0;
        double energy = 0;
        double low = 0;
        double high = 0;
        long preemptions = 0;
        long lookups = 0;
        long hits = 0;
        long evictions = 0;
        long iterations = 0;
        long peak = 0;
        double prefillBusy = 0;
        double decodeBusy = 0;
        double iterationJoules = 0;
        double iterationJoulesLow = 0;
        double iterationJoulesHigh = 0;
        for (Replica r : cluster.replicas()) {
            prefillBusy += r.prefillBusySeconds();
            decodeBusy += r.decodeBusySeconds();
            iterationJoules += r.iterationJoules();
            iterationJoulesLow += r.iterationJoulesLow();
            iterationJoulesHigh += r.iterationJoulesHigh();
            busyGpuSeconds += r.busySeconds() * r.gpus();
            energy += r.energyJoules(end);
            low += r.energyLowJoules(end);
            high += r.energyHighJoules(end);
            preemptions += r.scheduler().preemptions();
            lookups += r.scheduler().prefixLookupBlocks();
            hits += r.scheduler().prefixHitBlocks();
            evictions += r.scheduler().kvCache().evictions();
            iterations += r.iterations();
            peak = Math.max(peak, r.scheduler().kvCache().peakInUse());
        }
        return metrics.report(new MetricsCollector.ClusterFigures(scenario.name(), scenario.seed(), end,
                cluster.replicas().size(), cluster.gpus(), busyGpuSeconds, energy, low, high, preemptions, lookups,
                hits, evictions, iterations, simulator.firedEvents(), peak, cluster.kvBlocksPerReplica(), prefillBusy,
                decodeBusy, iterationJoules, iterationJoulesLow, iterationJoulesHigh));
    }

    private final Arrival arrival = new Arrival();

    private void scheduleNextArrival() {
        Request next = source.next();
        if (next != null) {
            arrival.request = next;
            simulator.schedule(arrival, Math.max(next.arrivalTime(), simulator.now()));
        }
    }

    private void arrive(Request r) {
        cluster.arrive(r);
    }

    private void finished(Request r) {
        if (users != null) {
            users.finished(r);
        }
    }

    private final class Arrival extends Event {
        Request request;

        @Override
        protected void fire() {
            Request r = request;
            request = null;
            // fetch the next arrival first so that simultaneous arrivals keep their order
            scheduleNextArrival();
            arrive(r);
        }
    }
}

package io.tokenomics.simulator.engine.metrics;

import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.RequestClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-request measurements of one run: latency distributions overall and per class, token counts, SLO attainment,
 * drops by reason, requests in system over time. Memory does not grow with the number of requests.
 */
public final class MetricsCollector {
    private final List<RequestClass> classes;
    private final PerClass[] perClass;
    private final LatencyDistribution ttft = new LatencyDistribution();
    private final LatencyDistribution tpot = new LatencyDistribution();
    private final LatencyDistribution e2e = new LatencyDistribution();
    private final LatencyDistribution queueing = new LatencyDistribution();
    private final TreeMap<String, Long> dropped = new TreeMap<>();
    private final TimeSeries queueLength;
    private TimeSeries kvOccupancy = new TimeSeries(256, 0.01);
    private final TimeSeries runningSequences;
    private final double windowStart;
    private final double windowEnd;
    private long arrived;
    private long completed;
    private long inputTokens;
    private long outputTokens;
    private double usefulOutputTokens;
    private long goodRequests;
    private long inSystem;
    private double lastChange;
    private double inSystemIntegral;
    private long windowArrivals;
    private double windowSojournSum;
    private long windowDepartures;

    /** @param windowStart start of the Little's-law observation window, @param windowEnd its end (may be infinite) */
    public MetricsCollector(List<RequestClass> classes, double windowStart, double windowEnd) {
        this.classes = List.copyOf(classes);
        this.perClass = new PerClass[classes.size()];
        for (int i = 0; i < perClass.length; i++) {
            perClass[i] = new PerClass();
        }
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.queueLength = new TimeSeries(256, 0.01);
        this.runningSequences = new TimeSeries(256, 0.01);
    }

    private void inSystemChange(double now, int delta) {
        double a = Math.max(lastChange, windowStart);
        double b = Math.min(now, windowEnd);
        if (b > a) {
            inSystemIntegral += inSystem * (b - a);
        }
        lastChange = now;
        inSystem += delta;
    }

    private boolean inWindow(double arrival) {
        return arrival >= windowStart && arrival < windowEnd;
    }

    public void arrived(Request r, double now) {
        arrived++;
        inSystemChange(now, +1);
        if (inWindow(r.arrivalTime())) {
            windowArrivals++;
        }
    }

    public void dropped(Request r, String reason, double now) {
        dropped.merge(reason, 1L, Long::sum);
        leave(r, now);
    }

    /** {@code count} requests still in the system when the run stopped, reported as dropped for {@code reason}. */
    public void unfinished(long count, String reason, double now) {
        dropped.merge(reason, count, Long::sum);
        inSystemChange(now, (int) -count);
    }

    private void leave(Request r, double now) {
        inSystemChange(now, -1);
        if (inWindow(r.arrivalTime())) {
            windowSojournSum += now - r.arrivalTime();
            windowDepartures++;
        }
    }

    /** The request entered a running batch for the first time {@code queueingSeconds} after arriving. */
    public void firstAdmission(Request r, double queueingSeconds) {
        queueing.record(queueingSeconds);
        perClass[r.requestClass()].queueing.record(queueingSeconds);
    }

    public void finished(Request r, double firstTokenTime, double now) {
        completed++;
        leave(r, now);
        double t = firstTokenTime - r.arrivalTime();
        double latency = now - r.arrivalTime();
        PerClass c = perClass[r.requestClass()];
        ttft.record(t);
        e2e.record(latency);
        c.ttft.record(t);
        c.e2e.record(latency);
        double perToken = 0;
        if (r.outputTokens() > 1) {
            perToken = (now - firstTokenTime) / (r.outputTokens() - 1);
            tpot.record(perToken);
            c.tpot.record(perToken);
        }
        RequestClass rc = classes.get(r.requestClass());
        c.completed++;
        c.outputTokens += r.outputTokens();
        double useful = r.outputTokens() * rc.usefulOutputFraction();
        c.usefulOutputTokens += useful;
        inputTokens += r.inputTokens();
        outputTokens += r.outputTokens();
        usefulOutputTokens += useful;
        if (rc.slo().isMetBy(t, perToken)) {
            goodRequests++;
            c.good++;
        }
    }

    /** Requests waiting for admission, summed over the replicas, from {@code now} on. */
    public void queueLength(double now, long waiting) {
        queueLength.record(now, waiting);
    }

    /**
     * The series of KV blocks in use, summed over the replicas (each adds its own steps), reported as a share:
     * {@code scale} is one over all the replicas' blocks.
     */
    public TimeSeries kvOccupancySeries(double scale) {
        kvOccupancy = new TimeSeries(256, 0.01, scale);
        return kvOccupancy;
    }

    /** Sequences in the running batches of all replicas (admitted, not finished or preempted) from {@code now} on. */
    public void runningSequences(double now, long running) {
        runningSequences.record(now, running);
    }

    public long arrivedCount() {
        return arrived;
    }

    /** Output tokens of the requests completed so far. */
    public long outputTokenCount() {
        return outputTokens;
    }

    public long completedCount() {
        return completed;
    }

    public long inSystem() {
        return inSystem;
    }

    /** Figures the cluster knows: hardware, time, energy, caching. */
    public record ClusterFigures(String scenario, long seed, double end, int replicas, int gpus, double busyGpuSeconds,
                                 double energyJoules, double energyLowJoules, double energyHighJoules,
                                 long preemptions, long prefixLookupBlocks, long prefixHitBlocks, long evictions,
                                 long iterations, long events, long peakKvBlocks, long kvBlocksPerReplica,
                                 double prefillBusySeconds, double decodeBusySeconds, double iterationJoules,
                                 double iterationJoulesLow, double iterationJoulesHigh) {
        /** Without per-phase figures. */
        public ClusterFigures(String scenario, long seed, double end, int replicas, int gpus, double busyGpuSeconds,
                              double energyJoules, double energyLowJoules, double energyHighJoules,
                              long preemptions, long prefixLookupBlocks, long prefixHitBlocks, long evictions,
                              long iterations, long events, long peakKvBlocks, long kvBlocksPerReplica) {
            this(scenario, seed, end, replicas, gpus, busyGpuSeconds, energyJoules, energyLowJoules, energyHighJoules,
                    preemptions, prefixLookupBlocks, prefixHitBlocks, evictions, iterations, events, peakKvBlocks,
                    kvBlocksPerReplica, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public SimulationReport report(ClusterFigures f) {
        double end = f.end();
        inSystemChange(end, 0);
        double duration = end > 0 ? end : Double.NaN;
        List<SimulationReport.ClassReport> classReports = new ArrayList<>();
        for (int i = 0; i < perClass.length; i++) {
            PerClass c = perClass[i];
            classReports.add(new SimulationReport.ClassReport(classes.get(i).name(), c.completed, c.ttft.summary(),
                    c.tpot.summary(), c.e2e.summary(), c.queueing.summary(), c.good / duration,
                    c.completed == 0 ? Double.NaN : (double) c.good / c.completed, c.outputTokens,
                    c.usefulOutputTokens));
        }
        double watts = f.energyJoules() / duration;
        double outRate = outputTokens / duration;
        var throughput = new SimulationReport.Throughput(completed / duration, inputTokens / duration, outRate,
                (inputTokens + outputTokens) / duration, outRate / f.gpus(), outRate / (watts / 1e6));
        var energy = new SimulationReport.Energy(f.energyJoules(), f.energyLowJoules(), f.energyHighJoules(),
                f.energyJoules() / outputTokens, f.energyLowJoules() / outputTokens,
                f.energyHighJoules() / outputTokens, f.energyJoules() / completed,
                f.energyJoules() / usefulOutputTokens, watts);
        double lookups = f.prefixLookupBlocks();
        var prefix = new SimulationReport.PrefixCache(f.prefixLookupBlocks(), f.prefixHitBlocks(),
                lookups == 0 ? Double.NaN : f.prefixHitBlocks() / lookups, f.evictions());
        double ws = windowStart;
        double we = Math.min(windowEnd, end);
        var little = new SimulationReport.LittlesLaw(ws, we, inSystemIntegral / (we - ws), windowArrivals / (we - ws),
                windowDepartures == 0 ? Double.NaN : windowSojournSum / windowDepartures);
        double medianTpot = tpot.percentileSeconds(50);
        return new SimulationReport(f.scenario(), f.seed(), end, arrived, completed, java.util.Collections.unmodifiableMap(new TreeMap<>(dropped)),
                ttft.summary(), tpot.summary(), e2e.summary(), queueing.summary(), List.copyOf(classReports),
                throughput, goodRequests / duration, medianTpot > 0 ? 1 / medianTpot : Double.NaN,
                f.busyGpuSeconds() / (f.gpus() * duration), f.preemptions(), prefix, energy, little,
                queueLength.points(end), kvOccupancy.points(end), f.replicas(), f.gpus(), f.iterations(), f.events(),
                f.peakKvBlocks(), f.kvBlocksPerReplica(), Double.isNaN(f.prefillBusySeconds()) ? null
                : new SimulationReport.Phases(f.prefillBusySeconds(), f.decodeBusySeconds(), inputTokens, outputTokens,
                f.iterationJoules(), f.iterationJoulesLow(), f.iterationJoulesHigh()), runningSequences.points(end));
    }

    private static final class PerClass {
        final LatencyDistribution ttft = new LatencyDistribution();
        final LatencyDistribution tpot = new LatencyDistribution();
        final LatencyDistribution e2e = new LatencyDistribution();
        final LatencyDistribution queueing = new LatencyDistribution();
        long completed;
        long good;
        long outputTokens;
        double usefulOutputTokens;
    }
}

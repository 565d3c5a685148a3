package io.tokenomics.simulator.engine.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.simulator.engine.metrics.LatencySummary;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.sweep.CheapestConfiguration;
import io.tokenomics.simulator.engine.sweep.ParetoFrontier;
import io.tokenomics.simulator.engine.sweep.Sweep;
import io.tokenomics.simulator.engine.sweep.SweepPoint;
import io.tokenomics.simulator.engine.validation.HardwareTransfer;
import io.tokenomics.simulator.engine.validation.MeasuredThroughputReplay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The engine without the platform: run a scenario or a sweep file, or replay the published measurements. */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Request-level serving simulation.",
        subcommands = {EngineCommand.Run.class, EngineCommand.SweepCommand.class, EngineCommand.ReplayMeasured.class})
public final class EngineCommand implements Callable<Integer> {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineCommand()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "run", description = "Run one scenario file (YAML or JSON) and print a summary or the report.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", description = "scenario file")
        Path file;

        @Option(names = "--json", description = "print the whole report as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Scenario s = ScenarioFiles.scenario(ScenarioFiles.read(file), base(file));
            long t0 = System.nanoTime();
            SimulationReport r = ServingSimulation.run(s);
            double wall = (System.nanoTime() - t0) / 1e9;
            PrintStream out = System.out;
            if (json) {
                out.println(JSON.writeValueAsString(r));
                return 0;
            }
            printSummary(out, r);
            out.printf(Locale.ROOT, "wall time %.3f s (%.0f requests/s of wall time)%n", wall, r.arrived() / wall);
            return 0;
        }
    }

    @Command(name = "sweep", description = "Run every configuration of a sweep file on all cores; print the Pareto "
            + "frontier and the cheapest configuration meeting the SLO.")
    static final class SweepCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "sweep file (base + grid)")
        Path file;

        @Option(names = "--threads", description = "worker threads (default: all cores)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--json", description = "print every point as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JsonNode spec = ScenarioFiles.read(file);
            List<Scenario> scenarios = ScenarioFiles.sweep(spec, base(file));
            long t0 = System.nanoTime();
            List<SweepPoint> points = Sweep.run(scenarios, threads);
            double wall = (System.nanoTime() - t0) / 1e9;
            JsonNode slo = spec.path("slo");
            double ttft = slo.path("ttft").asDouble(Double.POSITIVE_INFINITY);
            double tpot = slo.path("tpot").asDouble(Double.POSITIVE_INFINITY);
            Map<String, Double> prices = new LinkedHashMap<>();
            spec.path("pricePerGpuHour").fields().forEachRemaining(e -> prices.put(e.getKey(), e.getValue().asDouble()));
            Optional<SweepPoint> cheapest = CheapestConfiguration.find(points, ttft, tpot, prices);
            PrintStream out = System.out;
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SweepPoint p : points) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", p.scenario().name());
                    m.put("gpus", p.gpus());
                    m.put("infeasible", p.infeasible());
                    m.put("report", p.report());
                    rows.add(m);
                }
                out.println(JSON.writeValueAsString(Map.of("points", rows, "cheapest",
                        cheapest.map(p -> p.scenario().name()).orElse("none"))));
                return 0;
            }
            long feasible = points.stream().filter(SweepPoint::feasible).count();
            long requests = points.stream().filter(SweepPoint::feasible).mapToLong(p -> p.report().arrived()).sum();
            out.printf(Locale.ROOT, "%d configurations (%d feasible, %d requests simulated) in %.2f s wall on %d threads%n",
                    points.size(), feasible, requests, wall, threads);
            out.println("Pareto frontier: output tok/s per GPU vs tok/s per user");
            out.printf(Locale.ROOT, "  %12s %12s %12s %10s  %s%n", "tok/s/GPU", "tok/s/MW", "tok/s/user", "TTFT p90", "config");
            for (SweepPoint p : ParetoFrontier.perGpu(points)) {
                out.printf(Locale.ROOT, "  %12.1f %12.0f %12.1f %10.3f  %s%n", p.outputTokensPerSecondPerGpu(),
                        p.outputTokensPerSecondPerMegawatt(), p.interactivity(), p.report().ttft().p90(),
                        p.scenario().name());
            }
            out.println("Pareto frontier (per MW): " + ParetoFrontier.perMegawatt(points).size() + " points");
            out.printf(Locale.ROOT, "cheapest meeting p90 TTFT <= %s s and p90 TPOT <= %s s: %s%n", ttft, tpot,
                    cheapest.map(p -> p.scenario().name() + " (" + p.gpus() + " GPUs, "
                            + String.format(Locale.ROOT, "%.1f tok/s/GPU", p.outputTokensPerSecondPerGpu()) + ")")
                            .orElse("none"));
            return 0;
        }
    }

    @Command(name = "replay-measured", description = "Replay measured-calibration.csv's offline runs: predicted vs "
            + "published output tokens/s.")
    static final class ReplayMeasured implements Callable<Integer> {
        @Option(names = "--threads", description = "worker threads (default: all cores)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            List<MeasuredThroughputReplay.Row> rows = MeasuredThroughputReplay.replay(threads);
            double wall = (System.nanoTime() - t0) / 1e9;
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "%-6s %-5s %-17s %-4s %-4s %6s %6s %6s %11s %11s %8s %8s %7s %7s %5s %8s%n",
                    "row", "hw", "model", "prec", "par", "isl", "osl", "reqs", "published", "predicted", "error",
                    "iters", "batch", "ms/it", "kv", "miss ms");
            Map<String, List<Double>> byHardware = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (MeasuredThroughputReplay.Row r : rows) {
                if (r.skipped() != null) {
                    skipped.add(r.id() + " (" + r.skipped() + ")");
                    continue;
                }
                byHardware.computeIfAbsent(r.hardware(), k -> new ArrayList<>()).add(r.error());
                MeasuredThroughputReplay.Diagnosis d = r.diagnosis();
                out.printf(Locale.ROOT, "%-6s %-5s %-17.17s %-4s %-4s %6d %6d %6d %11.0f %11.0f %+7.1f%% %8d %7.1f "
                                + "%7.2f %5.2f %+8.2f%n", r.id(), r.hardware(), r.model(), r.precision(), r.parallelism(),
                        r.isl(), r.osl(), r.requests(), r.published(), r.predicted(), 100 * r.error(),
                        d.iterationsPerReplica(), d.meanDecodeBatch(), d.meanIterationMs(), d.peakKvFraction(),
                        d.missingMsPerIteration());
            }
            List<Double> all = new ArrayList<>();
            byHardware.forEach((hw, e) -> {
                all.addAll(e);
                summary(out, hw, e);
            });
            summary(out, "ALL", all);
            likeForLike(out, rows);
            if (!skipped.isEmpty()) {
                out.println("skipped " + skipped.size() + ": " + String.join("; ", skipped));
            }
            out.printf(Locale.ROOT, "replayed in %.1f s wall on %d threads%n", wall, threads);
            return 0;
        }

        /**
         * Rows of the same architecture and lengths on two accelerators: per GPU, the published and the predicted
         * speed-up of one over the other and how far the prediction transfers too much (or too little) speed.
         */
        private static void likeForLike(PrintStream out, List<MeasuredThroughputReplay.Row> rows) {
            ModelCatalog models = ModelCatalog.load();
            List<HardwareTransfer.Group> groups = HardwareTransfer.groups(HardwareTransfer.pairs(rows, models), models);
            if (groups.isEmpty()) {
                return;
            }
            out.println("like for like (same architecture and ISL/OSL; output tokens/s per GPU, target / reference; "
                    + "medians over the lengths both ran):");
            out.printf(Locale.ROOT, "  %-16s %-14s %-14s %5s %9s %9s %9s %6s %8s %8s%n", "architecture", "target",
                    "reference", "pairs", "published", "predicted", "transfer", "spread", "target", "ref");
            for (HardwareTransfer.Group g : groups) {
                out.printf(Locale.ROOT, "  %-16.16s %-14s %-14s %5d %8.2fx %8.2fx %+8.1f%% %6.3f %+7.1f%% %+7.1f%%%n",
                        g.architecture(), g.target(), g.reference(), g.pairs().size(), g.medianPublishedRatio(),
                        g.medianPredictedRatio(), 100 * g.medianTransferError(), g.transferSpread(),
                        100 * g.medianTargetError(), 100 * g.medianReferenceError());
            }
            out.println("  (transfer = predicted / published ratio - 1; spread = sd of ln(1 + transfer) over the "
                    + "lengths; what-ifs: validation.TransferHypotheses)");
        }

        private static void summary(PrintStream out, String label, List<Double> errors) {
            double[] abs = errors.stream().mapToDouble(Math::abs).toArray();
            double[] signed = errors.stream().mapToDouble(Double::doubleValue).toArray();
            out.printf(Locale.ROOT, "%-5s rows %3d: median |error| %5.1f%%, p90 |error| %5.1f%%, median signed %+5.1f%%%n",
                    label, abs.length, 100 * MeasuredThroughputReplay.percentile(abs, 50),
                    100 * MeasuredThroughputReplay.percentile(abs, 90),
                    100 * MeasuredThroughputReplay.percentile(signed, 50));
        }
    }

    static Path base(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    static void printSummary(PrintStream out, SimulationReport r) {
        out.printf(Locale.ROOT, "scenario %s (seed %d): %d replicas, %d GPUs, %.1f s simulated, %d iterations%n",
                r.scenario(), r.seed(), r.replicas(), r.gpus(), r.simulatedSeconds(), r.iterations());
        out.printf(Locale.ROOT, "requests: %d arrived, %d completed, dropped %s%n", r.arrived(), r.completed(), r.dropped());
        out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s %9s%n", "latency s", "mean", "p50", "p90", "p95", "p99");
        row(out, "TTFT", r.ttft());
        row(out, "TPOT", r.tpot());
        row(out, "E2E", r.e2e());
        row(out, "queueing", r.queueing());
        var t = r.throughput();
        out.printf(Locale.ROOT, "throughput: %.2f req/s; tokens/s in %.0f, out %.0f, total %.0f; out per GPU %.1f; "
                        + "out per MW %.0f%n", t.requestsPerSecond(), t.inputTokensPerSecond(), t.outputTokensPerSecond(),
                t.totalTokensPerSecond(), t.outputTokensPerSecondPerGpu(), t.outputTokensPerSecondPerMegawatt());
        out.printf(Locale.ROOT, "goodput %.2f req/s; interactivity %.1f tok/s per user (median); GPU busy %.3f; "
                        + "preemptions %d; prefix hit rate %.3f%n", r.goodputRequestsPerSecond(), r.interactivityP50(),
                r.gpuBusyFraction(), r.preemptions(), r.prefixCache().hitRate());
        var e = r.energy();
        out.printf(Locale.ROOT, "energy: %.3f J per output token (%.3f-%.3f), %.1f J per request, %.3f J per useful "
                        + "token, %.0f W average facility power%n", e.joulesPerOutputToken(), e.joulesPerOutputTokenLow(),
                e.joulesPerOutputTokenHigh(), e.joulesPerRequest(), e.joulesPerUsefulOutputToken(),
                e.averageFacilityWatts());
        for (var c : r.classes()) {
            out.printf(Locale.ROOT, "class %s: %d completed, SLO attainment %.3f, goodput %.2f req/s%n", c.name(),
                    c.completed(), c.sloAttainment(), c.goodputRequestsPerSecond());
        }
    }

    private static void row(PrintStream out, String name, LatencySummary s) {
        out.printf(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %9.4f %9.4f%n", name, s.mean(), s.p50(), s.p90(), s.p95(), s.p99());
    }
}

package io.tokenomics.simulator.engine.bench;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.simulator.engine.cli.ScenarioFiles;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.sweep.Sweep;
import io.tokenomics.simulator.engine.sweep.SweepPoint;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The sweep target as a harness: runs a sweep file {@code repeats} times on {@code threads} threads and prints wall
 * time, process CPU time, iterations simulated and a SHA-256 of every point's report as JSON (equal digests: the
 * same metrics, bit for bit). Args: [sweep file] [threads] [repeats] [name filter (substring)].
 */
public final class SweepRun {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private SweepRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0]
                : "simulator-service/src/main/resources/engine/scenarios/sweep-1000.yaml");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String filter = args.length > 3 ? args[3] : "";
        Path base = file.toAbsolutePath().getParent();
        List<Scenario> scenarios = ScenarioFiles.sweep(ScenarioFiles.read(file), base).stream()
                .filter(s -> s.name().contains(filter)).toList();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < repeats; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<SweepPoint> points = Sweep.run(scenarios, threads);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long iterations = 0;
            long requests = 0;
            for (SweepPoint p : points) {
                sha.update(p.scenario().name().getBytes(StandardCharsets.UTF_8));
                sha.update(JSON.writeValueAsBytes(p.report() == null ? p.infeasible() : p.report()));
                if (p.report() != null) {
                    iterations += p.report().iterations();
                    requests += p.report().arrived();
                }
            }
            System.out.printf(Locale.ROOT, "run %d: %d configurations, %d requests, %d iterations on %d threads: wall "
                            + "%.2f s, cpu %.2f s (%.0f ns cpu per iteration); digest %s%n", i, points.size(), requests,
                    iterations, threads, wall, cpu, cpu * 1e9 / iterations,
                    HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
    }
}

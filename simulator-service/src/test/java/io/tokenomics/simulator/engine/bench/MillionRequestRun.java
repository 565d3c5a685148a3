package io.tokenomics.simulator.engine.bench;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;

import java.util.List;
import java.util.Locale;

/**
 * The whole-run target: Llama 3.1 70B FP8 TP4 on H100, continuous batching, Poisson arrivals at ~90 % of the
 * replica's saturation throughput (measured first by an offline run), ISL/OSL log-normal around 1000/200. Prints
 * wall time, simulated figures and heap after the run. Args: [requests] [repeats].
 */
public final class MillionRequestRun {
    private MillionRequestRun() {
    }

    public static void main(String[] args) {
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ServingConfiguration config = new ServingConfiguration(ModelCatalog.load().get("Llama 3.1 70B"),
                AcceleratorCatalog.load().get("H100"), Quantization.FP8, Parallelism.tensor(4));
        PerformanceModel model = PerformanceModel.of(config);
        List<RequestClass> classes = List.of(RequestClass.of("chat", new LengthDistribution.LogNormal(1000, 0.5, 16, 8000),
                new LengthDistribution.LogNormal(200, 0.5, 1, 2000)));
        Scenario offline = Scenario.of("saturation", config,
                new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(), classes, 20_000));
        SimulationReport sat = ServingSimulation.run(offline, model);
        double capacity = sat.throughput().requestsPerSecond();
        double rate = 0.9 * capacity;
        System.out.printf(Locale.ROOT, "saturation: %.2f req/s, %.0f output tok/s (offline, 20k requests)%n", capacity,
                sat.throughput().outputTokensPerSecond());
        Scenario run = Scenario.of("1M", config, new Workload.OpenLoop(new ArrivalProcess.Poisson(rate), classes,
                requests));
        for (int i = 0; i < repeats; i++) {
            System.gc();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            SimulationReport r = ServingSimulation.run(run, model);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.gc();
            double heapMiB = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            System.out.printf(Locale.ROOT, "run %d: %d requests at %.2f req/s: wall %.3f s, cpu %.3f s (%.2f M req/s of wall), %d iterations,"
                            + " %d events; simulated %.0f s; out %.0f tok/s; TTFT p50 %.3f p99 %.3f s; TPOT p50 %.1f ms;"
                            + " busy %.3f; preemptions %d; heap after GC %.1f MiB (max %d MiB)%n", i, r.completed(), rate,
                    wall, cpu, r.completed() / wall / 1e6, r.iterations(), r.events(), r.simulatedSeconds(),
                    r.throughput().outputTokensPerSecond(), r.ttft().p50(), r.ttft().p99(), r.tpot().p50() * 1e3,
                    r.gpuBusyFraction(), r.preemptions(), heapMiB, rt.maxMemory() >> 20);
        }
    }
}

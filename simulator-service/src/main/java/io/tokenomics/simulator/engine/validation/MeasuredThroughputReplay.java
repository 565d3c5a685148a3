package io.tokenomics.simulator.engine.validation;

import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.data.Csv;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.simulation.ServingSimulation;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the published offline max-throughput runs of {@code measured-calibration.csv} through the request-level
 * simulator: every request queued at time 0, the row's ISL/OSL (uniform, stdev 0), request count, TP and GPU count,
 * and a TensorRT-LLM-like engine (in-flight batching mixing prompts and decodes within the token budget, KV reserved
 * for prompt + output at admission (GUARANTEED_NO_EVICT), KV fraction 0.95, max batch 2048, 8192 tokens, 32-token
 * blocks). Predicted output tokens/s = all output tokens / makespan.
 */
public final class MeasuredThroughputReplay {
    private static final Pattern REQUESTS = Pattern.compile("num_requests=(\\d+)");
    public static final SchedulerPolicy TRT_LLM_OFFLINE = new SchedulerPolicy(SchedulerPolicy.Batching.CONTINUOUS,
            2048, 8192, true, 32, SchedulerPolicy.KvReservation.FULL_SEQUENCE, SchedulerPolicy.Preemption.RECOMPUTE,
            SchedulerPolicy.QueueOrder.FCFS, false, 0, 25e9);

    /** One replayed row; {@code skipped} holds the reason when it could not run. */
    public record Row(String id, String hardware, String model, String precision, String parallelism, int gpus,
                      int isl, int osl, int requests, double published, double predicted, double seconds,
                      String skipped, Diagnosis diagnosis) {
        public Row(String id, String hardware, String model, String precision, String parallelism, int gpus, int isl,
                   int osl, int requests, double published, double predicted, double seconds, String skipped) {
            this(id, hardware, model, precision, parallelism, gpus, isl, osl, requests, published, predicted, seconds,
                    skipped, null);
        }

        public double error() {
            return predicted / published - 1;
        }

        /** Published output tokens/s per GPU of the run (the row's total over its GPU count). */
        public double publishedPerGpu() {
            return published / gpus;
        }

        public double predictedPerGpu() {
            return predicted / gpus;
        }
    }

    /**
     * Why a row's prediction is where it is: engine iterations per replica, mean decoding sequences per iteration
     * (output tokens / iterations), the mean iteration time, the peak share of KV blocks in use, and the time per
     * iteration the published rate implies beyond the simulated one ((published makespan - simulated makespan) /
     * iterations; a per-iteration cost missing from the model shows up as a constant here).
     */
    public record Diagnosis(long iterationsPerReplica, double meanDecodeBatch, double meanIterationMs,
                            double peakKvFraction, double missingMsPerIteration) {
    }

    private MeasuredThroughputReplay() {
    }

    /**
     * A what-if applied to the rows of one accelerator: its spec and the row's quantization transformed before the
     * replay (identity for the other accelerators). Used by {@link TransferHypotheses}; the replay itself runs
     * {@link #AS_PUBLISHED}.
     */
    public record Variant(String hardwareKey, UnaryOperator<AcceleratorSpec> accelerator,
                          UnaryOperator<Quantization> quantization) {
        public static final Variant AS_PUBLISHED = new Variant("", UnaryOperator.identity(), UnaryOperator.identity());

        AcceleratorSpec apply(AcceleratorSpec a) {
            return a.key().equals(hardwareKey) ? accelerator.apply(a) : a;
        }

        Quantization apply(String key, Quantization q) {
            return key.equals(hardwareKey) ? quantization.apply(q) : q;
        }
    }

    /** Replays every row (in parallel on {@code threads} threads), in file order. */
    public static List<Row> replay(int threads) throws Exception {
        return replay(threads, Variant.AS_PUBLISHED);
    }

    /** Replays every row with {@code variant} applied to its accelerator's rows. */
    public static List<Row> replay(int threads, Variant variant) throws Exception {
        ModelCatalog models = ModelCatalog.load();
        AcceleratorCatalog accelerators = AcceleratorCatalog.load();
        List<Map<String, String>> rows = Csv.readResource("engine/data/measured-calibration.csv");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (Map<String, String> r : rows) {
                futures.add(pool.submit(() -> replay(r, models, accelerators, variant)));
            }
            List<Row> out = new ArrayList<>();
            for (Future<Row> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    static Row replay(Map<String, String> r, ModelCatalog models, AcceleratorCatalog accelerators) {
        return replay(r, models, accelerators, Variant.AS_PUBLISHED);
    }

    static Row replay(Map<String, String> r, ModelCatalog models, AcceleratorCatalog accelerators, Variant variant) {
        String id = r.get("row_id");
        int isl = Csv.integer(r, "isl", 0);
        int osl = Csv.integer(r, "osl", 0);
        Matcher m = REQUESTS.matcher(r.getOrDefault("notes", ""));
        int requests = m.find() ? Integer.parseInt(m.group(1)) : 1000;
        double published = Csv.number(r, "value");
        Optional<ModelArchitecture> arch = models.find(r.get("model"));
        Optional<AcceleratorSpec> acc = accelerators.find(r.get("hardware_key"));
        int tp = Integer.parseInt(r.get("parallelism").replace("TP", ""));
        int gpus = Csv.integer(r, "num_gpus", tp);
        Row base = new Row(id, r.get("hardware_key"), r.get("model"), r.get("precision"), r.get("parallelism"), gpus,
                isl, osl, requests, published, Double.NaN, 0, null);
        if (arch.isEmpty() || acc.isEmpty()) {
            return skip(base, arch.isEmpty() ? "no architecture for " + r.get("model") : "no accelerator");
        }
        ModelArchitecture model = fullAttentionAsRun(arch.get());
        Parallelism parallelism = parallelismAsRun(model, tp, gpus, r.getOrDefault("notes", ""));
        try {
            ServingConfiguration config = new ServingConfiguration(model, variant.apply(acc.get()),
                    variant.apply(acc.get().key(), Quantization.named(r.get("precision"))), parallelism);
            List<RequestClass> fixed = List.of(RequestClass.of("offline", new LengthDistribution.Fixed(isl),
                    new LengthDistribution.Fixed(osl)));
            Scenario s = Scenario.of(id, config, new Workload.OpenLoop(new ArrivalProcess.AllAtOnce(), fixed, requests))
                    .withScheduler(schedulerAsRun(parallelism)).withKvCacheMemoryFraction(0.95)
                    .withRouting(RoutingPolicy.LEAST_OUTSTANDING);
            long t0 = System.nanoTime();
            SimulationReport report = ServingSimulation.run(s);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (report.completed() == 0) {
                return skip(base, "nothing completed: " + report.dropped());
            }
            int replicas = Math.max(1, report.replicas());
            long iterations = Math.max(1, report.iterations() / replicas);
            double outputTokens = report.throughput().outputTokensPerSecond() * report.simulatedSeconds();
            double publishedMakespan = outputTokens / published;
            Diagnosis why = new Diagnosis(iterations, outputTokens / replicas / iterations,
                    1e3 * report.simulatedSeconds() / iterations, (double) report.peakKvBlocks()
                    / report.kvBlocksPerReplica(), 1e3 * (publishedMakespan - report.simulatedSeconds()) / iterations);
            return new Row(id, base.hardware(), base.model(), base.precision(), base.parallelism(), gpus, isl, osl,
                    requests, published, report.throughput().outputTokensPerSecond(), seconds, null, why);
        } catch (MemoryPlan.ConfigurationDoesNotFitException | IllegalArgumentException e) {
            return skip(base, e.getMessage());
        }
    }

    /**
     * The row's parallel layout: TP{@code tp} over {@code gpus / tp} replicas; where the row's notes say the MoE runs
     * used attention DP and the model has experts, attention data parallelism over the tensor group with the experts
     * split by expert parallelism over the same GPUs (EP = TP when the experts divide evenly, else expert-tensor
     * slices). Read from the row's stated configuration, never from its name.
     */
    public static Parallelism parallelismAsRun(ModelArchitecture model, int tp, int gpus, String notes) {
        boolean attentionDp = model.isMoe() && notes.contains("attention DP");
        int ep = attentionDp && model.routedExperts() % tp == 0 ? tp : 1;
        return new Parallelism(tp, 1, ep, Math.max(1, gpus / tp), attentionDp && tp > 1);
    }

    /**
     * TensorRT-LLM's batch limits (max_batch_size 2048, max_num_tokens 8192) hold per rank; under attention data
     * parallelism every rank of the group runs its own scheduler over its own requests, so the group (one engine
     * replica here) batches up to {@code ranks} times as many sequences and tokens.
     */
    static SchedulerPolicy schedulerAsRun(Parallelism parallelism) {
        int ranks = parallelism.attentionRanks();
        SchedulerPolicy p = TRT_LLM_OFFLINE;
        return ranks == 1 ? p : new SchedulerPolicy(p.batching(), p.maxSequences() * ranks,
                p.maxBatchedTokens() * ranks, p.chunkedPrefill(), p.blockSize(), p.kvReservation(), p.preemption(),
                p.queueOrder(), p.prefixCaching(), p.admissionWatermark(), p.swapBytesPerSecond());
    }

    /**
     * A model whose config windows every layer (Mistral 7B v0.1) runs with full attention in these tables: TensorRT-LLM
     * applies a window only when {@code max_attention_window_size} is passed at run time, and {@code trtllm-bench}
     * does not pass it, so every token attends to (and keeps KV for) its whole context. Models that interleave
     * windowed and full layers (gpt-oss) keep their layout, which the engine builds in.
     */
    static ModelArchitecture fullAttentionAsRun(ModelArchitecture m) {
        if (m.slidingWindow() == 0 || m.slidingWindowLayers() < m.layers()) {
            return m;
        }
        return new ModelArchitecture(m.name(), m.hiddenSize(), m.layers(), m.attentionHeads(), m.kvHeads(),
                m.headDim(), m.denseIntermediateSize(), m.expertIntermediateSize(), m.vocabSize(), m.routedExperts(),
                m.sharedExperts(), m.expertsPerToken(), m.firstDenseLayers(), m.moeLayerInterval(), m.kvLoraRank(),
                m.qLoraRank(), m.qkNopeHeadDim(), m.qkRopeHeadDim(), m.vHeadDim(), 0, 0, m.tiedEmbeddings());
    }

    private static Row skip(Row b, String reason) {
        return new Row(b.id(), b.hardware(), b.model(), b.precision(), b.parallelism(), b.gpus(), b.isl(), b.osl(),
                b.requests(), b.published(), Double.NaN, 0, reason);
    }

    public static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
    }
}

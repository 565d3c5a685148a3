package io.tokenomics.simulator.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tokenomics.simulator.engine.cluster.Disaggregation;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.ModelCatalog;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.RequestClass;
import io.tokenomics.simulator.engine.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario and sweep files (YAML or JSON; see the README's Engine section for the keys). A sweep file has a
 * {@code base} scenario and a {@code grid} of dotted paths into it with lists of values; every combination is a
 * scenario.
 */
public final class ScenarioFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ModelCatalog MODELS = ModelCatalog.load();
    private static final AcceleratorCatalog ACCELERATORS = AcceleratorCatalog.load();

    private ScenarioFiles() {
    }

    public static JsonNode read(Path file) throws IOException {
        // YAML is a superset of JSON: one parser reads both
        return YAML.readTree(Files.readString(file));
    }

    public static JsonNode parse(String text) throws IOException {
        return YAML.readTree(text);
    }

    public static Scenario scenario(JsonNode n, Path baseDir) {
        String name = n.path("name").asText("scenario");
        var model = MODELS.get(n.path("model").asText("Llama 3.1 8B"));
        var accelerator = ACCELERATORS.get(n.path("hardware").asText("H100"));
        int tp = n.path("tensorParallel").asInt(1);
        Parallelism parallelism = new Parallelism(tp, n.path("pipelineParallel").asInt(1),
                n.path("expertParallel").asInt(1), n.path("replicas").asInt(1),
                n.path("attentionDataParallel").asBoolean(false));
        ServingConfiguration serving = new ServingConfiguration(model, accelerator,
                Quantization.named(n.path("precision").asText("FP8")), parallelism);
        Scenario s = Scenario.of(name, serving, workload(n.path("workload"), baseDir))
                .withScheduler(scheduler(n.path("scheduler")))
                .withRouting(RoutingPolicy.valueOf(upper(n.path("routing").asText("least_outstanding"))))
                .withSeed(n.path("seed").asLong(1))
                .withKvCacheMemoryFraction(n.path("kvCacheMemoryFraction").asDouble(Scenario.DEFAULT_KV_CACHE_MEMORY_FRACTION));
        if (n.has("horizonSeconds")) {
            s = s.withHorizon(n.get("horizonSeconds").asDouble());
        }
        Speculation speculation = speculation(n.path("speculation"), model);
        if (speculation != null) {
            s = s.withSpeculation(speculation);
        }
        JsonNode d = n.path("disaggregation");
        if (d.isObject()) {
            s = s.withDisaggregation(new Disaggregation(d.path("prefillReplicas").asInt(1),
                    d.path("decodeReplicas").asInt(1),
                    d.path("linkGBps").asDouble(Disaggregation.DEFAULT_LINK_BYTES_PER_SECOND_PER_GPU / 1e9) * 1e9));
        }
        return s;
    }

    /**
     * {@code speculation: {enabled, draftTokens, acceptance | acceptanceByPosition: [a_1, ..., a_k], draftModel}}: off
     * when absent or {@code enabled: false} (a profile sets the draft tokens to its length);
     * {@code draftModel} is a catalog name, {@code mtp} (one block of the target) or {@code none} (free drafting,
     * the default).
     */
    static Speculation speculation(JsonNode n, ModelArchitecture target) {
        if (!n.isObject() || !n.path("enabled").asBoolean(true)) {
            return null;
        }
        String draft = n.path("draftModel").asText("none");
        int k = n.path("draftTokens").asInt(4);
        double acceptance = n.path("acceptance").asDouble(0.7);
        java.util.List<Double> profile = null;
        if (n.path("acceptanceByPosition").isArray()) {
            profile = new java.util.ArrayList<>();
            for (JsonNode a : n.path("acceptanceByPosition")) {
                profile.add(a.asDouble());
            }
            k = profile.size();
        }
        return switch (draft.toLowerCase(Locale.ROOT)) {
            case "none", "" -> new Speculation(k, acceptance, null, false, profile);
            case "mtp" -> new Speculation(k, acceptance, Speculation.mtpHead(target), true, profile);
            default -> new Speculation(k, acceptance, MODELS.get(draft), false, profile);
        };
    }

    static SchedulerPolicy scheduler(JsonNode n) {
        SchedulerPolicy d = SchedulerPolicy.VLLM;
        return new SchedulerPolicy(
                SchedulerPolicy.Batching.valueOf(upper(n.path("batching").asText(d.batching().name()))),
                n.path("maxSequences").asInt(d.maxSequences()), n.path("maxBatchedTokens").asInt(d.maxBatchedTokens()),
                n.path("chunkedPrefill").asBoolean(d.chunkedPrefill()), n.path("blockSize").asInt(d.blockSize()),
                SchedulerPolicy.KvReservation.valueOf(upper(n.path("kvReservation").asText(d.kvReservation().name()))),
                SchedulerPolicy.Preemption.valueOf(upper(n.path("preemption").asText(d.preemption().name()))),
                SchedulerPolicy.QueueOrder.valueOf(upper(n.path("queueOrder").asText(d.queueOrder().name()))),
                n.path("prefixCaching").asBoolean(d.prefixCaching()),
                n.path("admissionWatermark").asDouble(d.admissionWatermark()),
                n.path("swapGBps").asDouble(d.swapBytesPerSecond() / 1e9) * 1e9);
    }

    static Workload workload(JsonNode n, Path baseDir) {
        List<RequestClass> classes = new ArrayList<>();
        for (JsonNode c : n.path("classes")) {
            JsonNode slo = c.path("slo");
            classes.add(new RequestClass(c.path("name").asText("class" + classes.size()), c.path("weight").asDouble(1),
                    length(c.path("input")), length(c.path("output")),
                    slo.isObject() ? new RequestClass.Slo(slo.path("ttft").asDouble(Double.POSITIVE_INFINITY),
                            slo.path("tpot").asDouble(Double.POSITIVE_INFINITY)) : RequestClass.Slo.NONE,
                    c.path("usefulFraction").asDouble(1), c.path("priority").asInt(0),
                    c.path("sharedPrefixTokens").asInt(0), c.path("prefixGroups").asInt(0)));
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("workload.classes: at least one request class");
        }
        String type = n.path("type").asText("open");
        return switch (type) {
            case "open" -> new Workload.OpenLoop(arrivals(n.path("arrival")), classes, n.path("requests").asLong(1000));
            case "closed" -> new Workload.ClosedLoop(n.path("users").asInt(1), n.path("thinkSeconds").asDouble(0),
                    classes, n.path("requests").asLong(1000), n.path("turns").asInt(1));
            case "trace" -> new Workload.Trace(baseDir.resolve(n.path("file").asText()), classes);
            default -> throw new IllegalArgumentException("workload.type must be open, closed or trace: " + type);
        };
    }

    static ArrivalProcess arrivals(JsonNode n) {
        String type = n.path("type").asText("poisson");
        return switch (type) {
            case "poisson" -> new ArrivalProcess.Poisson(n.path("rate").asDouble());
            case "gamma" -> new ArrivalProcess.Gamma(n.path("rate").asDouble(), n.path("cv").asDouble(1));
            case "constant" -> new ArrivalProcess.ConstantRate(n.path("rate").asDouble());
            case "offline" -> new ArrivalProcess.AllAtOnce();
            case "piecewise" -> new ArrivalProcess.TimeVarying(doubles(n.path("starts")), doubles(n.path("rates")));
            default -> throw new IllegalArgumentException("unknown arrival type " + type);
        };
    }

    static LengthDistribution length(JsonNode n) {
        String type = n.path("type").asText("fixed");
        int min = n.path("min").asInt(1);
        int max = n.path("max").asInt(1 << 20);
        return switch (type) {
            case "fixed" -> new LengthDistribution.Fixed(n.path("tokens").asInt());
            case "uniform" -> new LengthDistribution.Uniform(n.path("min").asInt(), n.path("max").asInt());
            case "normal" -> new LengthDistribution.Normal(n.path("mean").asDouble(), n.path("stddev").asDouble(), min, max);
            case "lognormal" -> new LengthDistribution.LogNormal(n.path("median").asDouble(), n.path("sigma").asDouble(),
                    min, max);
            case "empirical" -> new LengthDistribution.Empirical(
                    doubles(n.path("values")).stream().mapToInt(Double::intValue).toArray(),
                    doubles(n.path("weights")).stream().mapToDouble(Double::doubleValue).toArray());
            default -> throw new IllegalArgumentException("unknown length type " + type);
        };
    }

    /** Every combination of the sweep file's grid applied to its base scenario, in grid order. */
    public static List<Scenario> sweep(JsonNode file, Path baseDir) {
        JsonNode base = file.path("base");
        List<Map.Entry<String, JsonNode>> axes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = file.path("grid").fields(); it.hasNext(); ) {
            axes.add(it.next());
        }
        List<Scenario> out = new ArrayList<>();
        expand(base.deepCopy(), axes, 0, "", out, baseDir);
        return out;
    }

    private static void expand(ObjectNode node, List<Map.Entry<String, JsonNode>> axes, int axis, String label,
                               List<Scenario> out, Path baseDir) {
        if (axis == axes.size()) {
            node.put("name", label.isEmpty() ? node.path("name").asText("scenario") : label.substring(1));
            out.add(scenario(node, baseDir));
            return;
        }
        Map.Entry<String, JsonNode> a = axes.get(axis);
        for (JsonNode value : a.getValue()) {
            ObjectNode copy = node.deepCopy();
            set(copy, a.getKey(), value);
            expand(copy, axes, axis + 1, label + " " + a.getKey() + "=" + value.asText(), out, baseDir);
        }
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = n.get(parts[i]);
            n = child instanceof ObjectNode o ? o : n.putObject(parts[i]);
        }
        n.set(parts[parts.length - 1], value);
    }

    private static List<Double> doubles(JsonNode n) {
        List<Double> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

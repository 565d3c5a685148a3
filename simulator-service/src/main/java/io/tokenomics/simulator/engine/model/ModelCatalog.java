package io.tokenomics.simulator.engine.model;

import io.tokenomics.simulator.engine.data.Csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The architectures of {@code engine/data/models.csv} (a copy of {@code shared/data/models.csv}), by name. */
public final class ModelCatalog {
    private static final Pattern INTERLEAVE = Pattern.compile("interleave_moe_layer_step=(\\d+)");
    private static final Pattern MLP_WIDTH = Pattern.compile("intermediate_size_mlp=(\\d+)");
    private static final Pattern SLIDING_LAYERS = Pattern.compile("sliding_attention x(\\d+)");
    /** Names used by other data files for an architecture listed under another name (same config.json shape). */
    private static final Map<String, String> ALIASES = Map.of(
            "Llama 3.3 70B", "Llama 3.1 70B",
            "Llama 4 Scout", "Llama 4 Scout 17B-16E",
            "Llama 4 Maverick", "Llama 4 Maverick 17B-128E",
            "Qwen3-32B", "Qwen3-32B (dense)",
            "Qwen3-30B-A3B", "Qwen3-30B-A3B (MoE)",
            "Qwen3-235B-A22B", "Qwen3-235B-A22B (MoE)");

    private final Map<String, ModelArchitecture> byName;

    private ModelCatalog(Map<String, ModelArchitecture> byName) {
        this.byName = byName;
    }

    /**
     * {@code models.csv} (a byte-for-byte copy of {@code shared/data/models.csv}) plus {@code models-extra.csv}:
     * architectures the shared file lacks, same columns, each row citing its {@code config.json}.
     */
    public static ModelCatalog load() {
        List<Map<String, String>> rows = new java.util.ArrayList<>(Csv.readResource("engine/data/models.csv"));
        rows.addAll(Csv.readResource("engine/data/models-extra.csv"));
        return fromRows(rows);
    }

    public static ModelCatalog fromRows(List<Map<String, String>> rows) {
        Map<String, ModelArchitecture> map = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            ModelArchitecture m = fromRow(r);
            map.put(m.name(), m);
        }
        return new ModelCatalog(map);
    }

    static ModelArchitecture fromRow(Map<String, String> r) {
        String name = r.get("model");
        String note = r.getOrDefault("moe_layer_note", "");
        int hidden = Csv.integer(r, "hidden_size", 0);
        int heads = Csv.integer(r, "num_attention_heads", 0);
        int experts = Csv.integer(r, "experts_routed_total", 0);
        int intermediate = Csv.integer(r, "intermediate_size", 0);
        int moeIntermediate = Csv.integer(r, "moe_intermediate_size", 0);
        int expertWidth = experts > 0 ? (moeIntermediate > 0 ? moeIntermediate : intermediate) : 0;
        int denseWidth = intermediate;
        Matcher mlp = MLP_WIDTH.matcher(note);
        if (mlp.find()) {
            denseWidth = Integer.parseInt(mlp.group(1));
        }
        Matcher step = INTERLEAVE.matcher(note);
        int interval = step.find() ? Integer.parseInt(step.group(1)) : 1;
        int kvLora = Csv.integer(r, "kv_lora_rank", 0);
        int headDim = Csv.integer(r, "head_dim", kvLora > 0 ? 0 : hidden / Math.max(1, heads));
        int window = Csv.integer(r, "sliding_window", 0);
        int layers = Csv.integer(r, "num_layers", 0);
        int slidingLayers = 0;
        if (window > 0) {
            Matcher s = SLIDING_LAYERS.matcher(r.getOrDefault("layer_types_summary", ""));
            slidingLayers = s.find() ? Integer.parseInt(s.group(1)) : layers;
        }
        return new ModelArchitecture(name, hidden, layers, heads, Csv.integer(r, "num_kv_heads", heads), headDim,
                denseWidth, expertWidth, Csv.integer(r, "vocab_size", 0), experts,
                sharedExperts(r), Csv.integer(r, "experts_active_per_token", 0),
                Csv.integer(r, "first_k_dense_layers", 0), interval, kvLora, Csv.integer(r, "q_lora_rank", 0),
                Csv.integer(r, "qk_nope_head_dim", 0), Csv.integer(r, "qk_rope_head_dim", 0),
                Csv.integer(r, "v_head_dim", 0), window, slidingLayers,
                "True".equalsIgnoreCase(r.getOrDefault("tie_word_embeddings", "")));
    }

    /**
     * Shared experts per MoE layer: the CSV's {@code experts_shared}, or for Llama 4 ({@code model_type} llama4_text)
     * one when the cell is empty. Llama 4's MoE block always runs a shared expert of the expert width beside the
     * routed top-k (transformers' {@code Llama4TextMoe.shared_expert}; TensorRT-LLM's {@code Llama4MoE.shared_expert}),
     * a fixed part of the architecture with no {@code config.json} key, so the copied row leaves the cell empty. Check:
     * the names' 17B active parameters (Scout and Maverick) come out only with it, e.g. Maverick = 48 attention blocks
     * (3.02 B) + 24 dense MLPs (6.04 B) + 24 x (routed + shared expert, 2 x 0.126 B) + LM head (1.03 B) = 16.1 B
     * (17.2 B with the embedding), against 13.1 B (14.2 B) without it; Scout's 48 MoE layers give the same 16.1 B.
     */
    static int sharedExperts(Map<String, String> r) {
        int shared = Csv.integer(r, "experts_shared", 0);
        String cell = r.getOrDefault("experts_shared", "");
        if ((cell == null || cell.isBlank()) && "llama4_text".equals(r.getOrDefault("model_type", ""))
                && Csv.integer(r, "experts_routed_total", 0) > 0) {
            return 1;
        }
        return shared;
    }

    public Optional<ModelArchitecture> find(String name) {
        ModelArchitecture m = byName.get(name);
        if (m == null && ALIASES.containsKey(name)) {
            m = byName.get(ALIASES.get(name));
        }
        return Optional.ofNullable(m);
    }

    public ModelArchitecture get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model " + name));
    }

    public List<ModelArchitecture> all() {
        return List.copyOf(byName.values());
    }
}

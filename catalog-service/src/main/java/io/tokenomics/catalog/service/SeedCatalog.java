package io.tokenomics.catalog.service;

import io.tokenomics.catalog.domain.AcceleratorSpec;
import io.tokenomics.catalog.domain.AcceleratorSpec.AcceleratorStatus;
import io.tokenomics.catalog.domain.ModelSpec;
import io.tokenomics.catalog.domain.ModelSpec.AttentionKind;
import io.tokenomics.catalog.domain.ModelSpec.Availability;
import io.tokenomics.catalog.domain.NumberFormat;
import io.tokenomics.catalog.domain.QuantizationSpec;
import io.tokenomics.catalog.domain.SystemSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public seed catalog: every row of the copied {@code seed/accelerators.csv} and {@code seed/models.csv} (sources
 * kept, empty cells left empty), plus systems, quantization schemes and the models of the efficiency-score table in
 * {@code shared/seeds/002_c5cd58bea1a7a16b.txt}, each citing where its figures come from.
 */
public final class SeedCatalog {
    static final String SEED_002 = "shared/seeds/002_c5cd58bea1a7a16b.txt, efficiency-score table "
            + "(columns 'MMLU Score' and 'Cost per 1M tokens (USD)')";
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern DOMAIN = Pattern.compile("(\\d+)-GPU (?:domain|mesh)");

    private SeedCatalog() {
    }

    public static Map<String, AcceleratorSpec> accelerators() {
        Map<String, AcceleratorSpec> specs = new LinkedHashMap<>();
        for (Map<String, String> r : CsvReader.read(resource("seed/accelerators.csv"))) {
            String status = r.get("status");
            String memGb = r.get("mem_gb");
            String memBw = r.get("mem_bw_tbps");
            String memoryNote = join(extra(memGb) ? "capacity as published: " + memGb : null,
                    extra(memBw) ? "bandwidth as published: " + memBw : null);
            Matcher domain = DOMAIN.matcher(r.get("scaleup_interconnect"));
            specs.put(r.get("hardware_key"), new AcceleratorSpec(
                    r.get("vendor"), r.get("accelerator"),
                    status.toLowerCase(Locale.ROOT).startsWith("announced") ? AcceleratorStatus.ANNOUNCED : AcceleratorStatus.GA,
                    status.equals("GA") || status.equals("announced") ? null : status,
                    number(memGb), empty(r.get("mem_type")), memoryNote, number(memBw),
                    null, number(r.get("bf16_dense_tflops")), number(r.get("fp8_dense_tflops")), null,
                    number(r.get("fp4_dense_tflops")), number(r.get("nvfp4_dense_tflops")),
                    number(r.get("int8_dense_tops")), null,
                    number(r.get("mamf_bf16_tflops")), number(r.get("mamf_fp8_tflops")),
                    empty(r.get("scaleup_interconnect")), number(r.get("scaleup_bw_unidir_GBps")),
                    empty(r.get("scaleup_bw_published_value")), domain.find() ? Integer.valueOf(domain.group(1)) : null,
                    null, integer(r.get("power_w")), empty(r.get("power_term")), null,
                    number(r.get("price_usd")), empty(r.get("price_note")),
                    empty(r.get("confidence")), empty(r.get("notes")),
                    new AcceleratorSpec.Sources(empty(r.get("source_compute")), empty(r.get("source_memory")),
                            empty(r.get("source_interconnect")), empty(r.get("source_power")),
                            empty(r.get("source_other")))));
        }
        return specs;
    }

    public static Map<String, ModelSpec> models() {
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (Map<String, String> r : CsvReader.read(resource("seed/models.csv"))) {
            specs.put(slug(r.get("model")), fromCsv(r));
        }
        // Mixtral 8x7B is also a row of the efficiency table: its score and price from there
        specs.computeIfPresent("mixtral-8x7b", (id, m) -> withScoreAndPrice(m, "46.7B (active 12.9B)", "70.6", "0.20",
                "seed table figure; shared/data/prices.csv notes it was not found in stored sources "
                        + "(OpenRouter lists 0.54, Together AI 0.60, Mistral 0.7 USD per million tokens)"));
        // Llama 3 70B: the table's open model; its layer shapes are those of the Llama 3.1 70B row
        ModelSpec l31 = fromCsv(CsvReader.read(resource("seed/models.csv")).stream()
                .filter(r -> r.get("model").equals("Llama 3.1 70B")).findFirst().orElseThrow());
        specs.put("llama-3-70b", new ModelSpec("Llama 3 70B", "meta-llama", "llama", Availability.OPEN_WEIGHTS, null,
                l31.architecture(), l31.layers(), l31.hiddenSize(), l31.attention(), l31.heads(), l31.kvHeads(),
                l31.headDim(), null, null, null, null, null, l31.ffnSize(), null, null, null, null, null, null,
                l31.vocabSize(), l31.tiedEmbeddings(), null, null, null, l31.nativeDtype(), "70B",
                new BigDecimal("82.0"), SEED_002, new BigDecimal("0.59"), "'via Groq' per the seed table",
                SEED_002 + " ; shared/data/prices.csv row 'Llama 3.3 70B versatile on Groq' (0.59 USD input per "
                        + "million tokens): https://theneuralbase.com/groq/learn/intermediate/cost-per-user-for-voice-applications/",
                "layer shapes copied from the Llama 3.1 70B row of shared/data/models.csv (Llama 3.1 kept the Llama 3 "
                        + "layer shapes and extended the context); the Llama 3 context length is not in shared data, "
                        + "so maxContext is left empty",
                "shared/data/models.csv row 'Llama 3.1 70B': " + l31.source()));
        specs.put("gpt-4o", apiOnly("GPT-4o", "OpenAI", "~200B (est.)", "88.7", "5.00",
                "equals the launch input price of gpt-4o-2024-05-13 (output 15 USD) in shared/data/prices.csv",
                " ; shared/data/prices.csv row 'GPT-4o (2024-05-13 snapshot)': https://openrouter.ai/openai/gpt-4o-2024-05-13/overview"));
        specs.put("claude-3.5-sonnet", apiOnly("Claude 3.5 Sonnet", "Anthropic", null, "88.3", "3.00",
                "equals the input price (output 15 USD) in shared/data/prices.csv",
                " ; shared/data/prices.csv row 'Claude 3.5 Sonnet': https://openrouter.ai/anthropic/claude-3.5-sonnet/overview"));
        specs.put("gemini-1.5-pro", apiOnly("Gemini 1.5 Pro", "Google", null, "86.5", "3.50",
                "no matching row in shared/data/prices.csv", ""));
        specs.put("ernie-4.0-turbo", apiOnly("ERNIE 4.0 Turbo", "Baidu", "~100B (est.)", "82.1", "1.20",
                "no matching row in shared/data/prices.csv", ""));
        return specs;
    }

    public static Map<String, SystemSpec> systems() {
        Map<String, SystemSpec> specs = new LinkedHashMap<>();
        specs.put("dgx-h100", new SystemSpec("NVIDIA", "NVIDIA DGX H100", "H100", 8, 8, null, null, null, null,
                "one node of 8 H100 SXM GPUs joined by NVLink 4 (all 8 in one scale-up domain); host power, PUE and "
                        + "price are not in shared data and left empty",
                "issue 3 system list 'DGX H100 (8)'; per-GPU facts and NVLink: shared/data/accelerators.csv row H100"));
        specs.put("gb200-nvl72", new SystemSpec("NVIDIA", "NVIDIA GB200 NVL72", "GB200", 72, 72, null, null, null, null,
                "4 GPUs per compute tray, 72 per rack, one NVLink 5 + NVLink Switch domain; host power, PUE and price "
                        + "are not in shared data and left empty",
                "shared/data/accelerators.csv row GB200 (scaleup_interconnect 'NVLink 5 + NVLink Switch (72-GPU "
                        + "domain)'; notes '4 GPUs per compute tray, 72 per rack')"));
        specs.put("cloudmatrix-384", new SystemSpec("Huawei", "Huawei CloudMatrix 384", "ASCEND910C", 384, null, null,
                null, null, null,
                "384 Ascend 910C per the system's name; shared/seeds/001 reports much higher total compute than "
                        + "NVIDIA's latest at a much higher energy cost, without figures. Scale-up domain, power, PUE "
                        + "and price are not in shared data and left empty; the Ascend 910C row itself is low-medium "
                        + "confidence",
                "issue 3 system list; shared/seeds/001_57d5647b3dbfcefd.txt (mentions CloudMatrix 384); chip: "
                        + "shared/data/accelerators.csv row ASCEND910C"));
        return specs;
    }

    public static Map<String, QuantizationSpec> quantizations() {
        String source = "definition of the scheme (issue 3 list: BF16, FP8 W8A8 + FP8 KV, INT4 weight-only, NVFP4)";
        Map<String, QuantizationSpec> specs = new LinkedHashMap<>();
        specs.put("bf16", new QuantizationSpec("BF16 (unquantized)", NumberFormat.BF16, 16, NumberFormat.BF16, 16,
                NumberFormat.BF16, 16, null, null, source));
        specs.put("fp8-w8a8-fp8kv", new QuantizationSpec("FP8 W8A8 + FP8 KV cache", NumberFormat.FP8, 8,
                NumberFormat.FP8, 8, NumberFormat.FP8, 8, null, null, source));
        specs.put("int4-weight-only", new QuantizationSpec("INT4 weight-only (W4A16)", NumberFormat.INT4, 4,
                NumberFormat.BF16, 16, NumberFormat.BF16, 16, null,
                "weights dequantized to BF16 for the matmul; group size depends on the tool", source));
        specs.put("nvfp4", new QuantizationSpec("NVFP4 W4A4 + FP8 KV cache", NumberFormat.NVFP4, 4, NumberFormat.NVFP4,
                4, NumberFormat.FP8, 8, 16, "NVFP4: 4-bit values with a scale per block of 16 (Blackwell and later)",
                source));
        return specs;
    }

    static ModelSpec fromCsv(Map<String, String> r) {
        Integer heads = integer(r.get("num_attention_heads"));
        Integer kvHeads = integer(r.get("num_kv_heads"));
        Integer kvLora = integer(r.get("kv_lora_rank"));
        AttentionKind attention = kvLora != null ? AttentionKind.MLA
                : kvHeads == null || kvHeads.equals(heads) ? AttentionKind.MHA
                : kvHeads == 1 ? AttentionKind.MQA : AttentionKind.GQA;
        Integer routed = integer(r.get("experts_routed_total"));
        Integer intermediate = integer(r.get("intermediate_size"));
        Integer moeIntermediate = integer(r.get("moe_intermediate_size"));
        String moeNote = r.get("moe_layer_note");
        Integer interval = match(moeNote, "interleave_moe_layer_step=(\\d+)");
        Integer firstDense = integer(r.get("first_k_dense_layers"));
        Integer expertFfn = routed == null ? null : moeIntermediate != null ? moeIntermediate : intermediate;
        boolean denseLayers = routed == null || (firstDense != null && firstDense > 0) || (interval != null && interval > 1);
        Integer ffn = !denseLayers ? null
                : routed == null || moeIntermediate != null ? intermediate : match(moeNote, "intermediate_size_mlp=(\\d+)");
        String tied = r.get("tie_word_embeddings");
        String dtype = r.get("torch_dtype");
        return new ModelSpec(r.get("model"), r.get("hf_id").split("/")[0], empty(r.get("model_type")),
                Availability.OPEN_WEIGHTS, empty(r.get("hf_id")), empty(r.get("architecture")),
                integer(r.get("num_layers")), integer(r.get("hidden_size")), attention, heads, kvHeads,
                integer(r.get("head_dim")), kvLora, integer(r.get("q_lora_rank")), integer(r.get("qk_rope_head_dim")),
                integer(r.get("qk_nope_head_dim")), integer(r.get("v_head_dim")), ffn, routed,
                routed == null ? null : integer(r.get("experts_shared")),
                routed == null ? null : integer(r.get("experts_active_per_token")),
                expertFfn, routed == null ? null : firstDense, routed == null ? null : interval,
                integer(r.get("vocab_size")), tied.isEmpty() ? null : Boolean.valueOf(tied.toLowerCase(Locale.ROOT)),
                integer(r.get("sliding_window")), empty(r.get("layer_types_summary")),
                integer(r.get("max_position_embeddings")),
                "bfloat16".equals(dtype) ? NumberFormat.BF16 : "float16".equals(dtype) ? NumberFormat.FP16 : null,
                null, null, null, null, null, null,
                join(empty(r.get("head_dim_source")) == null ? null : "head_dim: " + r.get("head_dim_source"),
                        empty(moeNote)),
                r.get("source") + " ; via shared/data/models.csv");
    }

    private static ModelSpec withScoreAndPrice(ModelSpec m, String published, String mmlu, String price, String priceNote) {
        return new ModelSpec(m.name(), m.vendor(), m.family(), m.availability(), m.hfId(), m.architecture(), m.layers(),
                m.hiddenSize(), m.attention(), m.heads(), m.kvHeads(), m.headDim(), m.kvLoraRank(), m.qLoraRank(),
                m.qkRopeHeadDim(), m.qkNopeHeadDim(), m.vHeadDim(), m.ffnSize(), m.routedExperts(), m.sharedExperts(),
                m.activeExperts(), m.expertFfnSize(), m.firstDenseLayers(), m.moeLayerInterval(), m.vocabSize(),
                m.tiedEmbeddings(), m.slidingWindow(), m.layerTypes(), m.maxContext(), m.nativeDtype(), published,
                new BigDecimal(mmlu), SEED_002, new BigDecimal(price), priceNote, SEED_002, m.notes(), m.source());
    }

    private static ModelSpec apiOnly(String name, String vendor, String published, String mmlu, String price,
                                     String priceNote, String extraPriceSource) {
        return new ModelSpec(name, vendor, null, Availability.API_ONLY, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, published, new BigDecimal(mmlu), SEED_002, new BigDecimal(price),
                "the seed table's single 'cost per 1M tokens' figure; " + priceNote, SEED_002 + extraPriceSource,
                "API-only: the architecture is not published", SEED_002);
    }

    static String slug(String name) {
        return name.replaceAll("\\(.*?\\)", "").trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String resource(String path) {
        try (InputStream in = SeedCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String empty(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean extra(String s) {
        return s != null && !s.isBlank() && !s.trim().matches("[0-9]+(\\.[0-9]+)?");
    }

    static BigDecimal number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(s);
        return m.find() ? new BigDecimal(m.group(1)) : null;
    }

    static Integer integer(String s) {
        BigDecimal n = number(s);
        return n == null ? null : n.intValueExact();
    }

    private static Integer match(String text, String regex) {
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static String join(String... parts) {
        String joined = String.join("; ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
        return joined.isEmpty() ? null : joined;
    }

    static List<String> ids(Map<String, ?> specs) {
        return List.copyOf(specs.keySet());
    }
}

package io.tokenomics.catalog.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A model: its architecture (as in its {@code config.json}) when the weights are public, and optionally a quality
 * score and an API price, each with its source. API-only models carry no architecture. Parameter counts and KV-cache
 * bytes per token are derived from the architecture ({@link ModelDerivation}), never entered.
 */
@DomainRules
@Schema(description = "A model architecture or API-only model entry", example = """
        {"name":"Llama 3.1 70B","vendor":"meta-llama","family":"llama","availability":"OPEN_WEIGHTS",
         "hfId":"meta-llama/Meta-Llama-3.1-70B","layers":80,"hiddenSize":8192,"attention":"GQA","heads":64,
         "kvHeads":8,"headDim":128,"ffnSize":28672,"vocabSize":128256,"tiedEmbeddings":false,"maxContext":131072,
         "nativeDtype":"BF16","source":"HF meta-llama/Meta-Llama-3.1-70B/config.json"}""")
public record ModelSpec(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String vendor,
        @Size(max = 64) String family,
        @NotNull Availability availability,
        @Size(max = 200) String hfId,
        @Size(max = 100) String architecture,
        @Positive @Max(1000) Integer layers,
        @Positive @Max(1_000_000) Integer hiddenSize,
        AttentionKind attention,
        @Positive @Max(10_000) Integer heads,
        @Positive @Max(10_000) Integer kvHeads,
        @Positive @Max(10_000) Integer headDim,
        @Positive @Max(1_000_000) Integer kvLoraRank,
        @Positive @Max(1_000_000) Integer qLoraRank,
        @Positive @Max(10_000) Integer qkRopeHeadDim,
        @Positive @Max(10_000) Integer qkNopeHeadDim,
        @Positive @Max(10_000) Integer vHeadDim,
        @Schema(description = "FFN width of dense layers")
        @Positive @Max(10_000_000) Integer ffnSize,
        @Positive @Max(100_000) Integer routedExperts,
        @PositiveOrZero @Max(1_000) Integer sharedExperts,
        @Positive @Max(100_000) Integer activeExperts,
        @Schema(description = "FFN width of one expert")
        @Positive @Max(10_000_000) Integer expertFfnSize,
        @PositiveOrZero @Max(1000) Integer firstDenseLayers,
        @Schema(description = "every n-th layer (after the first dense ones) is MoE; 1 = all")
        @Positive @Max(1000) Integer moeLayerInterval,
        @Positive @Max(10_000_000) Integer vocabSize,
        Boolean tiedEmbeddings,
        @Positive @Max(100_000_000) Integer slidingWindow,
        @Size(max = 200) String layerTypes,
        @Positive @Max(100_000_000) Integer maxContext,
        NumberFormat nativeDtype,
        @Schema(description = "published parameter figure as the source states it, e.g. '~200B (est.)'")
        @Size(max = 100) String publishedParameters,
        @DecimalMin("0") @DecimalMax("100") BigDecimal mmlu,
        @Size(max = 1000) String mmluSource,
        @Schema(description = "API price, USD per million tokens, as the cited source quotes it")
        @DecimalMin("0") @DecimalMax("100000") BigDecimal priceUsdPerMillionTokens,
        @Size(max = 500) String priceNote,
        @Size(max = 1000) String priceSource,
        @Size(max = 2000) String notes,
        @Size(max = 1000) String source) implements CatalogSpec, DomainRules.Ruled {

    public enum Availability { OPEN_WEIGHTS, API_ONLY }

    public enum AttentionKind { MHA, GQA, MQA, MLA }

    @Override
    public String sourceSummary() {
        return source != null ? source : mmluSource != null ? mmluSource : priceSource;
    }

    public boolean moe() {
        return routedExperts != null;
    }

    public boolean hasArchitecture() {
        return layers != null && hiddenSize != null && heads != null && vocabSize != null && attention != null;
    }

    @Override
    public void checkRules(List<DomainRules.Violation> v) {
        if (availability == Availability.OPEN_WEIGHTS) {
            required(v, "layers", layers);
            required(v, "hiddenSize", hiddenSize);
            required(v, "heads", heads);
            required(v, "vocabSize", vocabSize);
            required(v, "attention", attention);
        }
        List<String> mlaFields = new ArrayList<>();
        if (kvLoraRank != null) mlaFields.add("kvLoraRank");
        if (qLoraRank != null) mlaFields.add("qLoraRank");
        if (qkRopeHeadDim != null) mlaFields.add("qkRopeHeadDim");
        if (qkNopeHeadDim != null) mlaFields.add("qkNopeHeadDim");
        if (vHeadDim != null) mlaFields.add("vHeadDim");
        if (attention == AttentionKind.MLA) {
            required(v, "kvLoraRank", kvLoraRank);
            required(v, "qkRopeHeadDim", qkRopeHeadDim);
            required(v, "qkNopeHeadDim", qkNopeHeadDim);
            required(v, "vHeadDim", vHeadDim);
        } else {
            mlaFields.forEach(f -> v.add(new DomainRules.Violation(f, "only for attention MLA")));
            if (heads != null && hiddenSize != null && headDim == null && hiddenSize % heads != 0) {
                v.add(new DomainRules.Violation("heads", "must divide hiddenSize (" + hiddenSize + ") unless headDim is given"));
            }
        }
        if (heads != null && kvHeads != null) {
            if (kvHeads > heads || heads % kvHeads != 0) {
                v.add(new DomainRules.Violation("kvHeads", "must divide heads (" + heads + ")"));
            } else if (attention == AttentionKind.MHA && !kvHeads.equals(heads)) {
                v.add(new DomainRules.Violation("kvHeads", "MHA has as many KV heads as heads (" + heads + ")"));
            } else if (attention == AttentionKind.MQA && kvHeads != 1) {
                v.add(new DomainRules.Violation("kvHeads", "MQA has one KV head"));
            }
        }
        if (attention != null && attention != AttentionKind.MLA && heads != null && kvHeads == null) {
            v.add(new DomainRules.Violation("kvHeads", "must not be null for attention " + attention));
        }
        if (moe()) {
            required(v, "activeExperts", activeExperts);
            required(v, "expertFfnSize", expertFfnSize);
            if (activeExperts != null && activeExperts > routedExperts) {
                v.add(new DomainRules.Violation("activeExperts", "must not exceed routedExperts (" + routedExperts + ")"));
            }
        } else {
            for (var f : new Object[][] {{"activeExperts", activeExperts}, {"sharedExperts", sharedExperts},
                    {"expertFfnSize", expertFfnSize}, {"moeLayerInterval", moeLayerInterval}}) {
                if (f[1] != null) {
                    v.add(new DomainRules.Violation((String) f[0], "only for MoE models (routedExperts set)"));
                }
            }
        }
        if (firstDenseLayers != null && layers != null && firstDenseLayers > layers) {
            v.add(new DomainRules.Violation("firstDenseLayers", "must not exceed layers (" + layers + ")"));
        }
        boolean denseLayers = !moe() || (firstDenseLayers != null && firstDenseLayers > 0)
                || (moeLayerInterval != null && moeLayerInterval > 1);
        if (hasArchitecture() && denseLayers && ffnSize == null) {
            v.add(new DomainRules.Violation("ffnSize", "dense layers need an FFN size"));
        }
        if (slidingWindow != null && maxContext != null && slidingWindow > maxContext) {
            v.add(new DomainRules.Violation("slidingWindow", "must not exceed maxContext (" + maxContext + ")"));
        }
        if (mmlu != null && (mmluSource == null || mmluSource.isBlank())) {
            v.add(new DomainRules.Violation("mmluSource", "a quality score needs its source"));
        }
        if (priceUsdPerMillionTokens != null && (priceSource == null || priceSource.isBlank())) {
            v.add(new DomainRules.Violation("priceSource", "a price needs its source"));
        }
    }

    private static void required(List<DomainRules.Violation> v, String field, Object value) {
        if (value == null) {
            v.add(new DomainRules.Violation(field, "must not be null for this model"));
        }
    }
}

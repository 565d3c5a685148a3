package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Custom model and accelerator specs given inline in a scenario instead of catalog ids. Field names and units are the
 * catalog's, so the same mapping (and the same engine checks) apply; they are stored with the job like a pinned
 * catalog entry (marked {@code "inline": true}).
 */
public final class InlineSpecs {
    private InlineSpecs() {
    }

    /** A transformer architecture (dense or MoE; GQA/MHA/MQA or MLA; optional sliding window). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(1) @Max(1024) Integer layers,
            @NotNull @Min(1) @Max(262_144) Integer hiddenSize,
            @NotNull @Min(1) @Max(4096) Integer heads,
            @Min(1) @Max(4096) Integer kvHeads,
            @Min(1) @Max(4096) Integer headDim,
            @Min(1) @Max(10_000_000) Integer ffnSize,
            @NotNull @Min(1) @Max(10_000_000) Integer vocabSize,
            @Pattern(regexp = "MHA|GQA|MQA|MLA", message = "must be one of MHA, GQA, MQA, MLA") String attention,
            Boolean tiedEmbeddings,
            @Min(0) @Max(4096) Integer routedExperts,
            @Min(1) @Max(10_000_000) Integer expertFfnSize,
            @Min(0) @Max(4096) Integer sharedExperts,
            @Min(0) @Max(4096) Integer activeExperts,
            @Min(0) @Max(1024) Integer firstDenseLayers,
            @Min(1) @Max(1024) Integer moeLayerInterval,
            @Min(0) @Max(65_536) Integer kvLoraRank,
            @Min(0) @Max(65_536) Integer qLoraRank,
            @Min(0) @Max(4096) Integer qkNopeHeadDim,
            @Min(0) @Max(4096) Integer qkRopeHeadDim,
            @Min(0) @Max(4096) Integer vHeadDim,
            @Min(0) @Max(10_000_000) Integer slidingWindow) {
    }

    /** An accelerator's figures (dense TFLOPS/TOPS, GB, TB/s, GB/s per direction, watts). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accelerator(
            @NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") Double memoryGb,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") Double memoryBandwidthTbps,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double bf16DenseTflops,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double fp8DenseTflops,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double fp4DenseTflops,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double int8DenseTops,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") Double scaleUpBandwidthGBpsPerDirection,
            @Min(1) @Max(100_000) Integer scaleUpDomainSize,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") Double tdpWatts,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double mamfBf16Tflops,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double mamfFp8Tflops) {
    }
}

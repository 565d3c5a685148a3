package io.tokenomics.simulator.mapping;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A sweep: a base scenario (scenario form) and a grid; every combination of the grid's values is one point, run as
 * its own work unit. A dimension left out keeps the base scenario's value.
 */
public record SweepRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid SimulationRequest scenario,
        @NotNull @Valid Grid grid) {

    public record Grid(
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(1024) Integer> tensor,
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(1024) Integer> pipeline,
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(1024) Integer> expert,
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(100_000) Integer> replicas,
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(4096) Integer> maxBatchSequences,
            @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(1_048_576) Integer> maxBatchTokens,
            @Size(min = 1, max = 64) List<@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double> arrivalRate,
            @Size(min = 1, max = 8) List<@NotNull @Pattern(regexp = "BF16|FP16|FP8|INT8|FP4|NVFP4|INT4",
                    message = "must be one of BF16, FP16, FP8, INT8, FP4, NVFP4, INT4") String> quantization,
            // speculative decoding on/off: 0 = no speculation at that point, k = the base scenario's speculation
            // (acceptance, drafter) proposing k tokens per round
            @Size(min = 1, max = 16) List<@NotNull @Min(0) @Max(64) Integer> draftTokens) {
        public Grid(List<Integer> tensor, List<Integer> pipeline, List<Integer> expert, List<Integer> replicas,
                    List<Integer> maxBatchSequences, List<Integer> maxBatchTokens, List<Double> arrivalRate,
                    List<String> quantization) {
            this(tensor, pipeline, expert, replicas, maxBatchSequences, maxBatchTokens, arrivalRate, quantization, null);
        }
    }
}

package io.tokenomics.simulator.mapping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The walking skeleton's scenario: a model of {@code modelParameters} weights stored in {@code weightPrecision},
 * served by {@code acceleratorCount} accelerators of catalog entry {@code acceleratorId}.
 */
public record SimulationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String acceleratorId,
        @NotNull @Min(1_000_000L) @Max(100_000_000_000_000L) Long modelParameters,
        @NotNull WeightPrecision weightPrecision,
        @Min(1) @Max(1024) Integer acceleratorCount) {

    public int acceleratorCountOrDefault() {
        return acceleratorCount == null ? 1 : acceleratorCount;
    }
}

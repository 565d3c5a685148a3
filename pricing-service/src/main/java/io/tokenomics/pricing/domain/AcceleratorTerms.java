package io.tokenomics.pricing.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The TCO of one catalog accelerator in a price book, with where the figures come from. */
public record AcceleratorTerms(
        @NotBlank @Size(max = 64) String acceleratorId,
        @NotNull @Valid TcoAssumptions tco,
        @Size(max = 2000) String source) {
}

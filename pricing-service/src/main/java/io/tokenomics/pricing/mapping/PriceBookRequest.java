package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.PriceBookTerms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates a price book, or writes a new revision of one. */
public record PriceBookRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Valid PriceBookTerms terms,
        @Schema(description = "create a public book, visible to every tenant (role platform-admin); ignored on update")
        Boolean publicBook,
        @Schema(description = "make it the caller tenant's default (the platform default for a public book)")
        Boolean makeDefault,
        @Min(1) @Schema(description = "on update: the revision the change is based on; 409 when it is no longer current")
        Integer baseRevision) {
}

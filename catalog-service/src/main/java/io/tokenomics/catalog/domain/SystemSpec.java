package io.tokenomics.catalog.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** A node or rack: accelerators of one catalog kind, their scale-up domain, and the overheads around them. */
@DomainRules
@Schema(description = "A system (node or rack)", example = """
        {"vendor":"NVIDIA","name":"NVIDIA GB200 NVL72","acceleratorId":"GB200","acceleratorCount":72,
         "scaleUpDomainSize":72,"source":"shared/data/accelerators.csv row GB200"}""")
public record SystemSpec(
        @NotBlank @Size(max = 64) String vendor,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*") String acceleratorId,
        @NotNull @Positive @Max(1_000_000) Integer acceleratorCount,
        @Positive @Max(1_000_000) Integer scaleUpDomainSize,
        @Schema(description = "host, CPU and network power beside the accelerators, W")
        @PositiveOrZero @Max(10_000_000) Integer hostPowerWatts,
        @Schema(description = "default power usage effectiveness of the data centre")
        @DecimalMin("1.0") @DecimalMax("3.0") BigDecimal pueDefault,
        @Positive @DecimalMax("10000000000") BigDecimal priceUsd,
        @Size(max = 500) String priceNote,
        @Size(max = 2000) String notes,
        @Size(max = 1000) String source) implements CatalogSpec, DomainRules.Ruled {

    @Override
    public String sourceSummary() {
        return source;
    }

    @Override
    public void checkRules(List<DomainRules.Violation> v) {
        if (scaleUpDomainSize != null && acceleratorCount != null && scaleUpDomainSize > acceleratorCount) {
            v.add(new DomainRules.Violation("scaleUpDomainSize", "must not exceed acceleratorCount (" + acceleratorCount + ")"));
        }
        if (priceNote != null && !priceNote.isBlank() && priceUsd == null) {
            v.add(new DomainRules.Violation("priceUsd", "a price note needs a price"));
        }
    }
}

package io.tokenomics.catalog.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** How a model is stored and run: weight, activation and KV-cache formats. Bits must match the format. */
@DomainRules
@Schema(description = "A quantization scheme", example = """
        {"name":"FP8 W8A8 + FP8 KV","weightFormat":"FP8","weightBits":8,"activationFormat":"FP8","activationBits":8,
         "kvCacheFormat":"FP8","kvCacheBits":8}""")
public record QuantizationSpec(
        @NotBlank @Size(max = 200) String name,
        @NotNull NumberFormat weightFormat,
        @NotNull @Positive @Max(32) Integer weightBits,
        NumberFormat activationFormat,
        @Positive @Max(32) Integer activationBits,
        NumberFormat kvCacheFormat,
        @Positive @Max(32) Integer kvCacheBits,
        @Positive @Max(1_000_000) Integer groupSize,
        @Size(max = 2000) String notes,
        @Size(max = 1000) String source) implements CatalogSpec, DomainRules.Ruled {

    @Override
    public String sourceSummary() {
        return source;
    }

    @Override
    public void checkRules(List<DomainRules.Violation> v) {
        bits(v, "weightBits", weightFormat, weightBits);
        bits(v, "activationBits", activationFormat, activationBits);
        bits(v, "kvCacheBits", kvCacheFormat, kvCacheBits);
    }

    private static void bits(List<DomainRules.Violation> v, String field, NumberFormat format, Integer bits) {
        if (format != null && bits != null && format.bits() != bits) {
            v.add(new DomainRules.Violation(field, format + " has " + format.bits() + " bits, not " + bits));
        } else if (format == null && bits != null) {
            v.add(new DomainRules.Violation(field, "bits need a format"));
        }
    }
}

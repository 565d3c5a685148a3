package io.tokenomics.catalog.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * An accelerator's facts. Peak figures are dense (no sparsity), per chip; an absent precision means unsupported (or
 * not published: see {@code notes}). Bounds reject physically absurd figures (e.g. 10^9 TB/s), not merely large ones.
 */
@DomainRules
@Schema(description = "An accelerator (one chip)", example = """
        {"vendor":"NVIDIA","name":"NVIDIA H100 SXM 80GB","status":"GA","memoryGb":80,"memoryType":"HBM3",
         "memoryBandwidthTbps":3.35,"bf16DenseTflops":989,"fp8DenseTflops":1979,"int8DenseTops":1979,
         "mamfBf16Tflops":794.5,"mamfFp8Tflops":1402.6,"scaleUpInterconnect":"NVLink 4 (18 links)",
         "scaleUpBandwidthGBpsPerDirection":450,"tdpWatts":700,"tdpNote":"maximum TDP",
         "sources":{"compute":"github:stas00/ml-engineering compute/accelerator/README.md @7bc7c305"}}""")
public record AcceleratorSpec(
        @NotBlank @Size(max = 64) String vendor,
        @NotBlank @Size(max = 200) String name,
        @NotNull AcceleratorStatus status,
        @Size(max = 200) String statusNote,
        @Positive @DecimalMax("10000") BigDecimal memoryGb,
        @Size(max = 64) String memoryType,
        @Size(max = 500) String memoryNote,
        @Positive @DecimalMax("1000") BigDecimal memoryBandwidthTbps,
        @Positive @DecimalMax("100000") BigDecimal fp32DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal bf16DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal fp8DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal fp6DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal fp4DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal nvfp4DenseTflops,
        @Positive @DecimalMax("100000") BigDecimal int8DenseTops,
        @Positive @DecimalMax("100000") BigDecimal int4DenseTops,
        @Schema(description = "measured maximum achievable matmul TFLOPS (BF16): a realistic compute ceiling")
        @Positive @DecimalMax("100000") BigDecimal mamfBf16Tflops,
        @Positive @DecimalMax("100000") BigDecimal mamfFp8Tflops,
        @Size(max = 200) String scaleUpInterconnect,
        @Positive @DecimalMax("100000") BigDecimal scaleUpBandwidthGBpsPerDirection,
        @Size(max = 500) String scaleUpBandwidthPublished,
        @Positive @Max(1_000_000) Integer scaleUpDomainSize,
        @Schema(description = "scale-out (NIC) bandwidth per accelerator, Gbit/s")
        @Positive @DecimalMax("100000") BigDecimal scaleOutBandwidthGbps,
        @Positive @Max(20_000) Integer tdpWatts,
        @Size(max = 500) String tdpNote,
        @Positive @Max(20_000) Integer idleWatts,
        @Positive @DecimalMax("100000000") BigDecimal listPriceUsd,
        @Size(max = 500) String listPriceNote,
        @Size(max = 100) String confidence,
        @Size(max = 2000) String notes,
        @Valid Sources sources) implements CatalogSpec, DomainRules.Ruled {

    public enum AcceleratorStatus { GA, ANNOUNCED }

    /** Where each group of figures comes from. */
    public record Sources(
            @Size(max = 1000) String compute,
            @Size(max = 1000) String memory,
            @Size(max = 1000) String interconnect,
            @Size(max = 1000) String power,
            @Size(max = 1000) String other) {
    }

    @Override
    public String sourceSummary() {
        if (sources == null) {
            return null;
        }
        for (String s : new String[] {sources.compute, sources.memory, sources.interconnect, sources.power, sources.other}) {
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void checkRules(List<DomainRules.Violation> v) {
        atMost(v, "mamfBf16Tflops", mamfBf16Tflops, bf16DenseTflops, "bf16DenseTflops");
        atMost(v, "mamfFp8Tflops", mamfFp8Tflops, fp8DenseTflops, "fp8DenseTflops");
        if (idleWatts != null && tdpWatts != null && idleWatts > tdpWatts) {
            v.add(new DomainRules.Violation("idleWatts", "must not exceed tdpWatts (" + tdpWatts + ")"));
        }
        if (listPriceNote != null && !listPriceNote.isBlank() && listPriceUsd == null) {
            v.add(new DomainRules.Violation("listPriceUsd", "a price note needs a price"));
        }
    }

    private static void atMost(List<DomainRules.Violation> v, String field, BigDecimal measured, BigDecimal peak,
                               String peakField) {
        if (measured != null && peak != null && measured.compareTo(peak) > 0) {
            v.add(new DomainRules.Violation(field, "a measured figure cannot exceed the peak " + peakField + " (" + peak + ")"));
        }
    }
}

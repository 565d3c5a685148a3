package io.tokenomics.catalog.mapping;

import io.tokenomics.catalog.domain.Accelerator;

import java.math.BigDecimal;

/** The API shape of an accelerator. {@code visibility} is {@code public} or {@code tenant}. */
public record AcceleratorView(
        String id,
        String vendor,
        String name,
        String status,
        String visibility,
        BigDecimal memoryGb,
        String memoryType,
        BigDecimal memoryBandwidthTbps,
        BigDecimal bf16DenseTflops,
        BigDecimal fp8DenseTflops,
        BigDecimal fp4DenseTflops,
        Integer tdpWatts,
        int revision,
        String source) {

    public static AcceleratorView of(Accelerator a) {
        return new AcceleratorView(a.id, a.vendor, a.name, a.status, a.tenant == null ? "public" : "tenant",
                a.memoryGb, a.memoryType, a.memoryBandwidthTbps, a.bf16DenseTflops, a.fp8DenseTflops,
                a.fp4DenseTflops, a.tdpWatts, a.revision, a.source);
    }
}

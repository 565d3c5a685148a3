package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.GpuHourRate;

import java.math.BigDecimal;

/** The API shape of a GPU-hour rate. {@code rateBasis} is {@code sourced} or {@code assumption}. */
public record GpuHourRateView(
        String acceleratorId,
        BigDecimal usdPerGpuHour,
        String currency,
        String rateBasis,
        String source,
        String note) {

    public static GpuHourRateView of(GpuHourRate r) {
        return new GpuHourRateView(r.acceleratorId, r.usdPerGpuHour, r.currency, r.rateBasis, r.source, r.note);
    }
}

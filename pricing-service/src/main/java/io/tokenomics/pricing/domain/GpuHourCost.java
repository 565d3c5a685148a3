package io.tokenomics.pricing.domain;

import java.math.BigDecimal;

/**
 * Cost of one GPU for one hour, split by cause, in {@code currency}: {@code total} is the unrounded parts' sum
 * rounded to {@link Money#SCALE} places HALF_EVEN, and the parts are rounded so that they add up exactly to it
 * (largest remainder, {@code service/SplitRounding}).
 *
 * @param capital amortized purchase and facility capex, with the cost of capital (own path)
 * @param energy  electricity: watts x utilization x PUE x price per kWh
 * @param opex    maintenance and staff/opex per MW (own path)
 * @param rental  the rental price (rent path)
 * @param kwhPerGpuHour energy drawn per GPU-hour at the wall (null when power is not modelled)
 */
public record GpuHourCost(BigDecimal capital, BigDecimal energy, BigDecimal opex, BigDecimal rental, BigDecimal total,
                          String currency, BigDecimal kwhPerGpuHour) {
}

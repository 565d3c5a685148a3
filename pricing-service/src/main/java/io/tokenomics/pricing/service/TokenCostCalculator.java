package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Cost per million output tokens of one model replica running at a given decode rate:
 * <pre>
 *   usd_per_million_output_tokens = usd_per_gpu_hour * accelerator_count / 3600 / output_tokens_per_second * 1e6
 * </pre>
 * The GPU-hours of the replica are all that is charged: no utilisation discount, idle time, power, network or margin.
 * Computed in decimal and rounded once, to {@link Money#SCALE} places with {@link Money#ROUNDING}.
 */
public final class TokenCostCalculator {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal ONE_MILLION = BigDecimal.valueOf(1_000_000);

    private TokenCostCalculator() {
    }

    /**
     * @param ratePerGpuHour        price of one accelerator for one hour, in {@code currency}
     * @param acceleratorCount      accelerators serving one replica, at least 1
     * @param outputTokensPerSecond output tokens the replica produces per second, finite and positive
     */
    public static Money perMillionOutputTokens(BigDecimal ratePerGpuHour, String currency, int acceleratorCount,
                                               double outputTokensPerSecond) {
        Objects.requireNonNull(ratePerGpuHour, "ratePerGpuHour");
        if (ratePerGpuHour.signum() < 0) {
            throw new IllegalArgumentException("the GPU-hour rate must not be negative, was " + ratePerGpuHour);
        }
        if (acceleratorCount < 1) {
            throw new IllegalArgumentException("at least one accelerator serves a replica, was " + acceleratorCount);
        }
        if (!Double.isFinite(outputTokensPerSecond) || outputTokensPerSecond <= 0) {
            throw new IllegalArgumentException("output tokens per second must be finite and positive, was "
                    + outputTokensPerSecond);
        }
        BigDecimal replicaCostPerHour = ratePerGpuHour.multiply(BigDecimal.valueOf(acceleratorCount));
        BigDecimal tokensPerHour = BigDecimal.valueOf(outputTokensPerSecond).multiply(SECONDS_PER_HOUR);
        BigDecimal amount = replicaCostPerHour.multiply(ONE_MILLION).divide(tokensPerHour, Money.SCALE, Money.ROUNDING);
        return new Money(amount, currency);
    }
}

package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.TokenCost;
import io.tokenomics.pricing.domain.TokenCostRequest;

import java.math.BigDecimal;
import java.math.MathContext;
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

    private static final MathContext MC = MathContext.DECIMAL128;
    static final String METHOD = "per million tokens = USD per GPU-hour x gpusPerReplica / 3600 / tokens per second "
            + "x 1e6, for each part of the GPU-hour (capital, energy, opex, rental); output tokens carry all replica "
            + "time (decode-only); BigDecimal, 34 digits, totals rounded once to 6 places HALF_EVEN, parts by largest remainder so that they sum exactly to the total";

    private TokenCostCalculator() {
    }

    /**
     * A per-GPU-hour figure times this is its cost per million tokens of a replica of {@code gpus} GPUs serving
     * {@code tokensPerSecond}: gpus / 3600 / tokensPerSecond x 1e6 (unrounded, 34 significant digits).
     */
    public static BigDecimal perMillionTokensFactor(int gpus, BigDecimal tokensPerSecond) {
        if (gpus < 1) {
            throw new IllegalArgumentException("at least one accelerator serves a replica, was " + gpus);
        }
        if (tokensPerSecond == null || tokensPerSecond.signum() <= 0) {
            throw new IllegalArgumentException("tokens per second must be positive, was " + tokensPerSecond);
        }
        return BigDecimal.valueOf(gpus).divide(SECONDS_PER_HOUR, MC).divide(tokensPerSecond, MC).multiply(ONE_MILLION, MC);
    }

    /** The GPU-hour split ({@code perGpuHour}, unrounded) carried per million tokens of the replica. */
    public static TcoCalculator.Parts perMillionTokens(TcoCalculator.Parts perGpuHour, int gpus, BigDecimal tokensPerSecond) {
        return perGpuHour.times(perMillionTokensFactor(gpus, tokensPerSecond));
    }

    /**
     * {@code request.tco()} resolved (power price filled in) or built from the accelerator's rate; {@code rateBasis}
     * null for a request's own TCO.
     */
    public static TokenCost tokenCost(TokenCostRequest request, String currency, String rateBasis) {
        TcoCalculator.Parts perGpuHour = TcoCalculator.parts(request.tco());
        int gpus = request.gpusPerReplica();
        return new TokenCost(currency, request.acceleratorId(), gpus, request.outputTokensPerSecond(),
                request.tokensPerSecond(), perGpuHour.split(), rateBasis,
                perMillionTokens(perGpuHour, gpus, request.outputTokensPerSecond()).split(),
                request.tokensPerSecond() == null ? null : perMillionTokens(perGpuHour, gpus, request.tokensPerSecond()).split(),
                METHOD);
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

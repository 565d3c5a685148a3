package io.tokenomics.pricing.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** The workload a blended price refers to: tokens in and out of one typical request (e.g. 8000 and 1000). */
public record WorkloadMix(
        @NotNull @DecimalMin("0") @DecimalMax("100000000") BigDecimal inputTokensPerRequest,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000") BigDecimal outputTokensPerRequest) {
}

package io.tokenomics.pricing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import java.math.BigDecimal;

@ConfigMapping(prefix = "pricing")
public interface PricingConfig {
    /**
     * USD per GPU-hour for accelerators without a row in {@code gpu_hour_rate}; costs computed with it carry rate
     * basis {@code default}.
     */
    @WithDefault("2.00")
    @DecimalMin("0")
    @DecimalMax("999999.9999")
    BigDecimal defaultUsdPerGpuHour();

    /** Partitions of {@code pricing.quotes} when pricing-service creates it at start. */
    @WithName("quotes-topic.partitions")
    @WithDefault("3")
    @Min(1)
    int quotesTopicPartitions();
}

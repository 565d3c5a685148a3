package io.tokenomics.simulator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/** The catalog facts a simulation needs about an accelerator, as catalog-service returns them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AcceleratorFacts(
        String id,
        String name,
        String vendor,
        BigDecimal memoryGb,
        BigDecimal memoryBandwidthTbps,
        Integer tdpWatts,
        int revision,
        String source) {
}

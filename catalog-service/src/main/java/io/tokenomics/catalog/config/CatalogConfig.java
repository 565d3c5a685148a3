package io.tokenomics.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {
    /** Most entries one list request returns (and the default page size). */
    @WithDefault("500")
    @Positive
    @Max(10_000)
    int maxListSize();

    /** Most entries one compare request aligns. */
    @WithDefault("20")
    @Min(2)
    @Max(100)
    int maxCompare();

    /** Import the public seed catalog (src/main/resources/seed) at start; idempotent. */
    @WithDefault("true")
    boolean seedOnStart();
}

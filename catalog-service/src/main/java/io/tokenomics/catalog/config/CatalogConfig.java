package io.tokenomics.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {
    /** Most entries one list request returns. */
    @WithDefault("500")
    @Positive
    @Max(10_000)
    int maxListSize();
}

package io.tokenomics.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    /** Most jobs one list request returns. */
    @WithDefault("100")
    @Positive
    @Max(1000)
    int maxListSize();
}

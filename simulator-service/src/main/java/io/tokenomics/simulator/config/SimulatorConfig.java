package io.tokenomics.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    Outbox outbox();

    /** Most jobs one list request returns. */
    @WithDefault("100")
    @Positive
    @Max(1000)
    int maxListSize();

    interface Outbox {
        /** Events sent per relay round. */
        @WithDefault("100")
        @Positive
        int batchSize();
    }
}

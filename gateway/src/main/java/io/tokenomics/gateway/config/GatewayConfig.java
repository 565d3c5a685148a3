package io.tokenomics.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    /** Where the backend services listen. */
    Services services();

    /** How long a backend may take to answer one proxied call. */
    @WithDefault("10s")
    Duration timeout();

    interface Services {
        URI catalog();

        URI simulator();

        URI pricing();
    }
}

package io.tokenomics.simulator.config;

import io.tokenomics.contract.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    /** Most jobs one list request returns (also the default page size). */
    @WithDefault("100")
    @Positive
    @Max(1000)
    int maxListSize();

    /** Limits when a request carries no (or an unreadable) X-Tenant-Plan header: the free plan's. */
    DefaultPlan defaultPlan();

    /**
     * This instance's name, recorded on every unit it claims (default: {@code <pid>@<host>}). Instances of one
     * deployment share the consumer group; the name only says which one ran what.
     */
    java.util.Optional<String> instanceId();

    /** Work units. */
    Units units();

    /** Catalog entries read for new jobs, cached per tenant and invalidated by catalog.changed events. */
    CatalogCacheConfig catalogCache();

    interface CatalogCacheConfig {
        @WithDefault("true")
        boolean enabled();

        /** Longest an entry is served without an invalidation (a change this pod missed). */
        @WithDefault("5m")
        Duration ttl();

        @WithDefault("10000")
        @Positive
        int maxEntries();
    }

    /** Uploaded request traces. */
    Traces traces();

    interface Traces {
        /** Largest trace accepted, bytes (larger uploads: 413, nothing stored). Keep below quarkus.http.limits.max-body-size. */
        @WithDefault("8388608")
        @Positive
        long maxBytes();
    }

    /** Server-Sent Events of a job's progress. */
    Events events();

    /**
     * The engine that runs scenario jobs and sweep points: {@code discrete-event} (request-level simulation, engine
     * part 2) or {@code steady-state} (part 1's estimate, fast and approximate).
     */
    @WithDefault("discrete-event")
    Engine engine();

    enum Engine {
        DISCRETE_EVENT, STEADY_STATE
    }

    interface DefaultPlan {
        @WithDefault("free")
        String name();

        @WithDefault("1")
        @Positive
        int maxConcurrentJobs();

        @WithDefault("100000")
        @Positive
        long maxRequestsPerSimulation();

        @WithDefault("50")
        @Positive
        int maxSweepPoints();
    }

    interface Units {
        /** Attempts at one unit (in this process and across redeliveries) before it goes to the dead-letter topic. */
        @WithDefault("3")
        @Positive
        @Max(100)
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /** Dead-letter topic of poison units (created at start when missing). */
        @WithDefault(Topics.SIMULATION_REQUESTS_DLQ)
        String deadLetterTopic();

        /** Least time between two progress writes of one running unit. */
        @WithDefault("200ms")
        Duration progressInterval();

        /** Seconds a client refused for the concurrency limit is told to wait (Retry-After). */
        @WithDefault("10")
        @Positive
        long retryAfterSeconds();
    }

    interface Events {
        /** How often an open stream looks for a change of its job. */
        @WithDefault("300ms")
        Duration pollInterval();

        /** A stream ends after this long even when its job has not finished (the client reconnects). */
        @WithDefault("30m")
        Duration maxDuration();
    }
}

package io.tokenomics.simulator.engine.simulation;

import io.tokenomics.simulator.engine.cluster.Disaggregation;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.Workload;

/**
 * Everything one simulation run needs: what is served on what ({@code serving}; its data-parallel degree is the
 * replica count of a unified cluster), how each replica batches, how requests are routed, the optional
 * prefill/decode split, the workload, and the seed.
 *
 * @param kvCacheMemoryFraction share of the memory left after weights, workspace and reserve given to KV blocks
 * @param horizonSeconds        stop here (requests still in the system are reported as dropped); infinite: run to
 *                              the last completion
 * @param windowStart           Little's-law observation window start (steady state; seconds)
 * @param windowEnd             its end (infinite: up to the end of the run)
 * @param speculation           speculative decoding on every replica (null: off)
 */
public record Scenario(String name, ServingConfiguration serving, SchedulerPolicy scheduler, RoutingPolicy routing,
                       Disaggregation disaggregation, Workload workload, long seed, double kvCacheMemoryFraction,
                       double horizonSeconds, double windowStart, double windowEnd, Speculation speculation) {
    public static final double DEFAULT_KV_CACHE_MEMORY_FRACTION = 0.9;

    /** Without speculative decoding (the form before speculation was a scenario setting). */
    public Scenario(String name, ServingConfiguration serving, SchedulerPolicy scheduler, RoutingPolicy routing,
                    Disaggregation disaggregation, Workload workload, long seed, double kvCacheMemoryFraction,
                    double horizonSeconds, double windowStart, double windowEnd) {
        this(name, serving, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction, horizonSeconds,
                windowStart, windowEnd, null);
    }

    public Scenario {
        if (!(kvCacheMemoryFraction > 0 && kvCacheMemoryFraction <= 1) || !(horizonSeconds > 0)
                || !(windowEnd > windowStart)) {
            throw new IllegalArgumentException("kv fraction in (0, 1], horizon > 0, window end > start");
        }
    }

    public static Scenario of(String name, ServingConfiguration serving, Workload workload) {
        return new Scenario(name, serving, SchedulerPolicy.VLLM, RoutingPolicy.LEAST_OUTSTANDING, null, workload, 1,
                DEFAULT_KV_CACHE_MEMORY_FRACTION, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
    }

    public int replicas() {
        return disaggregation == null ? serving.parallelism().dataReplicas()
                : disaggregation.prefillReplicas() + disaggregation.decodeReplicas();
    }

    public int gpus() {
        return replicas() * serving.parallelism().gpusPerReplica();
    }

    public Scenario withName(String n) {
        return new Scenario(n, serving, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withServing(ServingConfiguration s) {
        return new Scenario(name, s, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withScheduler(SchedulerPolicy p) {
        return new Scenario(name, serving, p, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withRouting(RoutingPolicy r) {
        return new Scenario(name, serving, scheduler, r, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withDisaggregation(Disaggregation d) {
        return new Scenario(name, serving, scheduler, routing, d, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withWorkload(Workload w) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, w, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, workload, s, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, speculation);
    }

    public Scenario withKvCacheMemoryFraction(double f) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, workload, seed, f, horizonSeconds,
                windowStart, windowEnd, speculation);
    }

    public Scenario withHorizon(double seconds) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                seconds, windowStart, windowEnd, speculation);
    }

    public Scenario withObservationWindow(double start, double end) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, start, end, speculation);
    }

    /** Speculative decoding on every replica (null: off). */
    public Scenario withSpeculation(Speculation sp) {
        return new Scenario(name, serving, scheduler, routing, disaggregation, workload, seed, kvCacheMemoryFraction,
                horizonSeconds, windowStart, windowEnd, sp);
    }
}

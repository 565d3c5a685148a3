package io.tokenomics.simulator.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.repository.SweepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Enforces the plan's job limits; never truncates a request to fit. */
@ApplicationScoped
public class Quotas {
    @Inject
    SimulatorConfig config;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    SweepRepository sweeps;

    public TenantPlan planOf(String header) {
        var d = config.defaultPlan();
        return TenantPlan.parse(header, new TenantPlan(d.name(), d.maxConcurrentJobs(), d.maxRequestsPerSimulation(),
                d.maxSweepPoints()));
    }

    /** 422 naming {@code field} when a simulation asks for more requests than the plan allows. */
    public void checkRequests(String field, long requests, TenantPlan plan) {
        if (requests > plan.maxRequestsPerSimulation()) {
            throw QuotaExceededException.size(field, "plan '" + plan.name() + "' allows at most "
                    + plan.maxRequestsPerSimulation() + " requests per simulation, asked for " + requests);
        }
    }

    /** 422 on {@code grid} when a sweep has more points than the plan allows. */
    public void checkSweepPoints(long points, TenantPlan plan) {
        if (points > plan.maxSweepPoints()) {
            throw QuotaExceededException.size("grid", "plan '" + plan.name() + "' allows at most "
                    + plan.maxSweepPoints() + " sweep points, the grid has " + points);
        }
    }

    /**
     * Inside the storing transaction: serializes the tenant's submissions (transaction-scoped advisory lock, so two
     * pods cannot both admit the last free slot) and refuses with 429 when the tenant's queued and running
     * simulations and sweeps already reach the plan's limit.
     */
    public Uni<Void> admitOneMore(String tenant, TenantPlan plan) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtext('simulator-jobs:' || :tenant))) l",
                                Integer.class)
                        .setParameter("tenant", tenant)
                        .getSingleResult())
                .chain(() -> jobs.countActive(tenant))
                .chain(simulations -> sweeps.countActive(tenant).map(s -> s + simulations))
                .invoke(active -> {
                    if (active >= plan.maxConcurrentJobs()) {
                        throw QuotaExceededException.concurrency("plan '" + plan.name() + "' allows "
                                + plan.maxConcurrentJobs() + " queued or running job(s) at once and tenant " + tenant
                                + " has " + active + "; retry when one has finished (or cancel one)",
                                config.units().retryAfterSeconds());
                    }
                })
                .replaceWithVoid();
    }
}

package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.SimulationCost;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SimulationCostRepository implements PanacheRepositoryBase<SimulationCost, String> {

    /** Inserts unless the simulation (primary key) or the event id (unique) is already stored. */
    private static final String INSERT_IF_ABSENT = """
            insert into simulation_cost (simulation_id, tenant, event_id, accelerator_id, accelerator_count,
                usd_per_gpu_hour, rate_basis, decode_step_seconds, output_tokens_per_second,
                usd_per_million_output_tokens, currency, method)
            values (:simulationId, :tenant, :eventId, :acceleratorId, :acceleratorCount,
                :usdPerGpuHour, :rateBasis, :decodeStepSeconds, :outputTokensPerSecond,
                :usdPerMillionOutputTokens, :currency, cast(:method as text))
            on conflict do nothing""";

    /** @return 1 when the row was written, 0 when the simulation or the event was already stored */
    public Uni<Integer> insertIfAbsent(SimulationCost cost) {
        return getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("simulationId", cost.simulationId)
                .setParameter("tenant", cost.tenant)
                .setParameter("eventId", cost.eventId)
                .setParameter("acceleratorId", cost.acceleratorId)
                .setParameter("acceleratorCount", cost.acceleratorCount)
                .setParameter("usdPerGpuHour", cost.usdPerGpuHour)
                .setParameter("rateBasis", cost.rateBasis)
                .setParameter("decodeStepSeconds", cost.decodeStepSeconds)
                .setParameter("outputTokensPerSecond", cost.outputTokensPerSecond)
                .setParameter("usdPerMillionOutputTokens", cost.usdPerMillionOutputTokens)
                .setParameter("currency", cost.currency)
                .setParameter("method", cost.method)
                .executeUpdate());
    }

    /** A simulation of another tenant reads as absent. */
    public Uni<SimulationCost> findForTenant(String simulationId, String tenant) {
        return find("simulationId = :id and tenant = :tenant", Parameters.with("id", simulationId).and("tenant", tenant))
                .firstResult();
    }
}

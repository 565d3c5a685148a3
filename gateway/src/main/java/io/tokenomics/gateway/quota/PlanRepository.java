package io.tokenomics.gateway.quota;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.stream.StreamSupport;

/** Plans and tenant assignments in the gateway's database (reactive PostgreSQL client, no ORM: three small tables). */
@ApplicationScoped
public class PlanRepository {
    static final String DEFAULT_PLAN = "free";
    private static final String COLUMNS = "p.name, p.requests_per_minute, p.burst, p.max_requests_per_simulation, "
            + "p.max_sweep_points, p.max_concurrent_jobs";

    @Inject
    Pool pool;

    public Uni<Plan> planOf(String tenant) {
        return pool.preparedQuery("select " + COLUMNS + " from plan p where p.name = coalesce("
                        + "(select plan from tenant_plan where tenant = $1), $2)")
                .execute(Tuple.of(tenant, DEFAULT_PLAN))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<List<Plan>> all() {
        return pool.query("select " + COLUMNS + " from plan p order by p.requests_per_minute").execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PlanRepository::map).toList());
    }

    /** @return false when no such plan exists */
    public Uni<Boolean> update(Plan plan) {
        return pool.preparedQuery("update plan set requests_per_minute = $2, burst = $3, max_requests_per_simulation = $4, "
                        + "max_sweep_points = $5, max_concurrent_jobs = $6, updated_at = now() where name = $1")
                .execute(Tuple.from(List.of(plan.name(), plan.requestsPerMinute(), plan.burst(),
                        plan.maxRequestsPerSimulation(), plan.maxSweepPoints(), plan.maxConcurrentJobs())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** @return false when no such plan exists */
    public Uni<Boolean> assign(String tenant, String planName, String by) {
        return pool.preparedQuery("insert into tenant_plan (tenant, plan, updated_by) select $1, name, $3 from plan "
                        + "where name = $2 on conflict (tenant) do update set plan = excluded.plan, "
                        + "updated_by = excluded.updated_by, updated_at = now()")
                .execute(Tuple.of(tenant, planName, by))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Plan map(Row row) {
        return new Plan(row.getString(0), row.getInteger(1), row.getInteger(2), row.getLong(3), row.getInteger(4),
                row.getInteger(5));
    }
}

package io.tokenomics.gateway.quota;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A token bucket per tenant kept in PostgreSQL, so every gateway replica draws from the same bucket. One statement per
 * request refills the bucket for the time elapsed (at the plan's rate, capped at its burst) and takes a token if one
 * is there; the row lock of the upsert serializes concurrent requests of a tenant, so tokens are never spent twice.
 * We chose PostgreSQL over an in-memory or Redis bucket because the platform already runs it highly available and a
 * millisecond per call is affordable at API rates; a replica that cannot reach it fails closed (503).
 */
@ApplicationScoped
public class RateLimiter {
    @Inject
    Pool pool;

    /** The outcome of one request against a bucket. */
    public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetSeconds) {
    }

    public Uni<Decision> take(String tenant, Plan plan) {
        double rate = plan.tokensPerSecond();
        double capacity = plan.burst();
        return pool.preparedQuery("""
                        insert into rate_bucket as b (tenant, tokens, updated_at, last_allowed)
                        values ($1, $2::float8 - 1, now(), true)
                        on conflict (tenant) do update set
                          tokens = case when least($2::float8, b.tokens + extract(epoch from now() - b.updated_at) * $3::float8) >= 1
                                        then least($2::float8, b.tokens + extract(epoch from now() - b.updated_at) * $3::float8) - 1
                                        else least($2::float8, b.tokens + extract(epoch from now() - b.updated_at) * $3::float8) end,
                          last_allowed = least($2::float8, b.tokens + extract(epoch from now() - b.updated_at) * $3::float8) >= 1,
                          updated_at = now()
                        returning tokens, last_allowed""")
                .execute(Tuple.of(tenant, capacity, rate))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    double tokens = row.getDouble(0);
                    boolean allowed = row.getBoolean(1);
                    long retryAfter = allowed ? 0 : (long) Math.ceil((1 - tokens) / rate);
                    long reset = (long) Math.ceil((capacity - tokens) / rate);
                    return new Decision(allowed, plan.burst(), (int) Math.floor(tokens), Math.max(retryAfter, allowed ? 0 : 1), reset);
                });
    }
}

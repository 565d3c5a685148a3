package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Progress streams of simulations and sweeps. Workers on any pod write progress to the job rows; a stream polls its
 * job's row (tenant-scoped) and emits an event whenever it changed: {@code progress} while queued or running, then
 * one {@code completed}, {@code failed} or {@code cancelled} (or {@code deleted}) event, and ends.
 */
@ApplicationScoped
public class JobEvents {
    @Inject
    Pool pool;
    @Inject
    SimulatorConfig config;
    @Inject
    JobDocuments documents;

    /** One state of a job as a stream sees it; {@code event} names the SSE event. */
    public record Update(String event, JsonNode data) {
        boolean terminal() {
            return !event.equals("progress");
        }
    }

    private static final Update END = new Update("end", null);

    /** The simulation's current state; fails with 404 for a missing job or one of another tenant. */
    public Uni<Update> simulation(String id, String tenant) {
        return pool.preparedQuery("select status, progress, error, result from simulation where id = $1 and tenant = $2")
                .execute(Tuple.of(id, tenant))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no simulation '" + id + "'");
                    }
                    Row row = rows.iterator().next();
                    String status = row.getString("status");
                    ObjectNode data = JsonNodeFactory.instance.objectNode();
                    data.put("id", id);
                    data.put("status", status);
                    JsonNode progress = documents.tree(row.getString("progress"));
                    double percent = "COMPLETED".equals(status) ? 100
                            : progress == null ? 0 : progress.path("percent").asDouble(0);
                    data.put("percent", percent);
                    if (progress != null && progress.hasNonNull("simulatedSeconds")) {
                        data.set("simulatedSeconds", progress.get("simulatedSeconds"));
                    }
                    if (progress != null && progress.hasNonNull("partial")) {
                        data.set("partial", progress.get("partial"));
                    }
                    if (row.getString("error") != null) {
                        data.put("error", row.getString("error"));
                    }
                    if ("COMPLETED".equals(status)) {
                        data.set("result", documents.tree(row.getString("result")));
                    }
                    return new Update(eventName(status), data);
                });
    }

    /** The sweep's current state: points by status and percent finished. */
    public Uni<Update> sweep(String id, String tenant) {
        return pool.preparedQuery("""
                        select s.status, s.error, s.points,
                               (select count(*) from simulation j where j.sweep_id = s.id
                                  and j.status in ('COMPLETED', 'FAILED', 'CANCELLED')) as finished
                        from sweep s where s.id = $1 and s.tenant = $2""")
                .execute(Tuple.of(id, tenant))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no sweep '" + id + "'");
                    }
                    Row row = rows.iterator().next();
                    String status = row.getString("status");
                    int points = row.getInteger("points");
                    long finished = row.getLong("finished");
                    ObjectNode data = JsonNodeFactory.instance.objectNode();
                    data.put("id", id);
                    data.put("status", status);
                    data.put("points", points);
                    data.put("pointsFinished", finished);
                    data.put("percent", "COMPLETED".equals(status) ? 100 : 100.0 * finished / points);
                    if (row.getString("error") != null) {
                        data.put("error", row.getString("error"));
                    }
                    return new Update(eventName(status), data);
                });
    }

    /**
     * The stream after {@code first}: polls {@code poll} and emits each change until a terminal state (inclusive), a
     * deletion, or the configured maximum duration.
     */
    public Multi<Update> follow(Update first, Supplier<Uni<Update>> poll) {
        Multi<Update> later = Multi.createFrom().ticks().every(config.events().pollInterval())
                .onItem().transformToUniAndConcatenate(tick -> poll.get()
                        .onFailure(NotFoundException.class).recoverWithItem(e -> new Update("deleted",
                                JsonNodeFactory.instance.objectNode().put("status", "DELETED"))));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), later)
                .skip().repetitions()
                .onItem().transformToMultiAndConcatenate(u -> u.terminal()
                        ? Multi.createFrom().iterable(List.of(u, END)) : Multi.createFrom().item(u))
                .select().first(u -> u != END)
                .select().first(config.events().maxDuration());
    }

    private static String eventName(String status) {
        return switch (status) {
            case "QUEUED", "RUNNING" -> "progress";
            default -> status.toLowerCase(Locale.ROOT);
        };
    }

    static boolean same(Update a, Update b) {
        return Objects.equals(a, b);
    }
}

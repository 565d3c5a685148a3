package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.domain.Sweep;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.SweepResult;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.repository.SweepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates a sweep when its last point finishes. Runs inside the transaction that finished the point, with the
 * sweep row locked, so concurrent completions on several pods aggregate exactly once.
 */
@ApplicationScoped
public class SweepAggregation {
    public static final String X_AXIS = "outputTokensPerSecondPerGpu";
    public static final String Y_AXIS = "tokensPerSecondPerUser";

    @Inject
    SweepRepository sweeps;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    JobDocuments documents;

    /** Locks the sweep row; callers take this lock before changing a point, so cancels and completions never deadlock. */
    public Uni<Sweep> lock(String sweepId) {
        return sweepId == null ? Uni.createFrom().nullItem() : sweeps.lock(sweepId);
    }

    /** After a point of the (locked) sweep finished: aggregates the sweep when it was the last one. */
    public Uni<Void> pointFinished(Sweep sweep) {
        if (sweep == null || sweep.status.isTerminal()) {
            return Uni.createFrom().voidItem();
        }
        if (sweep.status == SimulationStatus.QUEUED) {
            sweep.status = SimulationStatus.RUNNING;
        }
        return jobs.flush().chain(() -> jobs.countActiveInSweep(sweep.id)).chain(active -> active > 0
                ? Uni.createFrom().voidItem()
                : jobs.pointsOf(sweep.id).invoke(points -> finish(sweep, points)).replaceWithVoid());
    }

    void finish(Sweep sweep, List<SimulationJob> points) {
        SweepResult result = aggregate(points);
        sweep.result = documents.write(result);
        sweep.completedAt = OffsetDateTime.now();
        if (result.completed() > 0) {
            sweep.status = SimulationStatus.COMPLETED;
        } else {
            sweep.status = SimulationStatus.FAILED;
            sweep.error = "no point of the sweep completed (" + result.failed() + " failed, " + result.cancelled()
                    + " cancelled)";
        }
    }

    SweepResult aggregate(List<SimulationJob> jobsOfSweep) {
        List<SweepResult.Point> points = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        for (SimulationJob job : jobsOfSweep) {
            switch (job.status) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                default -> {
                }
            }
            JsonNode r = job.status == SimulationStatus.COMPLETED ? documents.tree(job.result) : null;
            points.add(new SweepResult.Point(job.pointIndex == null ? points.size() : job.pointIndex, job.id,
                    job.status.name(), parameters(documents.tree(job.scenario)), number(r, X_AXIS), number(r, Y_AXIS),
                    number(r, "outputTokensPerSecond"), number(r, "ttftSeconds"), number(r, "tpotSeconds"),
                    r == null ? null : r.path("saturated").asBoolean(),
                    r == null || !r.has("slo") ? null : r.path("slo").path("met").asBoolean(), job.error, false));
        }
        List<Integer> frontier = paretoFrontier(points);
        List<SweepResult.Point> marked = points.stream().map(p -> frontier.contains(p.index())
                ? new SweepResult.Point(p.index(), p.simulationId(), p.status(), p.parameters(),
                p.outputTokensPerSecondPerGpu(), p.tokensPerSecondPerUser(), p.outputTokensPerSecond(), p.ttftSeconds(),
                p.tpotSeconds(), p.saturated(), p.sloMet(), p.error(), true) : p).toList();
        return new SweepResult(X_AXIS, Y_AXIS, points.size(), completed, failed, cancelled, marked, frontier);
    }

    /**
     * The points no other point beats on both axes (both maximized): sorted by x descending (ties: y descending), a
     * point is on the frontier when its y exceeds every y seen so far. Only completed points count.
     */
    static List<Integer> paretoFrontier(List<SweepResult.Point> points) {
        List<SweepResult.Point> candidates = new ArrayList<>(points.stream()
                .filter(p -> p.outputTokensPerSecondPerGpu() != null && p.tokensPerSecondPerUser() != null)
                .toList());
        candidates.sort(Comparator.comparing(SweepResult.Point::outputTokensPerSecondPerGpu).reversed()
                .thenComparing(Comparator.comparing(SweepResult.Point::tokensPerSecondPerUser).reversed()));
        List<Integer> frontier = new ArrayList<>();
        double bestY = Double.NEGATIVE_INFINITY;
        double bestYx = Double.NaN;
        for (SweepResult.Point p : candidates) {
            double x = p.outputTokensPerSecondPerGpu();
            double y = p.tokensPerSecondPerUser();
            if (y > bestY) {
                frontier.add(p.index());
                bestY = y;
                bestYx = x;
            } else if (y == bestY && x == bestYx) {
                frontier.add(p.index()); // an exact twin of a frontier point is not beaten either
            }
        }
        return frontier;
    }

    private static Map<String, Object> parameters(JsonNode s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tensor", s.path("parallelism").path("tensor").asInt(1));
        p.put("pipeline", s.path("parallelism").path("pipeline").asInt(1));
        p.put("expert", s.path("parallelism").path("expert").asInt(1));
        p.put("replicas", s.path("replicas").asInt(1));
        p.put("maxBatchSequences", s.path("batch").path("maxBatchSequences").asInt());
        p.put("maxBatchTokens", s.path("batch").path("maxBatchTokens").asInt());
        p.put("arrivalRate", s.path("workload").path("arrivalRate").asDouble());
        p.put("quantization", s.path("quantization").asText());
        p.put("draftTokens", s.path("speculation").path("draftTokens").asInt(0));
        return p;
    }

    private static Double number(JsonNode node, String field) {
        return node == null || !node.path(field).isNumber() ? null : node.get(field).asDouble();
    }
}

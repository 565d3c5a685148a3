package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem.FieldError;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.domain.Sweep;
import io.tokenomics.simulator.mapping.CsvExport;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SweepRequest;
import io.tokenomics.simulator.mapping.SweepView;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.repository.SweepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Sweeps: a grid over a base scenario, one simulation job (and one work unit on {@code simulation.requests}, keyed by
 * the point's id so points spread over partitions and pods) per point, aggregated into a Pareto frontier by the
 * worker that finishes the last point ({@link SweepAggregation}).
 */
@ApplicationScoped
public class SweepService {
    /** Refuse grids this large before even reading the plan (the largest plan allows far fewer). */
    static final long ABSOLUTE_MAX_POINTS = 1_000_000;

    @Inject
    SweepRepository sweeps;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;
    @Inject
    SimulationService simulations;
    @Inject
    ScenarioValidation validation;
    @Inject
    Quotas quotas;
    @Inject
    JobDocuments documents;
    @Inject
    SimulatorMetrics metrics;
    @Inject
    JobEvents events;

    public record Accepted(SweepView sweep, boolean replayed) {
    }

    public Uni<Accepted> create(SweepRequest request, String tenant, String user, String authorization,
                                String idempotencyKey, TenantPlan plan) {
        return Uni.createFrom().deferred(() -> {
            if (request == null) {
                throw new InvalidFieldException("body", "a JSON sweep is required (name, scenario, grid)");
            }
            SweepRequest r = request.scenario() != null && request.scenario().name() == null && request.name() != null
                    ? new SweepRequest(request.name(), request.scenario().withName(request.name()), request.grid())
                    : request;
            List<FieldError> errors = validation.beanErrors(r, "");
            if (r.scenario() != null) {
                if (!r.scenario().isScenario()) {
                    errors.add(new FieldError("scenario.modelId", "a sweep needs the scenario form: give modelId"));
                } else {
                    errors.addAll(validation.formErrors(r.scenario(), "scenario."));
                    if (r.scenario().model() != null) {
                        errors.add(new FieldError("scenario.model", "a sweep takes catalog entries: give modelId"));
                    }
                    if (r.scenario().accelerator() != null) {
                        errors.add(new FieldError("scenario.accelerator", "a sweep takes catalog entries: give "
                                + "acceleratorId"));
                    }
                    if (r.scenario().traceId() != null) {
                        errors.add(new FieldError("scenario.workload.traceId", "a sweep varies the arrival rate: no "
                                + "trace"));
                    }
                    if (r.scenario().shards() != null) {
                        errors.add(new FieldError("scenario.shards", "a sweep's points are its units: no shards"));
                    }
                    if (r.scenario().disaggregation() != null) {
                        errors.add(new FieldError("scenario.disaggregation", "a sweep varies replicas: not with "
                                + "disaggregation"));
                    }
                    if (r.grid() != null && r.grid().draftTokens() != null) {
                        draftTokenErrors(errors, r.scenario().speculation(), r.grid().draftTokens());
                    }
                    if (r.scenario().workload() != null && r.scenario().workload().users() != null) {
                        errors.add(new FieldError("scenario.workload.users", "a sweep varies the arrival rate: open "
                                + "loop only"));
                    }
                }
            }
            validation.idempotencyKey(idempotencyKey).ifPresent(errors::add);
            ScenarioValidation.throwIfAny(errors);
            long points = pointCount(r.grid());
            if (points > ABSOLUTE_MAX_POINTS) {
                throw new InvalidFieldException("grid", "the grid has " + points + " points; at most "
                        + ABSOLUTE_MAX_POINTS);
            }
            quotas.checkSweepPoints(points, plan);
            quotas.checkRequests("scenario." + r.scenario().requestCountField(), r.scenario().requestCountOrDefault(),
                    plan);
            Uni<Sweep> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                    : Panache.withSession(() -> sweeps.findByIdempotencyKey(tenant, idempotencyKey));
            return earlier.chain(existing -> existing != null
                    ? Panache.withSession(() -> view(existing)).map(v -> new Accepted(v, true))
                    : simulations.resolve(r.scenario(), authorization, "scenario.")
                    .chain(resolved -> store(r, resolved, tenant, user, idempotencyKey, plan)));
        });
    }

    /**
     * A point with draft tokens runs the base scenario's speculation (acceptance, drafter) with that many: there must
     * be one, and a per-position acceptance profile fixes its own length.
     */
    private static void draftTokenErrors(List<FieldError> errors, SimulationRequest.SpeculationSpec base,
                                         List<Integer> draftTokens) {
        boolean speculates = draftTokens.stream().anyMatch(k -> k != null && k > 0);
        if (speculates && base == null) {
            errors.add(new FieldError("grid.draftTokens", "a point with draft tokens runs the scenario's speculation: "
                    + "give scenario.speculation (acceptance and drafter; its draftTokens are replaced)"));
        } else if (speculates && base.acceptanceByPosition() != null && draftTokens.stream()
                .anyMatch(k -> k != null && k > 0 && k != base.acceptanceByPosition().size())) {
            errors.add(new FieldError("grid.draftTokens", "scenario.speculation.acceptanceByPosition fixes the draft "
                    + "tokens at " + base.acceptanceByPosition().size() + ": sweep 0 (off) and "
                    + base.acceptanceByPosition().size() + ", or give one acceptance rate"));
        }
    }

    static long pointCount(SweepRequest.Grid g) {
        long n = 1;
        for (List<?> dimension : dimensions(g)) {
            n = Math.multiplyExact(n, dimension == null ? 1 : dimension.size());
        }
        return n;
    }

    private static List<List<?>> dimensions(SweepRequest.Grid g) {
        List<List<?>> d = new ArrayList<>();
        d.add(g.tensor());
        d.add(g.pipeline());
        d.add(g.expert());
        d.add(g.replicas());
        d.add(g.maxBatchSequences());
        d.add(g.maxBatchTokens());
        d.add(g.arrivalRate());
        d.add(g.quantization());
        d.add(g.draftTokens());
        return d;
    }

    /** Every point of the grid, in order (the last dimension varies fastest). */
    static List<SimulationRequest> expand(String name, SimulationRequest base, SweepRequest.Grid g) {
        List<Integer> tp = g.tensor() == null ? List.of(base.tensor()) : g.tensor();
        List<Integer> pp = g.pipeline() == null ? List.of(base.pipeline()) : g.pipeline();
        List<Integer> ep = g.expert() == null ? List.of(base.expert()) : g.expert();
        List<Integer> reps = g.replicas() == null ? List.of(base.replicasOrDefault()) : g.replicas();
        List<Integer> seqs = g.maxBatchSequences() == null ? List.of(base.batch().maxBatchSequences()) : g.maxBatchSequences();
        List<Integer> toks = g.maxBatchTokens() == null ? List.of(base.batch().maxBatchTokens()) : g.maxBatchTokens();
        List<Double> rates = g.arrivalRate() == null ? List.of(base.workload().arrivalRate()) : g.arrivalRate();
        List<String> quants = g.quantization() == null ? List.of(base.quantization()) : g.quantization();
        // null: the base scenario's speculation as it is
        List<Integer> drafts = g.draftTokens() == null ? java.util.Collections.singletonList(null) : g.draftTokens();
        List<SimulationRequest> points = new ArrayList<>();
        for (int t : tp) {
            for (int p : pp) {
                for (int e : ep) {
                    for (int rep : reps) {
                        for (int s : seqs) {
                            for (int k : toks) {
                                for (double a : rates) {
                                    for (String q : quants) {
                                        for (Integer draft : drafts) {
                                            var speculation = draft == null ? base.speculation()
                                                    : draft == 0 ? null : base.speculation().withDraftTokens(draft);
                                            String label = String.format(Locale.ROOT,
                                                    "%s #%d (tp=%d pp=%d ep=%d replicas=%d seqs=%d tokens=%d rate=%s %s%s)",
                                                    name, points.size(), t, p, e, rep, s, k, a, q, draft == null ? ""
                                                            : draft == 0 ? " no speculation" : " draft=" + draft);
                                            points.add(base.withPoint(label.length() > 200 ? label.substring(0, 200)
                                                    : label, t, p, e, rep, s, k, a, q, speculation));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    private Uni<Accepted> store(SweepRequest r, SimulationService.Resolved resolved, String tenant, String user,
                                String idempotencyKey, TenantPlan plan) {
        List<SimulationRequest> points = expand(r.name(), resolved.scenario(), r.grid());
        // every point must be a configuration the engine can build: 400 before anything is stored
        Set<String> problems = new LinkedHashSet<>();
        for (int i = 0; i < points.size() && problems.size() < 5; i++) {
            try {
                validation.engineScenario(points.get(i), resolved.model(), resolved.accelerator(),
                        resolved.draftModel(), "");
            } catch (InvalidFieldException e) {
                problems.add("point " + i + ": " + e.field() + ": " + e.getMessage());
            } catch (InvalidFieldsException e) {
                problems.add("point " + i + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems.stream().map(p -> new FieldError("grid", p)).toList());
        }
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        Sweep sweep = new Sweep();
        sweep.id = UUID.randomUUID().toString();
        sweep.tenant = tenant;
        sweep.name = r.name();
        sweep.status = SimulationStatus.QUEUED;
        sweep.scenario = documents.write(resolved.scenario());
        sweep.grid = documents.write(r.grid());
        sweep.model = documents.write(resolved.model());
        sweep.accelerator = documents.write(resolved.accelerator());
        sweep.draftModel = resolved.draftModel() == null ? null : documents.write(resolved.draftModel());
        sweep.modelId = resolved.scenario().modelId();
        sweep.acceleratorId = resolved.scenario().acceleratorId();
        sweep.points = points.size();
        sweep.idempotencyKey = idempotencyKey;
        sweep.createdBy = user;
        sweep.createdAt = now;
        List<SimulationJob> jobsOfSweep = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SimulationJob job = SimulationService.job(tenant, user, points.get(i).name(), null);
            job.createdAt = now;
            job.sweepId = sweep.id;
            job.pointIndex = i;
            job.scenario = documents.write(points.get(i));
            job.model = sweep.model;
            job.accelerator = sweep.accelerator;
            job.draftModel = sweep.draftModel;
            job.modelId = sweep.modelId;
            job.acceleratorId = sweep.acceleratorId;
            jobsOfSweep.add(job);
        }
        return Panache.withTransaction(() -> quotas.admitOneMore(tenant, plan)
                        .chain(() -> sweeps.persist(sweep))
                        .chain(() -> jobs.persist(jobsOfSweep))
                        .chain(() -> Multi.createFrom().iterable(jobsOfSweep)
                                .onItem().transformToUniAndConcatenate(job ->
                                        outbox.append(Topics.SIMULATION_REQUESTS, SimulationService.unit(job)))
                                .collect().last())
                        .chain(() -> view(sweep)))
                .invoke(() -> metrics.submitted("sweep", 1))
                .map(v -> new Accepted(v, false));
    }

    private Uni<SweepView> view(Sweep sweep) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select j.status, count(j) from SimulationJob j where j.sweepId = :id group by j.status",
                        Object[].class)
                .setParameter("id", sweep.id)
                .getResultList())
                .map(rows -> documents.view(sweep, progress(sweep, rows.stream()
                        .map(r -> new StatusCount((SimulationStatus) r[0], ((Number) r[1]).longValue())).toList())));
    }

    /** Points of one status. */
    record StatusCount(SimulationStatus status, long count) {
    }

    private static SweepView.Progress progress(Sweep sweep, List<StatusCount> counts) {
        long[] byStatus = new long[SimulationStatus.values().length];
        counts.forEach(c -> byStatus[c.status().ordinal()] = c.count());
        long finished = byStatus[SimulationStatus.COMPLETED.ordinal()] + byStatus[SimulationStatus.FAILED.ordinal()]
                + byStatus[SimulationStatus.CANCELLED.ordinal()];
        return new SweepView.Progress(byStatus[SimulationStatus.QUEUED.ordinal()],
                byStatus[SimulationStatus.RUNNING.ordinal()], byStatus[SimulationStatus.COMPLETED.ordinal()],
                byStatus[SimulationStatus.FAILED.ordinal()], byStatus[SimulationStatus.CANCELLED.ordinal()],
                sweep.points == 0 ? 0 : 100.0 * finished / sweep.points);
    }

    private Uni<Sweep> find(String id, String tenant) {
        return sweeps.findForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no sweep '" + id + "'"));
    }

    @WithSession
    public Uni<SweepView> get(String id, String tenant) {
        return find(id, tenant).chain(this::view);
    }

    @WithSession
    public Uni<SimulationService.Page<SweepView>> list(String tenant, String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        int size = simulations.pageSize(limit, errors);
        SimulationJobRepository.After after = SimulationService.decodeCursor(cursor, errors);
        ScenarioValidation.throwIfAny(errors);
        return sweeps.page(tenant, after, size + 1).chain(found -> {
            boolean more = found.size() > size;
            List<Sweep> page = more ? found.subList(0, size) : found;
            Sweep last = page.isEmpty() ? null : page.get(page.size() - 1);
            return Multi.createFrom().iterable(page).onItem().transformToUniAndConcatenate(this::view).collect().asList()
                    .map(views -> new SimulationService.Page<>(views,
                            more ? SimulationService.encodeCursor(last.createdAt, last.id) : null));
        });
    }

    /** Cancels the sweep and its queued and running points. */
    public Uni<SweepView> cancel(String id, String tenant, String user) {
        return Panache.withTransaction(() -> sweeps.lockForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no sweep '" + id + "'")).chain(sweep -> {
            if (sweep.status.isTerminal()) {
                throw new ClientErrorException("sweep '" + id + "' is already " + sweep.status
                        + "; only queued or running sweeps can be cancelled", 409);
            }
            OffsetDateTime now = OffsetDateTime.now();
            sweep.status = SimulationStatus.CANCELLED;
            sweep.completedAt = now;
            sweep.error = "cancelled by " + user;
            return jobs.cancelPoints(id, now).chain(() -> view(sweep));
        }));
    }

    /** Deletes the sweep with its points (the sweep row locked first, the order every path takes). */
    public Uni<Void> delete(String id, String tenant) {
        return Panache.withTransaction(() -> sweeps.lockForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no sweep '" + id + "'"))
                .chain(sweep -> jobs.delete("sweepId", id).chain(() -> sweeps.delete(sweep))));
    }

    @WithSession
    public Uni<JsonNode> result(String id, String tenant) {
        return find(id, tenant).map(sweep -> {
            if (sweep.result == null) {
                throw new ClientErrorException("sweep '" + id + "' is " + sweep.status + " and has no result yet"
                        + (sweep.error == null ? "" : ": " + sweep.error), 409);
            }
            return documents.tree(sweep.result);
        });
    }

    /** One CSV row per point: parameters, metrics, whether it is on the Pareto frontier. */
    public Uni<String> resultCsv(String id, String tenant) {
        return result(id, tenant).map(result -> {
            List<JsonNode> rows = new ArrayList<>();
            result.path("results").forEach(rows::add);
            return CsvExport.table(rows);
        });
    }

    public Uni<JobEvents.Update> current(String id, String tenant) {
        return events.sweep(id, tenant);
    }
}

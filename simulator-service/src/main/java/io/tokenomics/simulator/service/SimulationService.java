package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.Problem.FieldError;
import io.tokenomics.simulator.client.CatalogLookup;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationShard;
import io.tokenomics.simulator.repository.SimulationShardRepository;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.mapping.CsvExport;
import io.tokenomics.simulator.mapping.EstimateView;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationView;
import io.tokenomics.simulator.mapping.TraceView;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Accepts, stores, lists, cancels, re-runs and deletes simulation jobs. Validation and transactions live here. */
@ApplicationScoped
public class SimulationService {
    static final String SOURCE = "/simulator-service";

    @Inject
    SimulationJobRepository jobs;
    @Inject
    SimulationShardRepository shardRows;
    @Inject
    TraceService traces;
    @Inject
    OutboxRepository outbox;
    @Inject
    CatalogLookup catalog;
    @Inject
    JobDocuments documents;
    @Inject
    SimulatorConfig config;
    @Inject
    ScenarioValidation validation;
    @Inject
    Quotas quotas;
    @Inject
    SimulatorMetrics metrics;
    @Inject
    SteadyStateEngine steadyState;

    /** Most prefill chunks of one prompt an estimate evaluates (input tokens / maxBatchTokens). */
    static final int ESTIMATE_MAX_PREFILL_CHUNKS = 4096;

    /** A stored job; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
    public record Accepted(SimulationView job, boolean replayed) {
    }

    /** One page of a list; {@code nextCursor} null on the last page. */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /**
     * Catalog entries resolved for a scenario, pinned to their revisions; {@code draftModel} is the speculation's
     * catalog draft model (null when the scenario drafts without one).
     */
    record Resolved(SimulationRequest scenario, JsonNode model, JsonNode accelerator, JsonNode draftModel) {
    }

    /**
     * Validates the scenario (400 naming every offending field; 422 over the plan's size limits), reads the catalog
     * entries with the caller's token and pins them, then stores the job and its work unit in one transaction
     * (transactional outbox) unless the tenant is at its concurrency limit (429).
     */
    public Uni<Accepted> create(SimulationRequest request, String tenant, String user, String authorization,
                                String idempotencyKey, TenantPlan plan) {
        return Uni.createFrom().deferred(() -> {
            validation.require(request, idempotencyKey);
            if (request.isScenario() && request.traceId() != null) {
                // the tenant's trace: its requests count against the plan, its summary fills in the workload
                return traces.find(request.traceId(), tenant).chain(trace -> {
                    if (trace == null) {
                        throw new InvalidFieldException("workload.traceId", "no trace " + request.traceId());
                    }
                    quotas.checkRequests("workload.traceId", trace.requests, plan);
                    return createChecked(request.withTrace(TraceView.arrivalRate(trace),
                                    (int) Math.max(1, Math.round(trace.meanInput)),
                                    (int) Math.max(1, Math.round(trace.meanOutput)), trace.requests),
                            tenant, user, authorization, idempotencyKey, plan);
                });
            }
            if (request.isScenario()) {
                quotas.checkRequests(request.requestCountField(), request.requestCountOrDefault(), plan);
            }
            return createChecked(request, tenant, user, authorization, idempotencyKey, plan);
        });
    }

    /**
     * A synchronous steady-state estimate of a scenario: validated and resolved exactly as {@link #create} does (400
     * naming every field, the catalog read with the caller's token, so another tenant's private entries are unknown
     * here too; 422 over the plan's request limit), then {@link SteadyStateEngine} on the engine scenario with the
     * default engine settings (those it does not model are listed). Nothing is stored, no job slot is taken.
     */
    public Uni<EstimateView> estimate(SimulationRequest request, String tenant, String authorization, TenantPlan plan) {
        return Uni.createFrom().deferred(() -> {
            validation.require(request, null);
            if (!request.isScenario()) {
                throw new InvalidFieldException("modelId", "an estimate needs the scenario form: modelId (or an "
                        + "inline model), quantization, parallelism and workload");
            }
            if (request.workload() != null && request.workload().users() != null) {
                throw new InvalidFieldException("workload.users", "a closed loop has no arrival rate to estimate at: "
                        + "give workload.arrivalRate (or run the scenario as a job)");
            }
            Uni<SimulationRequest> prepared;
            if (request.traceId() != null) {
                prepared = traces.find(request.traceId(), tenant).map(trace -> {
                    if (trace == null) {
                        throw new InvalidFieldException("workload.traceId", "no trace " + request.traceId());
                    }
                    quotas.checkRequests("workload.traceId", trace.requests, plan);
                    return request.withTrace(TraceView.arrivalRate(trace),
                            (int) Math.max(1, Math.round(trace.meanInput)),
                            (int) Math.max(1, Math.round(trace.meanOutput)), trace.requests);
                });
            } else {
                quotas.checkRequests(request.requestCountField(), request.requestCountOrDefault(), plan);
                prepared = Uni.createFrom().item(request);
            }
            return prepared.chain(r -> resolve(r, authorization, ""))
                    .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                    .map(this::estimate);
        });
    }

    private EstimateView estimate(Resolved resolved) {
        SimulationRequest n = resolved.scenario();
        EngineScenario s = validation.engineScenario(n, resolved.model(), resolved.accelerator(),
                resolved.draftModel(), "");
        long chunks = (s.inputTokens() + (long) s.limits().maxBatchTokens() - 1) / s.limits().maxBatchTokens();
        if (chunks > ESTIMATE_MAX_PREFILL_CHUNKS) {
            throw new InvalidFieldException("batch.maxBatchTokens", "an estimate evaluates every prefill chunk of a "
                    + "prompt: at most " + ESTIMATE_MAX_PREFILL_CHUNKS + " chunks (input tokens / maxBatchTokens), "
                    + "this scenario has " + chunks);
        }
        List<String> notModelled = notModelled(s, n.traceId() != null);
        // the estimate models speculation (its round per token, the drafter's memory); the other settings fall back
        // to the defaults and are named in notModelled
        EngineScenario plain = new EngineScenario(s.serving(), s.limits(), s.arrivalRate(), s.inputTokens(),
                s.outputTokens(), s.ttftSlo(), s.tpotSlo(), s.requestCount(), s.seed(), null,
                EngineScenario.Settings.DEFAULT.withSpeculation(s.settings().speculation()));
        ScenarioOutcome outcome = steadyState.run(plain, p -> {
        });
        if (outcome.isFailure()) {
            // the configuration cannot serve (memory): what a job would fail with, answered now
            throw new InvalidFieldException("parallelism", outcome.failure());
        }
        var p = s.serving().parallelism();
        return new EstimateView(n.modelId(), n.modelRevision(), n.acceleratorId(), n.acceleratorRevision(),
                n.quantization(), p.dataReplicas(), p.gpusPerReplica(), p.dataReplicas() * p.gpusPerReplica(),
                s.arrivalRate(), s.inputTokens(), s.outputTokens(), notModelled, outcome.result());
    }

    /** The request fields whose engine settings the steady-state estimate does not model. */
    static List<String> notModelled(EngineScenario s, boolean trace) {
        EngineScenario.Settings x = s.settings();
        EngineScenario.Settings d = EngineScenario.Settings.DEFAULT;
        List<String> fields = new ArrayList<>();
        if (trace) {
            fields.add("workload.traceId");
        }
        if (x.arrival() != d.arrival()) {
            fields.add("workload.arrival");
        }
        if (x.input() != null) {
            fields.add("workload.input");
        }
        if (x.output() != null) {
            fields.add("workload.output");
        }
        if (x.queueOrder() != d.queueOrder() || x.chunkedPrefill() != d.chunkedPrefill()
                || x.prefixCaching() != d.prefixCaching() || x.preemption() != d.preemption()) {
            fields.add("scheduler");
        }
        if (x.routing() != d.routing()) {
            fields.add("routing");
        }
        if (x.disaggregation() != null) {
            fields.add("disaggregation");
        }
        return fields;
    }

    private Uni<Accepted> createChecked(SimulationRequest request, String tenant, String user, String authorization,
                                        String idempotencyKey, TenantPlan plan) {
        Uni<SimulationJob> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> jobs.findByIdempotencyKey(tenant, idempotencyKey));
        return earlier.chain(existing -> existing != null
                ? Uni.createFrom().item(new Accepted(documents.view(existing), true))
                : newJob(request, tenant, user, authorization, idempotencyKey)
                .chain(job -> store(job, plan))
                .map(job -> new Accepted(documents.view(job), false)));
    }

    private Uni<SimulationJob> newJob(SimulationRequest request, String tenant, String user, String authorization,
                                      String idempotencyKey) {
        if (!request.isScenario()) {
            return catalog.accelerator(request.acceleratorId(), authorization).map(facts -> {
                SimulationJob job = job(tenant, user, request.name(), idempotencyKey);
                job.scenario = documents.write(request);
                job.accelerator = documents.write(facts);
                job.acceleratorId = facts.id();
                return job;
            });
        }
        return resolve(request, authorization, "").map(resolved -> {
            SimulationJob job = job(tenant, user, request.name(), idempotencyKey);
            fill(job, resolved);
            return job;
        });
    }

    /**
     * Fetches and pins the model and accelerator (both at once, so both can be named in one 400); an inline spec is
     * taken as given (marked {@code inline}), without a catalog read.
     */
    Uni<Resolved> resolve(SimulationRequest request, String authorization, String prefix) {
        Uni<Object> model = request.model() != null ? Uni.createFrom().item(inline(request.model(), request.model().name()))
                : catalog.pinned("models", "modelId", "modelRevision", request.modelId(),
                        request.modelRevision(), authorization).map(m -> (Object) m)
                .onFailure(InvalidFieldException.class).recoverWithItem(e -> e);
        Uni<Object> accelerator = request.accelerator() != null
                ? Uni.createFrom().item(inline(request.accelerator(), request.accelerator().name()))
                : catalog.pinned("accelerators", "acceleratorId", "acceleratorRevision",
                        request.acceleratorId(), request.acceleratorRevision(), authorization).map(a -> (Object) a)
                .onFailure(InvalidFieldException.class).recoverWithItem(e -> e);
        var sp = request.speculation();
        Uni<Object> draft = sp == null || !sp.draftsWithModel() || sp.draftModelId() == null
                ? Uni.createFrom().item(NO_DRAFT)
                : catalog.pinned("models", "speculation.draftModelId", "speculation.draftModelRevision",
                        sp.draftModelId(), sp.draftModelRevision(), authorization).map(d -> (Object) d)
                .onFailure(InvalidFieldException.class).recoverWithItem(e -> e);
        return Uni.combine().all().unis(model, accelerator, draft).asTuple().map(t -> {
            List<FieldError> errors = new ArrayList<>();
            for (Object o : List.of(t.getItem1(), t.getItem2(), t.getItem3())) {
                if (o instanceof InvalidFieldException e) {
                    errors.add(new FieldError(prefix + e.field(), e.getMessage()));
                }
            }
            ScenarioValidation.throwIfAny(errors);
            ObjectNode m = (ObjectNode) t.getItem1();
            ObjectNode a = (ObjectNode) t.getItem2();
            ObjectNode d = t.getItem3() == NO_DRAFT ? null : (ObjectNode) t.getItem3();
            SimulationRequest normalized = request.normalized(revision(m), revision(a));
            if (d != null) {
                normalized = normalized.withDraftModelRevision(revision(d));
            }
            // refuses configurations the engine cannot build (400), before anything is stored
            validation.engineScenario(normalized, m, a, d, prefix);
            return new Resolved(normalized, m, a, d);
        });
    }

    /** Stands for "no draft model" among the catalog reads of {@link #resolve}. */
    private static final Object NO_DRAFT = new Object();

    /** An inline spec as it is stored with the job: the spec's fields, its name as id, and {@code inline: true}. */
    private ObjectNode inline(Object spec, String name) {
        ObjectNode node = ((ObjectNode) documents.tree(spec)).deepCopy();
        node.put("id", name);
        node.put("inline", true);
        return node;
    }

    private static Integer revision(ObjectNode entry) {
        return entry.path("inline").asBoolean(false) ? null : entry.path("revision").asInt();
    }

    void fill(SimulationJob job, Resolved resolved) {
        job.scenario = documents.write(resolved.scenario());
        job.model = documents.write(resolved.model());
        job.accelerator = documents.write(resolved.accelerator());
        job.draftModel = resolved.draftModel() == null ? null : documents.write(resolved.draftModel());
        job.modelId = resolved.scenario().modelId();
        job.acceleratorId = resolved.scenario().acceleratorId();
    }

    static SimulationJob job(String tenant, String user, String name, String idempotencyKey) {
        SimulationJob job = new SimulationJob();
        job.id = UUID.randomUUID().toString();
        job.tenant = tenant;
        job.name = name;
        job.status = SimulationStatus.QUEUED;
        job.idempotencyKey = idempotencyKey;
        job.createdBy = user;
        job.createdAt = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        return job;
    }

    static CloudEvent<SimulationRequested> unit(SimulationJob job) {
        return CloudEvent.of(SOURCE, EventTypes.SIMULATION_REQUESTED, job.id, job.tenant,
                new SimulationRequested(job.id, 1));
    }

    /** One unit per shard (keyed by job and shard, so shards spread over partitions), with the shard rows. */
    private Uni<?> shardUnits(SimulationJob job, int count) {
        Uni<?> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < count; i++) {
            int index = i;
            chain = chain.chain(() -> {
                SimulationShard shard = new SimulationShard();
                shard.id = SimulationShard.id(job.id, index);
                shard.simulationId = job.id;
                shard.shard = index;
                shard.status = "QUEUED";
                return shardRows.persist(shard);
            }).chain(() -> outbox.append(Topics.SIMULATION_REQUESTS, CloudEvent.of(SOURCE, EventTypes.SIMULATION_REQUESTED,
                    SimulationShard.id(job.id, index), job.tenant, new SimulationRequested(job.id, 1, index, count))));
        }
        return chain;
    }

    private Uni<SimulationJob> store(SimulationJob job, TenantPlan plan) {
        int shardCount = job.model == null ? 1
                : documents.read(job.scenario, SimulationRequest.class).shardsOrDefault();
        return Panache.withTransaction(() -> quotas.admitOneMore(job.tenant, plan)
                        .chain(() -> jobs.persist(job))
                        .call(() -> shardCount > 1 ? shardUnits(job, shardCount)
                                : outbox.append(Topics.SIMULATION_REQUESTS, unit(job))))
                .invoke(() -> metrics.submitted("simulation", 1));
    }

    @WithSession
    public Uni<SimulationView> get(String id, String tenant) {
        return find(id, tenant).map(documents::view);
    }

    private Uni<SimulationJob> find(String id, String tenant) {
        return jobs.findForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no simulation '" + id + "'"));
    }

    /** A page of the tenant's simulations (sweep points excluded), newest first; 400 naming every bad parameter. */
    @WithSession
    public Uni<Page<SimulationView>> list(String tenant, String status, String modelId, String acceleratorId,
                                          String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        SimulationStatus s = null;
        if (status != null) {
            try {
                s = SimulationStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "one of " + java.util.Arrays.toString(SimulationStatus.values())));
            }
        }
        int size = pageSize(limit, errors);
        SimulationJobRepository.After after = decodeCursor(cursor, errors);
        for (String[] id : new String[][] {{"modelId", modelId}, {"acceleratorId", acceleratorId}}) {
            if (id[1] != null && !id[1].matches("[A-Za-z0-9._-]{1,200}")) {
                errors.add(new FieldError(id[0], "a catalog id ([A-Za-z0-9._-], at most 200 characters)"));
            }
        }
        ScenarioValidation.throwIfAny(errors);
        return jobs.page(tenant, new SimulationJobRepository.ListFilter(s, modelId, acceleratorId), after, size + 1)
                .map(found -> {
                    boolean more = found.size() > size;
                    List<SimulationJob> page = more ? found.subList(0, size) : found;
                    SimulationJob last = page.isEmpty() ? null : page.get(page.size() - 1);
                    return new Page<>(page.stream().map(documents::view).toList(),
                            more ? encodeCursor(last.createdAt, last.id) : null);
                });
    }

    int pageSize(String limit, List<FieldError> errors) {
        if (limit == null) {
            return config.maxListSize();
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= config.maxListSize()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "a whole number from 1 to " + config.maxListSize()));
        return 1;
    }

    static String encodeCursor(OffsetDateTime createdAt, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static SimulationJobRepository.After decodeCursor(String cursor, List<FieldError> errors) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar > 0) {
                return new SimulationJobRepository.After(OffsetDateTime.parse(text.substring(0, bar)),
                        text.substring(bar + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError("cursor", "not a cursor of this list (use X-Next-Cursor of the previous page)"));
        return null;
    }

    /** Cancels a queued or running job: a queued unit is skipped, a running one stops at its next progress report. */
    public Uni<SimulationView> cancel(String id, String tenant, String user) {
        return Panache.withTransaction(() -> jobs.lockForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no simulation '" + id + "'")).map(job -> {
            if (job.status.isTerminal()) {
                throw new ClientErrorException("simulation '" + id + "' is already " + job.status
                        + "; only queued or running simulations can be cancelled", 409);
            }
            job.status = SimulationStatus.CANCELLED;
            job.completedAt = OffsetDateTime.now();
            job.error = "cancelled by " + user;
            metrics.finished(job.status.name());
            return job;
        })).map(documents::view);
    }

    /**
     * Runs a stored job again as a new job, with the same scenario and the same pinned catalog entries (no catalog
     * read), under the caller's current plan.
     */
    public Uni<Accepted> rerun(String id, String tenant, String user, TenantPlan plan) {
        return Panache.withSession(() -> find(id, tenant)).chain(original -> {
            SimulationRequest scenario = documents.read(original.scenario, SimulationRequest.class);
            if (scenario.isScenario()) {
                quotas.checkRequests("requestCount", scenario.requestCountOrDefault(), plan);
            }
            SimulationJob job = job(tenant, user, original.name, null);
            job.scenario = original.scenario;
            job.model = original.model;
            job.accelerator = original.accelerator;
            job.draftModel = original.draftModel;
            job.modelId = original.modelId;
            job.acceleratorId = original.acceleratorId;
            job.rerunOf = original.id;
            return store(job, plan).map(stored -> new Accepted(documents.view(stored), false));
        });
    }

    /** Deletes a job (a running unit of it stops at its next progress report; its late result is dropped). */
    public Uni<Void> delete(String id, String tenant) {
        return Panache.withTransaction(() -> find(id, tenant).chain(jobs::delete));
    }

    /** The result of a completed job as JSON; 409 while there is none. */
    @WithSession
    public Uni<JsonNode> result(String id, String tenant) {
        return find(id, tenant).map(job -> {
            if (job.status != SimulationStatus.COMPLETED) {
                throw new ClientErrorException("simulation '" + id + "' is " + job.status + " and has no result"
                        + (job.error == null ? "" : ": " + job.error), 409);
            }
            return documents.tree(job.result);
        });
    }

    /** The result as CSV: one {@code metric,value} row per figure. */
    public Uni<String> resultCsv(String id, String tenant) {
        return result(id, tenant).map(CsvExport::metrics);
    }
}

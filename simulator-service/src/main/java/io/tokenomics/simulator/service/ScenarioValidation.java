package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem.FieldError;
import io.tokenomics.simulator.engine.cluster.Disaggregation;
import io.tokenomics.simulator.engine.cluster.RoutingPolicy;
import io.tokenomics.simulator.engine.cluster.Speculation;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.Quantization;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.mapping.CatalogMapping;
import io.tokenomics.simulator.mapping.SimulationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a scenario before anything is stored: Bean Validation and the rules between fields (which fields belong to
 * which form), all reported at once; then, with the catalog entries, whether the engine can build the configuration.
 */
@ApplicationScoped
public class ScenarioValidation {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Inject
    Validator validator;

    /** Every field error of a request body, paths prefixed with {@code prefix} (e.g. {@code scenario.}). */
    public <T> List<FieldError> beanErrors(T bean, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(bean)) {
            errors.add(new FieldError(prefix + path(v.getPropertyPath()), v.getMessage()));
        }
        return errors;
    }

    /** The rules between fields of a scenario. */
    public List<FieldError> formErrors(SimulationRequest r, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (r.isScenario()) {
            String onlySkeleton = "only in the parameter-count form (without modelId); use modelId, quantization "
                    + "and parallelism instead";
            absent(errors, prefix + "modelParameters", r.modelParameters(), onlySkeleton);
            absent(errors, prefix + "weightPrecision", r.weightPrecision(), onlySkeleton);
            absent(errors, prefix + "acceleratorCount", r.acceleratorCount(), onlySkeleton);
            if (r.workload() == null) {
                errors.add(new FieldError(prefix + "workload", "must not be null for a scenario (arrivalRate, "
                        + "inputTokens, outputTokens, or traceId)"));
            } else if (r.workload().traceId() == null) {
                generatedWorkloadErrors(errors, r, prefix);
            } else {
                String fromTrace = "comes from the trace (workload.traceId)";
                absent(errors, prefix + "workload.arrivalRate", r.workload().arrivalRate(), fromTrace);
                absent(errors, prefix + "workload.inputTokens", r.workload().inputTokens(), fromTrace);
                absent(errors, prefix + "workload.outputTokens", r.workload().outputTokens(), fromTrace);
                absent(errors, prefix + "workload.input", r.workload().input(), fromTrace);
                absent(errors, prefix + "workload.output", r.workload().output(), fromTrace);
                absent(errors, prefix + "workload.arrival", r.workload().arrival(), fromTrace);
                absent(errors, prefix + "workload.users", r.workload().users(), fromTrace);
                absent(errors, prefix + "workload.thinkSeconds", r.workload().thinkSeconds(), fromTrace);
                absent(errors, prefix + "requestCount", r.requestCount(), "the trace's requests are replayed");
                absent(errors, prefix + "durationSeconds", r.durationSeconds(), "the trace's requests are replayed");
                absent(errors, prefix + "shards", r.shards(), "a trace is replayed as one unit");
            }
            if (r.disaggregation() != null) {
                var d = r.disaggregation();
                if (r.replicas() != null && d.prefillReplicas() != null && d.decodeReplicas() != null
                        && r.replicas() != d.prefillReplicas() + d.decodeReplicas()) {
                    errors.add(new FieldError(prefix + "replicas", "with disaggregation, replicas (when given) must be "
                            + "prefillReplicas + decodeReplicas (" + (d.prefillReplicas() + d.decodeReplicas()) + ")"));
                }
                absent(errors, prefix + "shards", r.shards(), "a disaggregated cluster is simulated as one unit");
            }
            if (r.modelId() != null && r.model() != null) {
                errors.add(new FieldError(prefix + "model", "give modelId or an inline model, not both"));
            }
            if (r.model() != null && r.modelRevision() != null) {
                errors.add(new FieldError(prefix + "modelRevision", "only with modelId (an inline model has no revisions)"));
            }
            if (r.acceleratorId() == null && r.accelerator() == null) {
                errors.add(new FieldError(prefix + "acceleratorId", "must not be null (or give an inline accelerator)"));
            }
            if (r.acceleratorId() != null && r.accelerator() != null) {
                errors.add(new FieldError(prefix + "accelerator", "give acceleratorId or an inline accelerator, not both"));
            }
            if (r.accelerator() != null && r.acceleratorRevision() != null) {
                errors.add(new FieldError(prefix + "acceleratorRevision", "only with acceleratorId (an inline accelerator "
                        + "has no revisions)"));
            }
            if (r.shardsOrDefault() > r.replicasOrDefault()) {
                errors.add(new FieldError(prefix + "shards", "at most replicas (" + r.replicasOrDefault()
                        + "): a shard simulates a group of whole replicas"));
            }
            if (r.speculation() != null) {
                speculationErrors(errors, r.speculation(), prefix + "speculation.");
            }
            if (r.tensor() % r.expert() != 0) {
                errors.add(new FieldError(prefix + "parallelism.expert", "the expert parallel degree must divide the "
                        + "tensor degree (" + r.tensor() + ")"));
            }
        } else {
            if (r.modelParameters() == null) {
                errors.add(new FieldError(prefix + "modelParameters", "must not be null (or give modelId for a full "
                        + "scenario)"));
            }
            if (r.weightPrecision() == null) {
                errors.add(new FieldError(prefix + "weightPrecision", "must not be null (or give modelId for a full "
                        + "scenario)"));
            }
            String onlyScenario = "only in the scenario form: give modelId";
            absent(errors, prefix + "modelRevision", r.modelRevision(), onlyScenario);
            absent(errors, prefix + "quantization", r.quantization(), onlyScenario);
            absent(errors, prefix + "parallelism", r.parallelism(), onlyScenario);
            absent(errors, prefix + "replicas", r.replicas(), onlyScenario);
            absent(errors, prefix + "batch", r.batch(), onlyScenario);
            absent(errors, prefix + "workload", r.workload(), onlyScenario);
            absent(errors, prefix + "slo", r.slo(), onlyScenario);
            absent(errors, prefix + "requestCount", r.requestCount(), onlyScenario);
            absent(errors, prefix + "seed", r.seed(), onlyScenario);
            absent(errors, prefix + "shards", r.shards(), onlyScenario);
            absent(errors, prefix + "accelerator", r.accelerator(), onlyScenario);
            absent(errors, prefix + "scheduler", r.scheduler(), onlyScenario);
            absent(errors, prefix + "routing", r.routing(), onlyScenario);
            absent(errors, prefix + "speculation", r.speculation(), onlyScenario);
            absent(errors, prefix + "disaggregation", r.disaggregation(), onlyScenario);
            absent(errors, prefix + "durationSeconds", r.durationSeconds(), onlyScenario);
            if (r.acceleratorId() == null) {
                errors.add(new FieldError(prefix + "acceleratorId", "must not be null"));
            }
        }
        return errors;
    }

    /** Which drafter fields go together: a catalog draft model only with {@code drafter: model} (or no drafter). */
    private static void speculationErrors(List<FieldError> errors, SimulationRequest.SpeculationSpec sp, String prefix) {
        boolean model = sp.draftsWithModel();
        if (sp.draftModelId() != null && !model) {
            errors.add(new FieldError(prefix + "draftModelId", "only with drafter model (or no drafter): drafter "
                    + sp.drafter() + " drafts without a catalog model"));
        }
        if (model && sp.draftModelId() == null) {
            errors.add(new FieldError(prefix + "draftModelId", "must not be null with drafter model: give the "
                    + "catalog model that drafts"));
        }
        if (sp.draftModelRevision() != null && sp.draftModelId() == null) {
            errors.add(new FieldError(prefix + "draftModelRevision", "only with draftModelId"));
        }
        var profile = sp.acceptanceByPosition();
        if (sp.acceptance() == null && profile == null) {
            errors.add(new FieldError(prefix + "acceptance", "must not be null (or give acceptanceByPosition, one rate "
                    + "per draft token)"));
        }
        if (sp.acceptance() != null && profile != null) {
            errors.add(new FieldError(prefix + "acceptanceByPosition", "give acceptance (one rate) or "
                    + "acceptanceByPosition (one per draft token), not both"));
        }
        if (profile != null && sp.draftTokens() != null && profile.size() != sp.draftTokens()) {
            errors.add(new FieldError(prefix + "acceptanceByPosition", "needs one rate per draft token ("
                    + sp.draftTokens() + "), has " + profile.size()));
        }
    }

    /** Bean Validation plus form rules of a simulation request; throws one 400 naming every field. */
    public void require(SimulationRequest r, String idempotencyKey) {
        if (r == null) {
            throw new InvalidFieldException("body", "a JSON scenario is required");
        }
        List<FieldError> errors = beanErrors(r, "");
        errors.addAll(formErrors(r, ""));
        idempotencyKey(idempotencyKey).ifPresent(errors::add);
        throwIfAny(errors);
    }

    public java.util.Optional<FieldError> idempotencyKey(String key) {
        return key == null || IDEMPOTENCY_KEY.matcher(key).matches() ? java.util.Optional.empty()
                : java.util.Optional.of(new FieldError("Idempotency-Key", "1 to 200 printable ASCII characters"));
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            List<FieldError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing(FieldError::field));
            throw new InvalidFieldsException(sorted);
        }
    }

    /**
     * The engine's view of a normalized scenario with its catalog entries. Configuration errors name the field
     * ({@code prefix} + field) so a submission can be refused with 400 before anything is stored.
     */
    public EngineScenario engineScenario(SimulationRequest n, JsonNode model, JsonNode accelerator, String prefix) {
        return engineScenario(n, model, accelerator, null, prefix);
    }

    /**
     * As {@link #engineScenario(SimulationRequest, JsonNode, JsonNode, String)}, with the catalog entry of the
     * speculation's draft model ({@code draftModel}; null when the scenario drafts without one).
     */
    public EngineScenario engineScenario(SimulationRequest n, JsonNode model, JsonNode accelerator, JsonNode draftModel,
                                         String prefix) {
        List<FieldError> errors = new ArrayList<>();
        ModelArchitecture architecture = null;
        AcceleratorSpec chip = null;
        try {
            architecture = model.path("inline").asBoolean(false)
                    ? CatalogMapping.model(model, "model", "the inline model '" + model.path("name").asText() + "'")
                    : CatalogMapping.model(model);
        } catch (InvalidFieldException e) {
            errors.add(new FieldError(prefix + e.field(), e.getMessage()));
        }
        try {
            chip = accelerator.path("inline").asBoolean(false)
                    ? CatalogMapping.accelerator(accelerator, "accelerator", "the inline accelerator '"
                    + accelerator.path("name").asText() + "'")
                    : CatalogMapping.accelerator(accelerator);
        } catch (InvalidFieldException e) {
            errors.add(new FieldError(prefix + e.field(), e.getMessage()));
        }
        throwIfAny(errors);
        Parallelism parallelism;
        try {
            parallelism = new Parallelism(n.tensor(), n.pipeline(), n.expert(), n.replicasOrDefault(),
                    n.attentionDataParallel());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(prefix + "parallelism", e.getMessage());
        }
        if (parallelism.attentionDataParallel() && !architecture.isMoe()) {
            throw new InvalidFieldException(prefix + "parallelism.attentionDataParallel", "model '"
                    + architecture.name() + "' has no experts: attention data parallelism splits a MoE model's "
                    + "sequences over the GPUs that share its experts (serve a dense model with replicas)");
        }
        if (parallelism.gpusPerReplica() > 1 && !(chip.scaleUpBandwidth() > 0)) {
            throw new InvalidFieldException(prefix + "acceleratorId", "catalog accelerator '" + chip.key()
                    + "' has no scale-up bandwidth, needed for tensor or pipeline parallelism");
        }
        ServingConfiguration serving;
        try {
            serving = new ServingConfiguration(architecture, chip, Quantization.named(n.quantization()), parallelism);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(prefix + "parallelism", e.getMessage());
        }
        var batch = n.batch();
        var workload = n.workload();
        LengthDistribution input = length(workload.input(), workload.inputTokens());
        LengthDistribution output = length(workload.output(), workload.outputTokens());
        ServingLimits limits = new ServingLimits(batch.maxBatchSequences(), batch.maxBatchTokens(),
                batch.kvCacheMemoryFraction(), ServingLimits.DEFAULT.frameworkReserveBytes(),
                (long) maxLength(input) + maxLength(output));
        var slo = n.slo();
        // a length given as a number stays the default form (no distribution in the settings)
        ModelArchitecture drafter = draftArchitecture(n, architecture, draftModel, prefix);
        EngineScenario.Settings settings = settings(n, architecture, drafter, workload.input() == null ? null : input,
                workload.output() == null ? null : output, prefix);
        return new EngineScenario(serving, limits, workload.arrivalRate() == null ? 0 : workload.arrivalRate(),
                meanLength(input), meanLength(output), slo == null ? null : slo.ttftSeconds(),
                slo == null ? null : slo.tpotSeconds(), n.requestCountOrDefault(), n.seed() == null ? 0 : n.seed(),
                null, settings);
    }

    /**
     * The architecture of the speculation's catalog draft model (null when the scenario drafts without one). A drafter
     * proposes tokens the target verifies, so it must share the target's tokenizer (the same vocabulary) and, to
     * save time, be the smaller model.
     */
    static ModelArchitecture draftArchitecture(SimulationRequest n, ModelArchitecture target, JsonNode draftModel,
                                               String prefix) {
        if (n.speculation() == null || !n.speculation().draftsWithModel()) {
            return null;
        }
        String field = prefix + "speculation.draftModelId";
        if (draftModel == null) {
            throw new InvalidFieldException(field, "the draft model '" + n.speculation().draftModelId()
                    + "' was not resolved from the catalog");
        }
        ModelArchitecture draft = CatalogMapping.model(draftModel, field, "draft model '"
                + draftModel.path("id").asText() + "'");
        if (draft.vocabSize() != target.vocabSize()) {
            throw new InvalidFieldException(field, "draft model '" + draft.name() + "' has a " + draft.vocabSize()
                    + "-token vocabulary, the target '" + target.name() + "' " + target.vocabSize()
                    + ": a drafter must share the target's tokenizer");
        }
        if (draft.totalParameters() >= target.totalParameters()) {
            throw new InvalidFieldException(field, String.format(java.util.Locale.ROOT, "draft model '%s' (%.2f B "
                            + "parameters) is not smaller than the target '%s' (%.2f B): drafting would cost more than "
                            + "it saves", draft.name(), draft.totalParameters() / 1e9, target.name(),
                    target.totalParameters() / 1e9));
        }
        return draft;
    }

    /** The engine settings of a (form-checked) scenario; what the engine refuses names its field. */
    static EngineScenario.Settings settings(SimulationRequest n, ModelArchitecture target, ModelArchitecture drafter,
                                            LengthDistribution input, LengthDistribution output, String prefix) {
        EngineScenario.Settings d = EngineScenario.Settings.DEFAULT;
        var w = n.workload();
        EngineScenario.Arrival arrival = w.arrival() == null || w.arrival().process() == null ? d.arrival()
                : EngineScenario.Arrival.valueOf(w.arrival().process().toUpperCase(java.util.Locale.ROOT));
        double cv = w.arrival() == null || w.arrival().cv() == null ? 1 : w.arrival().cv();
        var s = n.scheduler();
        SchedulerPolicy.QueueOrder order = s == null || s.policy() == null ? d.queueOrder()
                : SchedulerPolicy.QueueOrder.valueOf(constant(s.policy()));
        boolean chunked = s == null || s.chunkedPrefill() == null ? d.chunkedPrefill() : s.chunkedPrefill();
        boolean prefix0 = s == null || s.prefixCaching() == null ? d.prefixCaching() : s.prefixCaching();
        SchedulerPolicy.Preemption preemption = s == null || s.preemption() == null ? d.preemption()
                : SchedulerPolicy.Preemption.valueOf(constant(s.preemption()));
        RoutingPolicy routing = n.routing() == null ? d.routing() : switch (constant(n.routing())) {
            case "ROUND_ROBIN" -> RoutingPolicy.ROUND_ROBIN;
            case "LEAST_KV", "LEAST_KV_LOAD" -> RoutingPolicy.LEAST_KV_LOAD;
            case "PREFIX_AFFINITY" -> RoutingPolicy.PREFIX_AFFINITY;
            default -> RoutingPolicy.LEAST_OUTSTANDING;
        };
        Speculation speculation = null;
        if (n.speculation() != null) {
            var sp = n.speculation();
            try {
                boolean mtp = "mtp".equalsIgnoreCase(sp.drafter());
                ModelArchitecture draft = mtp ? Speculation.mtpHead(target) : sp.draftsWithModel() ? drafter : null;
                speculation = new Speculation(sp.draftTokens(), sp.acceptance() == null ? 0 : sp.acceptance(), draft,
                        mtp, sp.acceptanceByPosition());
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(prefix + "speculation", e.getMessage());
            }
        }
        Disaggregation disaggregation = null;
        if (n.disaggregation() != null) {
            var dg = n.disaggregation();
            try {
                disaggregation = new Disaggregation(dg.prefillReplicas(), dg.decodeReplicas(), dg.linkGBps() == null
                        ? Disaggregation.DEFAULT_LINK_BYTES_PER_SECOND_PER_GPU : dg.linkGBps() * 1e9);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(prefix + "disaggregation", e.getMessage());
            }
        }
        return new EngineScenario.Settings(arrival, cv, input, output, w.users(),
                w.thinkSeconds() == null ? 0 : w.thinkSeconds(), order, chunked, prefix0, preemption, routing,
                speculation, disaggregation);
    }

    private static String constant(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** The engine's distribution ({@code fixed} when the length is given as a number). */
    static LengthDistribution length(SimulationRequest.LengthSpec spec, Integer fixed) {
        if (spec == null) {
            return new LengthDistribution.Fixed(fixed);
        }
        int min = spec.min() == null ? 1 : spec.min();
        return switch (spec.distribution().toLowerCase(java.util.Locale.ROOT)) {
            case "fixed" -> new LengthDistribution.Fixed(spec.tokens());
            case "uniform" -> new LengthDistribution.Uniform(spec.min(), spec.max());
            case "normal" -> new LengthDistribution.Normal(spec.mean(), spec.stddev(), min, spec.max() != null
                    ? spec.max() : cap(spec.mean() + 3 * spec.stddev(), min));
            default -> new LengthDistribution.LogNormal(spec.median(), spec.sigma(), min, spec.max() != null
                    ? spec.max() : cap(spec.median() * Math.exp(3 * spec.sigma()), min));
        };
    }

    private static int cap(double tokens, int min) {
        return (int) Math.max(min, Math.min(MAX_TOKENS, Math.ceil(tokens)));
    }

    private static final int MAX_TOKENS = 1_048_576;

    static int maxLength(LengthDistribution d) {
        return switch (d) {
            case LengthDistribution.Fixed f -> f.tokens();
            case LengthDistribution.Uniform u -> u.max();
            case LengthDistribution.Normal nd -> nd.max();
            case LengthDistribution.LogNormal l -> l.max();
            default -> (int) Math.ceil(d.mean());
        };
    }

    static int meanLength(LengthDistribution d) {
        return (int) Math.max(1, Math.round(d.mean()));
    }

    /** Open or closed loop, lengths fixed or drawn, request count or duration: what belongs together. */
    private static void generatedWorkloadErrors(List<FieldError> errors, SimulationRequest r, String prefix) {
        var w = r.workload();
        String need = "must not be null (or give workload.traceId to replay an uploaded trace)";
        if (w.users() != null) {
            String closed = "not with workload.users (a closed loop: users send requests after thinkSeconds)";
            absent(errors, prefix + "workload.arrivalRate", w.arrivalRate(), closed);
            absent(errors, prefix + "workload.arrival", w.arrival(), closed);
            absent(errors, prefix + "durationSeconds", r.durationSeconds(), "a closed loop needs requestCount");
            absent(errors, prefix + "shards", r.shards(), "a closed loop is simulated as one unit");
        } else {
            absent(errors, prefix + "workload.thinkSeconds", w.thinkSeconds(), "only with workload.users (closed loop)");
            if (w.arrivalRate() == null) {
                errors.add(new FieldError(prefix + "workload.arrivalRate", need + " (or workload.users for a closed "
                        + "loop)"));
            }
        }
        if (w.arrival() != null) {
            boolean gamma = "gamma".equalsIgnoreCase(w.arrival().process());
            if (gamma && w.arrival().cv() == null) {
                errors.add(new FieldError(prefix + "workload.arrival.cv", "must not be null for a gamma process"));
            }
            if (!gamma && w.arrival().cv() != null) {
                errors.add(new FieldError(prefix + "workload.arrival.cv", "only with process gamma"));
            }
        }
        lengthErrors(errors, prefix + "workload.", "inputTokens", "input", w.inputTokens(), w.input(), need);
        lengthErrors(errors, prefix + "workload.", "outputTokens", "output", w.outputTokens(), w.output(), need);
        if (r.durationSeconds() != null && r.requestCount() != null) {
            errors.add(new FieldError(prefix + "durationSeconds", "give requestCount or durationSeconds, not both"));
        }
    }

    private static void lengthErrors(List<FieldError> errors, String prefix, String fixedName, String name,
                                     Integer fixed, SimulationRequest.LengthSpec spec, String need) {
        if (fixed != null && spec != null) {
            errors.add(new FieldError(prefix + name, "give " + fixedName + " or " + name + ", not both"));
            return;
        }
        if (fixed == null && spec == null) {
            errors.add(new FieldError(prefix + fixedName, need + " (or a distribution in " + name + ")"));
            return;
        }
        if (spec == null || spec.distribution() == null) {
            return;
        }
        String p = prefix + name + ".";
        switch (spec.distribution().toLowerCase(java.util.Locale.ROOT)) {
            case "fixed" -> required(errors, p + "tokens", spec.tokens(), "fixed");
            case "uniform" -> {
                required(errors, p + "min", spec.min(), "uniform");
                required(errors, p + "max", spec.max(), "uniform");
            }
            case "normal" -> {
                required(errors, p + "mean", spec.mean(), "normal");
                required(errors, p + "stddev", spec.stddev(), "normal");
            }
            case "lognormal" -> {
                required(errors, p + "median", spec.median(), "lognormal");
                required(errors, p + "sigma", spec.sigma(), "lognormal");
            }
            default -> {
                return;
            }
        }
        if (spec.min() != null && spec.max() != null && spec.max() < spec.min()) {
            errors.add(new FieldError(p + "max", "must be at least min (" + spec.min() + ")"));
        }
    }

    private static void required(List<FieldError> errors, String field, Object value, String distribution) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null for a " + distribution + " distribution"));
        }
    }

    private static void absent(List<FieldError> errors, String field, Object value, String message) {
        if (value != null) {
            errors.add(new FieldError(field, message));
        }
    }

    /** {@code workload.arrivalRate}, {@code grid.tensor[0]}: property names and container indexes. */
    static String path(Path path) {
        StringBuilder b = new StringBuilder();
        for (Path.Node node : path) {
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(name);
            }
            if (node.getIndex() != null) {
                b.append('[').append(node.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }
}

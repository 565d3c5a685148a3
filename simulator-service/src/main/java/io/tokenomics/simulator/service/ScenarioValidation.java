package io.tokenomics.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem.FieldError;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
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
                String need = "must not be null (or give workload.traceId to replay an uploaded trace)";
                if (r.workload().arrivalRate() == null) {
                    errors.add(new FieldError(prefix + "workload.arrivalRate", need));
                }
                if (r.workload().inputTokens() == null) {
                    errors.add(new FieldError(prefix + "workload.inputTokens", need));
                }
                if (r.workload().outputTokens() == null) {
                    errors.add(new FieldError(prefix + "workload.outputTokens", need));
                }
            } else {
                String fromTrace = "comes from the trace (workload.traceId)";
                absent(errors, prefix + "workload.arrivalRate", r.workload().arrivalRate(), fromTrace);
                absent(errors, prefix + "workload.inputTokens", r.workload().inputTokens(), fromTrace);
                absent(errors, prefix + "workload.outputTokens", r.workload().outputTokens(), fromTrace);
                absent(errors, prefix + "requestCount", r.requestCount(), "the trace's requests are replayed");
                absent(errors, prefix + "shards", r.shards(), "a trace is replayed as one unit");
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
            if (r.acceleratorId() == null) {
                errors.add(new FieldError(prefix + "acceleratorId", "must not be null"));
            }
        }
        return errors;
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
            parallelism = new Parallelism(n.tensor(), n.pipeline(), n.expert(), n.replicasOrDefault());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(prefix + "parallelism", e.getMessage());
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
        ServingLimits limits = new ServingLimits(batch.maxBatchSequences(), batch.maxBatchTokens(),
                batch.kvCacheMemoryFraction(), ServingLimits.DEFAULT.frameworkReserveBytes(),
                (long) workload.inputTokens() + workload.outputTokens());
        var slo = n.slo();
        return new EngineScenario(serving, limits, workload.arrivalRate(), workload.inputTokens(),
                workload.outputTokens(), slo == null ? null : slo.ttftSeconds(), slo == null ? null : slo.tpotSeconds(),
                n.requestCountOrDefault(), n.seed() == null ? 0 : n.seed());
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

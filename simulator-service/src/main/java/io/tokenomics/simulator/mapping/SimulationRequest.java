package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A simulation scenario, in one of two forms:
 * <ul>
 *   <li><b>scenario</b> ({@code modelId} given): a catalog model and accelerator, each pinned to a catalog revision
 *   (the latest when no revision is given), quantization, parallelism, replicas, batch limits, workload summary,
 *   SLOs, request count and seed; run by the {@code ScenarioEngine};</li>
 *   <li><b>parameter count</b> (the walking skeleton's form, kept for compatibility): {@code modelParameters} weights
 *   in {@code weightPrecision} on {@code acceleratorCount} accelerators; answered with the weight-streaming bound.</li>
 * </ul>
 * Which fields belong to which form is checked by the service ({@code ScenarioValidation}), which names every offending
 * field at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationRequest(
        @NotBlank @Size(max = 200) String name,
        // a catalog accelerator, or (scenario form) an inline one in `accelerator`
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String acceleratorId,
        @Positive Integer acceleratorRevision,
        // --- parameter-count form
        @Min(1_000_000L) @Max(100_000_000_000_000L) Long modelParameters,
        WeightPrecision weightPrecision,
        @Min(1) @Max(1024) Integer acceleratorCount,
        // --- scenario form
        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._-]+") String modelId,
        @Positive Integer modelRevision,
        @Pattern(regexp = "BF16|FP16|FP8|INT8|FP4|NVFP4|INT4", message = "must be one of BF16, FP16, FP8, INT8, FP4, NVFP4, INT4")
        String quantization,
        @Valid ParallelismSpec parallelism,
        @Min(1) @Max(100_000) Integer replicas,
        @Valid BatchLimits batch,
        @Valid WorkloadSpec workload,
        @Valid SloSpec slo,
        @Min(1) @Max(1_000_000_000_000L) Long requestCount,
        Long seed,
        // split into this many work units by replica (1 to replicas), each a separate unit on any worker
        @Min(1) @Max(64) Integer shards,
        // inline custom specs instead of modelId / acceleratorId (scenario form)
        @Valid InlineSpecs.Model model,
        @Valid InlineSpecs.Accelerator accelerator) {

    public static final int DEFAULT_MAX_BATCH_SEQUENCES = 256;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;
    public static final double DEFAULT_KV_CACHE_FRACTION = 0.9;
    public static final long DEFAULT_REQUEST_COUNT = 1000;

    /** Tensor, pipeline and expert parallel degrees of one replica (defaults 1). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParallelismSpec(@Min(1) @Max(1024) Integer tensor, @Min(1) @Max(1024) Integer pipeline,
                                  @Min(1) @Max(1024) Integer expert) {
    }

    /** The serving engine's batch limits: sequences and tokens per iteration, KV-cache share of free memory. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchLimits(@Min(1) @Max(4096) Integer maxBatchSequences,
                              @Min(1) @Max(1_048_576) Integer maxBatchTokens,
                              @jakarta.validation.constraints.DecimalMin(value = "0.05")
                              @jakarta.validation.constraints.DecimalMax("1.0") Double kvCacheMemoryFraction) {
    }

    /**
     * Workload: Poisson arrivals at {@code arrivalRate} requests per second with fixed input/output lengths, or the
     * replay of an uploaded trace ({@code traceId}; the three figures are then the trace's mean rate and lengths,
     * filled in when the job is stored).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkloadSpec(@jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                               @jakarta.validation.constraints.DecimalMax("1000000") Double arrivalRate,
                               @Min(1) @Max(1_048_576) Integer inputTokens,
                               @Min(1) @Max(1_048_576) Integer outputTokens,
                               @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                                       message = "must be the id of an uploaded trace") String traceId) {
        public WorkloadSpec(Double arrivalRate, Integer inputTokens, Integer outputTokens) {
            this(arrivalRate, inputTokens, outputTokens, null);
        }
    }

    /** Service-level objectives: time to first token and time per output token, seconds (each optional). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SloSpec(@jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                          @jakarta.validation.constraints.DecimalMax("3600") Double ttftSeconds,
                          @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                          @jakarta.validation.constraints.DecimalMax("3600") Double tpotSeconds) {
    }

    @JsonIgnore
    public boolean isScenario() {
        return modelId != null || model != null;
    }

    public int acceleratorCountOrDefault() {
        return acceleratorCount == null ? 1 : acceleratorCount;
    }

    public int tensor() {
        return parallelism == null || parallelism.tensor() == null ? 1 : parallelism.tensor();
    }

    public int pipeline() {
        return parallelism == null || parallelism.pipeline() == null ? 1 : parallelism.pipeline();
    }

    public int expert() {
        return parallelism == null || parallelism.expert() == null ? 1 : parallelism.expert();
    }

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    public long requestCountOrDefault() {
        return requestCount == null ? DEFAULT_REQUEST_COUNT : requestCount;
    }

    /** The scenario form with every default filled in and the catalog revisions it was pinned to. */
    public SimulationRequest normalized(Integer pinnedModelRevision, Integer pinnedAcceleratorRevision) {
        BatchLimits b = new BatchLimits(
                batch == null || batch.maxBatchSequences() == null ? DEFAULT_MAX_BATCH_SEQUENCES : batch.maxBatchSequences(),
                batch == null || batch.maxBatchTokens() == null ? DEFAULT_MAX_BATCH_TOKENS : batch.maxBatchTokens(),
                batch == null || batch.kvCacheMemoryFraction() == null ? DEFAULT_KV_CACHE_FRACTION : batch.kvCacheMemoryFraction());
        return new SimulationRequest(name, acceleratorId, pinnedAcceleratorRevision, null, null, null, modelId,
                pinnedModelRevision, quantization == null ? "BF16" : quantization,
                new ParallelismSpec(tensor(), pipeline(), expert()), replicasOrDefault(), b, workload, slo,
                requestCountOrDefault(), seed == null ? 0L : seed, shards == null || shards == 1 ? null : shards, model,
                accelerator);
    }

    public SimulationRequest withName(String newName) {
        return new SimulationRequest(newName, acceleratorId, acceleratorRevision, modelParameters, weightPrecision,
                acceleratorCount, modelId, modelRevision, quantization, parallelism, replicas, batch, workload, slo,
                requestCount, seed, shards, model, accelerator);
    }

    /** A sweep point: this (normalized) scenario with some dimensions replaced. */
    public SimulationRequest withPoint(String pointName, int tensor, int pipeline, int expert, int replicaCount,
                                       int maxBatchSequences, int maxBatchTokens, double arrivalRate,
                                       String quantizationScheme) {
        return new SimulationRequest(pointName, acceleratorId, acceleratorRevision, null, null, null, modelId,
                modelRevision, quantizationScheme, new ParallelismSpec(tensor, pipeline, expert), replicaCount,
                new BatchLimits(maxBatchSequences, maxBatchTokens, batch.kvCacheMemoryFraction()),
                new WorkloadSpec(arrivalRate, workload.inputTokens(), workload.outputTokens()), slo, requestCount, seed, null, model, accelerator);
    }

    /** This scenario replaying a trace with these summary figures and request count. */
    public SimulationRequest withTrace(double arrivalRate, int meanInput, int meanOutput, long requests) {
        return new SimulationRequest(name, acceleratorId, acceleratorRevision, modelParameters, weightPrecision,
                acceleratorCount, modelId, modelRevision, quantization, parallelism, replicas, batch,
                new WorkloadSpec(arrivalRate, meanInput, meanOutput, workload.traceId()), slo, requests, seed, shards,
                model, accelerator);
    }

    @JsonIgnore
    public String traceId() {
        return workload == null ? null : workload.traceId();
    }

    public int shardsOrDefault() {
        return shards == null ? 1 : shards;
    }
}

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
        @Valid InlineSpecs.Accelerator accelerator,
        // --- engine settings (scenario form, discrete-event engine)
        @Valid SchedulerSpec scheduler,
        @Pattern(regexp = ROUTING, message = "must be one of round-robin, least-outstanding, least-kv, prefix-affinity")
        String routing,
        @Valid SpeculationSpec speculation,
        @Valid DisaggregationSpec disaggregation,
        // instead of requestCount: arrivals over this many seconds (requestCount = ceil(arrivalRate x duration))
        @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
        @jakarta.validation.constraints.DecimalMax("31536000") Double durationSeconds) {

    static final String ROUTING = "(?i)round[-_]robin|least[-_]outstanding|least[-_]kv([-_]load)?|prefix[-_]affinity";

    /** The form before engine settings (scheduler, routing, speculation, disaggregation, duration) existed. */
    public SimulationRequest(String name, String acceleratorId, Integer acceleratorRevision, Long modelParameters,
                             WeightPrecision weightPrecision, Integer acceleratorCount, String modelId,
                             Integer modelRevision, String quantization, ParallelismSpec parallelism, Integer replicas,
                             BatchLimits batch, WorkloadSpec workload, SloSpec slo, Long requestCount, Long seed,
                             Integer shards, InlineSpecs.Model model, InlineSpecs.Accelerator accelerator) {
        this(name, acceleratorId, acceleratorRevision, modelParameters, weightPrecision, acceleratorCount, modelId,
                modelRevision, quantization, parallelism, replicas, batch, workload, slo, requestCount, seed, shards,
                model, accelerator, null, null, null, null, null);
    }

    /**
     * How each replica schedules: queue order ({@code fcfs}, {@code priority}, {@code shortest-first}), chunked prefill
     * (default on), prefix caching (default off), preemption when KV runs out ({@code recompute} default, {@code swap}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SchedulerSpec(
            @Pattern(regexp = "(?i)fcfs|priority|shortest[-_]first", message = "must be one of fcfs, priority, shortest-first")
            String policy,
            Boolean chunkedPrefill,
            Boolean prefixCaching,
            @Pattern(regexp = "(?i)recompute|swap", message = "must be one of recompute, swap") String preemption) {
    }

    /**
     * Speculative decoding: {@code draftTokens} proposed per round, {@code acceptance} per position, drafted by
     * {@code mtp} (one block of the target, sharing its embeddings), {@code ngram} (prompt lookup: drafting costs
     * nothing measurable) or {@code model}: the catalog model {@code draftModelId} (pinned to
     * {@code draftModelRevision}, the latest when absent), run on the target's accelerator, quantization and tensor
     * parallelism, its weights and KV cache charged to the replica's memory. {@code draftModelId} alone implies
     * {@code model}. Acceptance is one rate for every position ({@code acceptance}) or one rate per draft token
     * ({@code acceptanceByPosition}, {@code draftTokens} long: a_i is the chance the i-th draft token is accepted
     * given all before it were), not both.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpeculationSpec(@jakarta.validation.constraints.NotNull @Min(1) @Max(64) Integer draftTokens,
                                  @jakarta.validation.constraints.DecimalMin("0")
                                  @jakarta.validation.constraints.DecimalMax("1") Double acceptance,
                                  @Pattern(regexp = "(?i)mtp|ngram|model", message = "must be mtp, ngram or model")
                                  String drafter,
                                  @Size(min = 1, max = 200) @Pattern(regexp = "[A-Za-z0-9._-]+") String draftModelId,
                                  @Positive Integer draftModelRevision,
                                  @Size(min = 1, max = 64)
                                  java.util.List<@jakarta.validation.constraints.NotNull
                                  @jakarta.validation.constraints.DecimalMin("0")
                                  @jakarta.validation.constraints.DecimalMax("1") Double> acceptanceByPosition) {
        public SpeculationSpec(Integer draftTokens, Double acceptance, String drafter) {
            this(draftTokens, acceptance, drafter, null, null, null);
        }

        /** Whether a catalog model drafts ({@code drafter: model}, or {@code draftModelId} without a drafter). */
        @JsonIgnore
        public boolean draftsWithModel() {
            return "model".equalsIgnoreCase(drafter) || (drafter == null && draftModelId != null);
        }

        /** This speculation proposing {@code k} tokens per round. */
        public SpeculationSpec withDraftTokens(int k) {
            return new SpeculationSpec(k, acceptance, drafter, draftModelId, draftModelRevision, acceptanceByPosition);
        }

        /** This speculation with its draft model pinned to {@code revision} (and {@code drafter: model}). */
        public SpeculationSpec pinned(Integer revision) {
            return new SpeculationSpec(draftTokens, acceptance, "model", draftModelId, revision, acceptanceByPosition);
        }
    }

    /** Separate prefill and decode pools; KV moves between them at {@code linkGBps} per GPU (default 50 GB/s). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisaggregationSpec(@jakarta.validation.constraints.NotNull @Min(1) @Max(100_000) Integer prefillReplicas,
                                     @jakarta.validation.constraints.NotNull @Min(1) @Max(100_000) Integer decodeReplicas,
                                     @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                                     @jakarta.validation.constraints.DecimalMax("100000") Double linkGBps) {
    }

    /** Arrival process of an open-loop workload at {@code arrivalRate}: poisson (default), gamma with {@code cv}, constant. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArrivalSpec(@Pattern(regexp = "(?i)poisson|gamma|constant", message = "must be one of poisson, gamma, constant")
                              String process,
                              @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                              @jakarta.validation.constraints.DecimalMax("100") Double cv) {
    }

    /**
     * A length distribution in tokens: {@code fixed} {tokens}, {@code uniform} {min, max}, {@code normal} {mean,
     * stddev, min?, max?}, {@code lognormal} {median, sigma, min?, max?} (rounded and clipped to [min, max]).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LengthSpec(@jakarta.validation.constraints.NotNull
                             @Pattern(regexp = "(?i)fixed|uniform|normal|lognormal", message = "must be one of fixed, uniform, normal, lognormal")
                             String distribution,
                             @Min(1) @Max(1_048_576) Integer tokens,
                             @Min(1) @Max(1_048_576) Integer min,
                             @Min(1) @Max(1_048_576) Integer max,
                             @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                             @jakarta.validation.constraints.DecimalMax("1048576") Double mean,
                             @jakarta.validation.constraints.DecimalMin("0")
                             @jakarta.validation.constraints.DecimalMax("1048576") Double stddev,
                             @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false)
                             @jakarta.validation.constraints.DecimalMax("1048576") Double median,
                             @jakarta.validation.constraints.DecimalMin("0")
                             @jakarta.validation.constraints.DecimalMax("10") Double sigma) {
    }

    public static final int DEFAULT_MAX_BATCH_SEQUENCES = 256;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;
    public static final double DEFAULT_KV_CACHE_FRACTION = 0.9;
    public static final long DEFAULT_REQUEST_COUNT = 1000;

    /**
     * Tensor, pipeline and expert parallel degrees of one replica (defaults 1), and whether the tensor group runs
     * attention data-parallel (each GPU attends over its own share of the sequences, experts split by EP; MoE models
     * only; default false).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParallelismSpec(@Min(1) @Max(1024) Integer tensor, @Min(1) @Max(1024) Integer pipeline,
                                  @Min(1) @Max(1024) Integer expert, Boolean attentionDataParallel) {
        public ParallelismSpec(Integer tensor, Integer pipeline, Integer expert) {
            this(tensor, pipeline, expert, null);
        }
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
                                       message = "must be the id of an uploaded trace") String traceId,
                               @Valid ArrivalSpec arrival,
                               @Valid LengthSpec input,
                               @Valid LengthSpec output,
                               // closed loop instead of arrivalRate: users each waiting thinkSeconds (mean) between requests
                               @Min(1) @Max(1_000_000) Integer users,
                               @jakarta.validation.constraints.DecimalMin("0")
                               @jakarta.validation.constraints.DecimalMax("86400") Double thinkSeconds) {
        public WorkloadSpec(Double arrivalRate, Integer inputTokens, Integer outputTokens) {
            this(arrivalRate, inputTokens, outputTokens, null);
        }

        public WorkloadSpec(Double arrivalRate, Integer inputTokens, Integer outputTokens, String traceId) {
            this(arrivalRate, inputTokens, outputTokens, traceId, null, null, null, null, null);
        }

        WorkloadSpec withRate(double rate) {
            return new WorkloadSpec(rate, inputTokens, outputTokens, traceId, arrival, input, output, users,
                    thinkSeconds);
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

    public boolean attentionDataParallel() {
        return parallelism != null && Boolean.TRUE.equals(parallelism.attentionDataParallel());
    }

    public int replicasOrDefault() {
        if (replicas == null && disaggregation != null && disaggregation.prefillReplicas() != null
                && disaggregation.decodeReplicas() != null) {
            return disaggregation.prefillReplicas() + disaggregation.decodeReplicas();
        }
        return replicas == null ? 1 : replicas;
    }

    /** requestCount, or the arrivals expected over durationSeconds at arrivalRate, or the default. */
    public long requestCountOrDefault() {
        if (requestCount != null) {
            return requestCount;
        }
        if (durationSeconds != null && workload != null && workload.arrivalRate() != null) {
            return Math.max(1, (long) Math.ceil(durationSeconds * workload.arrivalRate() - 1e-9));
        }
        return DEFAULT_REQUEST_COUNT;
    }

    /** The field the request count comes from (for quota errors). */
    @JsonIgnore
    public String requestCountField() {
        return requestCount == null && durationSeconds != null ? "durationSeconds" : "requestCount";
    }

    /** The scenario form with every default filled in and the catalog revisions it was pinned to. */
    public SimulationRequest normalized(Integer pinnedModelRevision, Integer pinnedAcceleratorRevision) {
        BatchLimits b = new BatchLimits(
                batch == null || batch.maxBatchSequences() == null ? DEFAULT_MAX_BATCH_SEQUENCES : batch.maxBatchSequences(),
                batch == null || batch.maxBatchTokens() == null ? DEFAULT_MAX_BATCH_TOKENS : batch.maxBatchTokens(),
                batch == null || batch.kvCacheMemoryFraction() == null ? DEFAULT_KV_CACHE_FRACTION : batch.kvCacheMemoryFraction());
        return new SimulationRequest(name, acceleratorId, pinnedAcceleratorRevision, null, null, null, modelId,
                pinnedModelRevision, quantization == null ? "BF16" : quantization,
                new ParallelismSpec(tensor(), pipeline(), expert(), attentionDataParallel() ? Boolean.TRUE : null),
                replicasOrDefault(), b, workload, slo,
                requestCountOrDefault(), seed == null ? 0L : seed, shards == null || shards == 1 ? null : shards, model,
                accelerator, scheduler, routing, speculation, disaggregation, durationSeconds);
    }

    /** This (normalized) scenario with its speculation's draft model pinned to {@code revision}. */
    public SimulationRequest withDraftModelRevision(Integer revision) {
        return new SimulationRequest(name, acceleratorId, acceleratorRevision, modelParameters, weightPrecision,
                acceleratorCount, modelId, modelRevision, quantization, parallelism, replicas, batch, workload, slo,
                requestCount, seed, shards, model, accelerator, scheduler, routing, speculation.pinned(revision),
                disaggregation, durationSeconds);
    }

    public SimulationRequest withName(String newName) {
        return new SimulationRequest(newName, acceleratorId, acceleratorRevision, modelParameters, weightPrecision,
                acceleratorCount, modelId, modelRevision, quantization, parallelism, replicas, batch, workload, slo,
                requestCount, seed, shards, model, accelerator, scheduler, routing, speculation, disaggregation,
                durationSeconds);
    }

    /**
     * A sweep point: this (normalized) scenario with some dimensions replaced; {@code pointSpeculation} is the point's
     * speculation (null: none).
     */
    public SimulationRequest withPoint(String pointName, int tensor, int pipeline, int expert, int replicaCount,
                                       int maxBatchSequences, int maxBatchTokens, double arrivalRate,
                                       String quantizationScheme, SpeculationSpec pointSpeculation) {
        return new SimulationRequest(pointName, acceleratorId, acceleratorRevision, null, null, null, modelId,
                modelRevision, quantizationScheme,
                new ParallelismSpec(tensor, pipeline, expert, attentionDataParallel() ? Boolean.TRUE : null), replicaCount,
                new BatchLimits(maxBatchSequences, maxBatchTokens, batch.kvCacheMemoryFraction()),
                workload.withRate(arrivalRate), slo, requestCount, seed, null, model, accelerator, scheduler, routing,
                pointSpeculation, disaggregation, null);
    }

    /** This scenario replaying a trace with these summary figures and request count. */
    public SimulationRequest withTrace(double arrivalRate, int meanInput, int meanOutput, long requests) {
        return new SimulationRequest(name, acceleratorId, acceleratorRevision, modelParameters, weightPrecision,
                acceleratorCount, modelId, modelRevision, quantization, parallelism, replicas, batch,
                new WorkloadSpec(arrivalRate, meanInput, meanOutput, workload.traceId()), slo, requests, seed, shards,
                model, accelerator, scheduler, routing, speculation, disaggregation, durationSeconds);
    }

    @JsonIgnore
    public String traceId() {
        return workload == null ? null : workload.traceId();
    }

    public int shardsOrDefault() {
        return shards == null ? 1 : shards;
    }
}

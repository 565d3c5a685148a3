package io.tokenomics.simulator.engine.scheduler;

/**
 * How one replica batches requests.
 *
 * @param batching            continuous (iteration-level admission) or static (a batch runs until all its requests
 *                            finish before the next is admitted)
 * @param maxSequences        most sequences running at once (vLLM max_num_seqs, TensorRT-LLM max_batch_size)
 * @param maxBatchedTokens    token budget of one iteration (vLLM max_num_batched_tokens)
 * @param chunkedPrefill      Sarathi-style: every iteration runs all decodes and fills the rest of the token budget
 *                            with prefill chunks; without it an iteration is either whole prompts or decodes only, and
 *                            admissible prompts go first (vLLM v0 default)
 * @param blockSize           tokens per paged KV block
 * @param kvReservation       allocate KV blocks as tokens are produced, or reserve prompt + output at admission
 *                            (TensorRT-LLM's GUARANTEED_NO_EVICT: no preemption ever)
 * @param preemption          what happens to the newest running sequence when a decode step finds no free block
 * @param queueOrder          order in which waiting requests are admitted
 * @param prefixCaching       share KV blocks of identical prompt prefixes (block-level, LRU eviction of unused ones)
 * @param admissionWatermark  share of the KV blocks admission keeps free for running sequences to grow (vLLM: 0.01)
 * @param swapBytesPerSecond  host link bandwidth per GPU for swap preemption (PCIe 5 x16, ~ 50 GB/s bidirectional:
 *                            assumption 25 GB/s each way)
 */
public record SchedulerPolicy(Batching batching, int maxSequences, int maxBatchedTokens, boolean chunkedPrefill,
                              int blockSize, KvReservation kvReservation, Preemption preemption, QueueOrder queueOrder,
                              boolean prefixCaching, double admissionWatermark, double swapBytesPerSecond) {

    public enum Batching { CONTINUOUS, STATIC }

    public enum KvReservation { ON_DEMAND, FULL_SEQUENCE }

    public enum Preemption { RECOMPUTE, SWAP }

    public enum QueueOrder { FCFS, PRIORITY, SHORTEST_FIRST }

    /** vLLM-like defaults: continuous batching, chunked prefill, 256 sequences, 8192 tokens, 16-token blocks. */
    public static final SchedulerPolicy VLLM = new SchedulerPolicy(Batching.CONTINUOUS, 256, 8192, true, 16,
            KvReservation.ON_DEMAND, Preemption.RECOMPUTE, QueueOrder.FCFS, false, 0.01, 25e9);

    public SchedulerPolicy {
        if (maxSequences <= 0 || maxBatchedTokens <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("max sequences, max batched tokens and block size must be positive");
        }
        if (!(admissionWatermark >= 0 && admissionWatermark < 1) || !(swapBytesPerSecond > 0)) {
            throw new IllegalArgumentException("watermark in [0, 1), swap bandwidth positive");
        }
        if (batching == Batching.CONTINUOUS && chunkedPrefill && maxBatchedTokens < maxSequences) {
            throw new IllegalArgumentException("with chunked prefill the token budget (" + maxBatchedTokens
                    + ") must cover one decode token per sequence (" + maxSequences + ")");
        }
    }

    public SchedulerPolicy withMaxSequences(int n) {
        return new SchedulerPolicy(batching, n, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation, preemption,
                queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withMaxBatchedTokens(int n) {
        return new SchedulerPolicy(batching, maxSequences, n, chunkedPrefill, blockSize, kvReservation, preemption,
                queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withChunkedPrefill(boolean on) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, on, blockSize, kvReservation, preemption,
                queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withBatching(Batching b) {
        return new SchedulerPolicy(b, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation,
                preemption, queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withKvReservation(KvReservation r) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, r, preemption,
                queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withPreemption(Preemption p) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation,
                p, queueOrder, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withQueueOrder(QueueOrder q) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation,
                preemption, q, prefixCaching, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withPrefixCaching(boolean on) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation,
                preemption, queueOrder, on, admissionWatermark, swapBytesPerSecond);
    }

    public SchedulerPolicy withAdmissionWatermark(double w) {
        return new SchedulerPolicy(batching, maxSequences, maxBatchedTokens, chunkedPrefill, blockSize, kvReservation,
                preemption, queueOrder, prefixCaching, w, swapBytesPerSecond);
    }
}

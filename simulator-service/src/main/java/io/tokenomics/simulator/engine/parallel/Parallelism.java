package io.tokenomics.simulator.engine.parallel;

/**
 * How one model replica is split, and how many replicas serve. A replica uses {@code tensor x pipeline} GPUs; MoE
 * layers split their experts over {@code expert} GPUs of the tensor group (the remaining {@code tensor / expert}
 * GPUs slice each expert), so {@code expert} must divide {@code tensor}.
 *
 * <p>{@code attentionDataParallel}: the {@code tensor} GPUs of a stage do not slice attention; each runs attention
 * (and every other non-expert layer: dense MLPs, shared experts, embedding, LM head) with the full weights on its own
 * share of the replica's sequences and holds only their KV cache, while the routed experts stay split over the same
 * GPUs by expert (and expert-tensor) parallelism: an all-gather of the tokens before the experts and a
 * reduce-scatter of their outputs after (TensorRT-LLM's {@code enable_attention_dp}, SGLang's
 * {@code --enable-dp-attention}). Only meaningful for MoE models.
 */
public record Parallelism(int tensor, int pipeline, int expert, int dataReplicas, boolean attentionDataParallel) {
    public Parallelism {
        if (tensor <= 0 || pipeline <= 0 || expert <= 0 || dataReplicas <= 0) {
            throw new IllegalArgumentException("parallel degrees must be positive");
        }
        if (tensor % expert != 0) {
            throw new IllegalArgumentException("expert parallel degree " + expert + " must divide tensor degree " + tensor);
        }
    }

    /** Attention tensor-parallel over the {@code tensor} GPUs (no attention data parallelism). */
    public Parallelism(int tensor, int pipeline, int expert, int dataReplicas) {
        this(tensor, pipeline, expert, dataReplicas, false);
    }

    public static Parallelism single() {
        return new Parallelism(1, 1, 1, 1);
    }

    public static Parallelism tensor(int tp) {
        return new Parallelism(tp, 1, 1, 1);
    }

    public int gpusPerReplica() {
        return tensor * pipeline;
    }

    public int totalGpus() {
        return gpusPerReplica() * dataReplicas;
    }

    /** GPUs that slice one expert's FFN width. */
    public int expertTensor() {
        return tensor / expert;
    }

    /**
     * Ranks of a stage that each run attention on their own share of the sequences: {@code tensor} with attention
     * data parallelism, else 1 (one attention group sliced by heads).
     */
    public int attentionRanks() {
        return attentionDataParallel ? tensor : 1;
    }

    /** GPUs that slice attention heads and the non-expert layers: 1 with attention data parallelism, else tensor. */
    public int attentionTensor() {
        return attentionDataParallel ? 1 : tensor;
    }

    /** The same split with attention data parallelism switched on or off. */
    public Parallelism withAttentionDataParallel(boolean on) {
        return new Parallelism(tensor, pipeline, expert, dataReplicas, on);
    }
}

package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.MemoryPlanner;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.speculative.SpeculativeDecoding;

import java.util.List;

/**
 * Speculative decoding on every replica: per round a drafter proposes {@code draftTokens} tokens per decoding
 * sequence (k draft-model decode steps), the target verifies k + 1 positions per sequence in one iteration, and each
 * sequence keeps {@link #tokensPerStep()} tokens on average (part 1's {@link SpeculativeDecoding}, one acceptance rate
 * per position). The simulator still advances decoding sequences one token per iteration (KV blocks, finish steps and
 * metrics stay per token) and charges each iteration the round's decode cost divided by the expected tokens per round,
 * plus the full marginal cost of the prefill chunks in the batch. Acceptance is its expectation (no per-round
 * randomness). A drafter with weights takes memory on every GPU of the replica: its weights (without the embedding
 * and LM head when it shares the target's, as an MTP head does) and its KV cache for every token the target holds
 * ({@link #memoryPlan}); the k transient KV slots per sequence are not charged.
 *
 * @param draftModel              the drafter (run with the target's accelerator, precision and parallelism); null when
 *                                drafting costs nothing measurable (n-gram / prompt lookup)
 * @param sharesTargetEmbeddings  the drafter reads the target's embedding table and LM head instead of holding its own
 *                                (a DeepSeek-V3-style MTP module does; a separate draft model does not)
 * @param acceptanceByPosition    per-position acceptance {@code a_1..a_k} (a_i: the i-th draft token is accepted given
 *                                all before it were), or null for one rate {@code acceptance} at every position; when
 *                                given, {@code acceptance} is set to its mean (for labels only)
 */
public record Speculation(int draftTokens, double acceptance, ModelArchitecture draftModel,
                          boolean sharesTargetEmbeddings, List<Double> acceptanceByPosition) {
    public Speculation {
        if (draftTokens < 1 || draftTokens > 64) {
            throw new IllegalArgumentException("speculation.draftTokens must be between 1 and 64");
        }
        if (acceptanceByPosition != null) {
            if (acceptanceByPosition.size() != draftTokens) {
                throw new IllegalArgumentException("speculation.acceptanceByPosition needs one rate per draft token ("
                        + draftTokens + "), has " + acceptanceByPosition.size());
            }
            double sum = 0;
            for (Double a : acceptanceByPosition) {
                if (a == null || !(a >= 0 && a <= 1)) {
                    throw new IllegalArgumentException("speculation.acceptanceByPosition rates must be in [0, 1]");
                }
                sum += a;
            }
            acceptanceByPosition = List.copyOf(acceptanceByPosition);
            acceptance = sum / draftTokens;
        }
        if (!(acceptance >= 0 && acceptance <= 1)) {
            throw new IllegalArgumentException("speculation.acceptance must be in [0, 1]");
        }
        if (draftModel == null && sharesTargetEmbeddings) {
            throw new IllegalArgumentException("only a drafter with weights can share the target's embeddings");
        }
    }

    /** A separate draft model (its own embeddings and LM head), or free drafting when {@code draftModel} is null. */
    public Speculation(int draftTokens, double acceptance, ModelArchitecture draftModel) {
        this(draftTokens, acceptance, draftModel, false, null);
    }

    public Speculation(int draftTokens, double acceptance, ModelArchitecture draftModel,
                       boolean sharesTargetEmbeddings) {
        this(draftTokens, acceptance, draftModel, sharesTargetEmbeddings, null);
    }

    /** Drafting by the target's multi-token-prediction head ({@link #mtpHead}), which shares its embeddings. */
    public static Speculation mtp(int draftTokens, double acceptance, ModelArchitecture target) {
        return new Speculation(draftTokens, acceptance, mtpHead(target), true, null);
    }

    /**
     * Speculation with a per-position acceptance profile (as measured for EAGLE/Medusa-style drafters, whose later
     * draft tokens are accepted less often): one draft token per rate, drafted by {@code draftModel} (null: free).
     */
    public static Speculation byPosition(List<Double> acceptanceByPosition, ModelArchitecture draftModel,
                                         boolean sharesTargetEmbeddings) {
        return new Speculation(acceptanceByPosition.size(), 0, draftModel, sharesTargetEmbeddings,
                acceptanceByPosition);
    }

    /**
     * Expected tokens per sequence per target iteration: {@code 1 + sum_i prod_{j<=i} a_j}, which is
     * {@code (1 - a^(k+1)) / (1 - a)} for one rate.
     */
    public double tokensPerStep() {
        if (acceptanceByPosition == null) {
            return SpeculativeDecoding.expectedTokensPerStep(acceptance, draftTokens);
        }
        double[] profile = new double[draftTokens];
        for (int i = 0; i < draftTokens; i++) {
            profile[i] = acceptanceByPosition.get(i);
        }
        return SpeculativeDecoding.expectedTokensPerStep(profile);
    }

    /** A multi-token-prediction head as drafter: one transformer block of the target (DeepSeek-V3-style MTP). */
    public static ModelArchitecture mtpHead(ModelArchitecture target) {
        return new ModelArchitecture(target.name() + " MTP head", target.hiddenSize(), 1, target.attentionHeads(),
                target.kvHeads(), target.headDim(), target.denseIntermediateSize(), target.expertIntermediateSize(),
                target.vocabSize(), target.routedExperts(), target.sharedExperts(), target.expertsPerToken(), 0, 1,
                target.kvLoraRank(), target.qLoraRank(), target.qkNopeHeadDim(), target.qkRopeHeadDim(),
                target.vHeadDim(), 0, 0, target.tiedEmbeddings());
    }

    /** The drafter's serving configuration next to {@code target} (null without a draft model). */
    public ServingConfiguration draftServing(ServingConfiguration target) {
        if (draftModel == null) {
            return null;
        }
        var p = target.parallelism();
        return new ServingConfiguration(draftModel, target.accelerator(), target.quantization(),
                new io.tokenomics.simulator.engine.parallel.Parallelism(p.tensor(), 1, 1, p.dataReplicas()));
    }

    /**
     * The memory plan of a replica of {@code target} that also holds {@code speculation}'s drafter (the target's own
     * plan when {@code speculation} is null or drafts without weights).
     */
    public static MemoryPlan memoryPlan(ServingConfiguration target, ServingLimits limits, Speculation speculation) {
        if (speculation == null || speculation.draftModel() == null) {
            return MemoryPlanner.plan(target, limits);
        }
        return MemoryPlanner.plan(target, limits, speculation.draftServing(target),
                speculation.sharesTargetEmbeddings());
    }

    /** A short label for sweep point names. */
    public String label() {
        return "k=" + draftTokens + " a=" + (acceptanceByPosition == null ? String.valueOf(acceptance)
                : acceptanceByPosition.toString().replace(" ", "")) + (draftModel == null ? "" : " draft=" + draftModel.name());
    }
}

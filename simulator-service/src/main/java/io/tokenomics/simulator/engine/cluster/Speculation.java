package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.speculative.SpeculativeDecoding;

/**
 * Speculative decoding on every replica: per round a drafter proposes {@code draftTokens} tokens per decoding
 * sequence (k draft-model decode steps), the target verifies k + 1 positions per sequence in one iteration, and each
 * sequence keeps {@link #tokensPerStep()} tokens on average (part 1's {@link SpeculativeDecoding}, one acceptance rate
 * per position). The simulator still advances decoding sequences one token per iteration (KV blocks, finish steps and
 * metrics stay per token) and charges each iteration the round's decode cost divided by the expected tokens per round,
 * plus the full marginal cost of the prefill chunks in the batch. Acceptance is its expectation (no per-round
 * randomness), and the drafter's KV cache and the k transient KV slots per sequence are not charged to the KV budget.
 *
 * @param draftModel the drafter (run with the target's accelerator, precision and parallelism); null when drafting
 *                   costs nothing measurable (n-gram / prompt lookup)
 */
public record Speculation(int draftTokens, double acceptance, ModelArchitecture draftModel) {
    public Speculation {
        if (draftTokens < 1 || draftTokens > 64) {
            throw new IllegalArgumentException("speculation.draftTokens must be between 1 and 64");
        }
        if (!(acceptance >= 0 && acceptance <= 1)) {
            throw new IllegalArgumentException("speculation.acceptance must be in [0, 1]");
        }
    }

    /** Expected tokens per sequence per target iteration: {@code (1 - a^(k+1)) / (1 - a)}. */
    public double tokensPerStep() {
        return SpeculativeDecoding.expectedTokensPerStep(acceptance, draftTokens);
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

    /** A short label for sweep point names. */
    public String label() {
        return "k=" + draftTokens + " a=" + acceptance + (draftModel == null ? "" : " draft=" + draftModel.name());
    }
}

package io.tokenomics.simulator.engine.speculative;

import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.PerformanceModel;

/**
 * Speculative decoding: a drafter proposes {@code k} tokens, the target scores k + 1 positions in one iteration and
 * keeps the accepted prefix plus one token of its own. With per-position acceptance probabilities
 * {@code a_1..a_k} (a_i: the i-th draft is accepted given all before it were), the expected tokens per target step
 * are {@code 1 + sum_i prod_{j<=i} a_j}; with one rate {@code a} this is {@code (1 - a^(k+1)) / (1 - a)}.
 */
public final class SpeculativeDecoding {
    private SpeculativeDecoding() {
    }

    public static double expectedTokensPerStep(double[] acceptanceByPosition) {
        double expected = 1;
        double prefix = 1;
        for (double a : acceptanceByPosition) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("acceptance probabilities must be in [0, 1]");
            }
            prefix *= a;
            expected += prefix;
        }
        return expected;
    }

    public static double expectedTokensPerStep(double acceptance, int draftTokens) {
        double[] profile = new double[draftTokens];
        java.util.Arrays.fill(profile, acceptance);
        return expectedTokensPerStep(profile);
    }

    /**
     * @param draftStepSeconds    time of one draft step for the batch (a draft-model iteration, or an MTP head)
     * @param verifySeconds       target iteration scoring k + 1 tokens per sequence
     * @param plainStepSeconds    target iteration producing one token per sequence without speculation
     * @param tokensPerStep       expected tokens per sequence per target step
     */
    public record Estimate(int draftTokens, double tokensPerStep, double draftStepSeconds, double verifySeconds,
                           double plainStepSeconds) {
        /** Wall time of one speculative round: k draft steps, then the verification. */
        public double roundSeconds() {
            return draftTokens * draftStepSeconds + verifySeconds;
        }

        public double secondsPerToken() {
            return roundSeconds() / tokensPerStep;
        }

        /** Per-sequence decode speedup (latency); above 1 when speculation pays. */
        public double speedup() {
            return plainStepSeconds / secondsPerToken();
        }
    }

    /**
     * Speculation for a uniform decode batch: {@code sequences} sequences at {@code context} tokens, draft costs from
     * {@code draft} (a smaller model's performance model; for MTP heads pass a one-layer model of the target's width).
     */
    public static Estimate estimate(PerformanceModel target, PerformanceModel draft, int sequences, long context,
                                    double[] acceptanceByPosition) {
        int k = acceptanceByPosition.length;
        double plain = target.iteration(target.newBatch().addDecodes(sequences, context).build()).seconds();
        BatchShape.Builder verify = target.newBatch();
        for (int i = 0; i < sequences; i++) {
            verify.addDecode(context, k + 1);
        }
        double verifySeconds = target.iteration(verify.build()).seconds();
        double draftStep = draft.iteration(draft.newBatch().addDecodes(sequences, context).build()).seconds();
        return new Estimate(k, expectedTokensPerStep(acceptanceByPosition), draftStep, verifySeconds, plain);
    }
}

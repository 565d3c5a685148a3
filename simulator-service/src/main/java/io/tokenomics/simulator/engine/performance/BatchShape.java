package io.tokenomics.simulator.engine.performance;

/**
 * One engine iteration's work, aggregated into sums so its cost needs no per-sequence objects: prefill chunks (new
 * tokens on top of a prior context) and decode sequences (one new token, or several when verifying speculation, over
 * the tokens already cached). Context sums are also kept clipped to the model's sliding window.
 *
 * @param prefillAttentionPairs   sum over prefill chunks of new x (prior + (new + 1) / 2): query-key pairs (causal)
 * @param prefillContextTokens    sum over prefill chunks of prior + new (KV tokens the chunk reads)
 * @param decodeAttentionPairs    the same pairs for decode sequences
 * @param decodeContextTokens     sum over decode sequences of the cached tokens each reads
 */
public record BatchShape(int prefillSequences, long prefillTokens, double prefillAttentionPairs,
                         double prefillAttentionPairsInWindow, double prefillContextTokens,
                         double prefillContextTokensInWindow, int decodeSequences, long decodeTokens,
                         double decodeAttentionPairs, double decodeAttentionPairsInWindow,
                         double decodeContextTokens, double decodeContextTokensInWindow) {

    public long tokens() {
        return prefillTokens + decodeTokens;
    }

    public int sequences() {
        return prefillSequences + decodeSequences;
    }

    public boolean isEmpty() {
        return tokens() == 0;
    }

    /** {@code sequences} decode sequences each reading {@code context} cached tokens (no sliding window). */
    public static BatchShape uniformDecode(int sequences, long context) {
        return builder(0).addDecodes(sequences, context).build();
    }

    /** {@code sequences} whole prompts of {@code tokens} each (no prior context, no sliding window). */
    public static BatchShape uniformPrefill(int sequences, int tokens) {
        Builder b = builder(0);
        for (int i = 0; i < sequences; i++) {
            b.addPrefillChunk(tokens, 0);
        }
        return b.build();
    }

    /** @param slidingWindow the model's window (0: none), so window-clipped sums are kept as well */
    public static Builder builder(int slidingWindow) {
        return new Builder(slidingWindow);
    }

    /** Accumulates sequences; reusable after {@link #reset()}. Not thread-safe: one per simulation thread. */
    public static final class Builder {
        private final int window;
        private int prefillSequences;
        private long prefillTokens;
        private double prefillPairs;
        private double prefillPairsWindow;
        private double prefillContext;
        private double prefillContextWindow;
        private int decodeSequences;
        private long decodeTokens;
        private double decodePairs;
        private double decodePairsWindow;
        private double decodeContext;
        private double decodeContextWindow;

        private Builder(int slidingWindow) {
            if (slidingWindow < 0) {
                throw new IllegalArgumentException("sliding window must be >= 0");
            }
            this.window = slidingWindow;
        }

        public Builder reset() {
            prefillSequences = decodeSequences = 0;
            prefillTokens = decodeTokens = 0;
            prefillPairs = prefillPairsWindow = prefillContext = prefillContextWindow = 0;
            decodePairs = decodePairsWindow = decodeContext = decodeContextWindow = 0;
            return this;
        }

        /** A prefill chunk of {@code newTokens} after {@code priorContext} tokens already cached. */
        public Builder addPrefillChunk(int newTokens, long priorContext) {
            check(newTokens, priorContext);
            prefillSequences++;
            prefillTokens += newTokens;
            prefillPairs += pairs(newTokens, priorContext, 0);
            prefillPairsWindow += pairs(newTokens, priorContext, window);
            prefillContext += priorContext + newTokens;
            prefillContextWindow += window > 0 ? Math.min(window, priorContext + newTokens) : priorContext + newTokens;
            return this;
        }

        /** One decode sequence producing one token over {@code context} cached tokens. */
        public Builder addDecode(long context) {
            return addDecode(context, 1);
        }

        /** A decode sequence scoring {@code newTokens} at once (speculative verification: k drafts + 1). */
        public Builder addDecode(long context, int newTokens) {
            check(newTokens, context);
            decodeSequences++;
            decodeTokens += newTokens;
            decodePairs += pairs(newTokens, context, 0);
            decodePairsWindow += pairs(newTokens, context, window);
            decodeContext += context + newTokens;
            decodeContextWindow += window > 0 ? Math.min(window, context + newTokens) : context + newTokens;
            return this;
        }

        /**
         * {@code sequences} decode sequences of one new token each whose cached contexts sum to {@code contextSum}:
         * the same sums as calling {@link #addDecode(long)} for each, in O(1). Only for models without a sliding
         * window (clipping needs each sequence's context).
         */
        public Builder addDecodeSequences(int sequences, double contextSum) {
            if (window > 0) {
                throw new IllegalStateException("a sliding-window model needs each decode sequence's context");
            }
            if (sequences < 0 || contextSum < 0) {
                throw new IllegalArgumentException("sequences and context must be non-negative");
            }
            decodeSequences += sequences;
            decodeTokens += sequences;
            double keys = contextSum + sequences;
            decodePairs += keys;
            decodePairsWindow += keys;
            decodeContext += keys;
            decodeContextWindow += keys;
            return this;
        }

        public Builder addDecodes(int sequences, long context) {
            return addDecodes(sequences, context, 1);
        }

        /** {@code sequences} decode sequences at {@code context}, each scoring {@code newTokens} at once. */
        public Builder addDecodes(int sequences, long context, int newTokens) {
            for (int i = 0; i < sequences; i++) {
                addDecode(context, newTokens);
            }
            return this;
        }

        // package-private views of the sums, for PerformanceModel's allocation-free path
        int prefillSequences() {
            return prefillSequences;
        }

        long prefillTokens() {
            return prefillTokens;
        }

        double prefillPairs() {
            return prefillPairs;
        }

        double prefillPairsWindow() {
            return prefillPairsWindow;
        }

        double prefillContext() {
            return prefillContext;
        }

        double prefillContextWindow() {
            return prefillContextWindow;
        }

        int decodeSequences() {
            return decodeSequences;
        }

        long decodeTokens() {
            return decodeTokens;
        }

        double decodePairs() {
            return decodePairs;
        }

        double decodePairsWindow() {
            return decodePairsWindow;
        }

        double decodeContext() {
            return decodeContext;
        }

        double decodeContextWindow() {
            return decodeContextWindow;
        }

        public BatchShape build() {
            return new BatchShape(prefillSequences, prefillTokens, prefillPairs, prefillPairsWindow, prefillContext,
                    prefillContextWindow, decodeSequences, decodeTokens, decodePairs, decodePairsWindow,
                    decodeContext, decodeContextWindow);
        }

        private static void check(int newTokens, long context) {
            if (newTokens <= 0 || context < 0) {
                throw new IllegalArgumentException("new tokens must be positive and context non-negative");
            }
        }

        /** Query-key pairs of a causal chunk: each new token i (1-based) sees prior + i keys (clipped to window). */
        static double pairs(int newTokens, long prior, int window) {
            double n = newTokens;
            if (window <= 0 || prior + newTokens <= window) {
                return n * (prior + (n + 1) / 2.0);
            }
            // tokens whose full history is within the window, then the rest see exactly `window` keys
            double unclipped = Math.max(0, Math.min(n, window - prior));
            double head = unclipped * (prior + (unclipped + 1) / 2.0);
            return head + (n - unclipped) * window;
        }
    }
}

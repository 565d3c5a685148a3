package io.tokenomics.simulator.engine.memory;

import java.util.Locale;

/**
 * Memory of the most loaded GPU of one replica. Bytes are per GPU; {@code maxKvTokens} is what the replica holds.
 *
 * @param weightBytesPerGpu      weights of the model and of its speculative drafter, if any
 * @param kvBytesPerToken        KV bytes per token of the model plus the drafter's cache of the same token
 * @param shortfallBytes         how many bytes per GPU are missing for the configuration to fit (0 when it fits)
 * @param draftWeightBytesPerGpu the drafter's share of {@code weightBytesPerGpu} (0 without one)
 */
public record MemoryPlan(double memoryBytes, double weightBytesPerGpu, double kvBytesPerToken,
                         double activationWorkspaceBytes, double frameworkReserveBytes, double kvCacheBytes,
                         long maxKvTokens, long minKvTokens, double shortfallBytes, double draftWeightBytesPerGpu) {

    public boolean fits() {
        return shortfallBytes <= 0;
    }

    /** Sequences of {@code tokensPerSequence} (prompt + output) the KV cache holds at once. */
    public long maxSequences(long tokensPerSequence) {
        return tokensPerSequence <= 0 ? 0 : maxKvTokens / tokensPerSequence;
    }

    /** A sentence for a person: what fits, or by how much it does not. */
    public String explanation() {
        String weights = draftWeightBytesPerGpu > 0
                ? String.format(Locale.ROOT, "%.1f GiB weights (%.1f GiB of them the drafter's)", gib(weightBytesPerGpu),
                gib(draftWeightBytesPerGpu))
                : String.format(Locale.ROOT, "%.1f GiB weights", gib(weightBytesPerGpu));
        if (fits()) {
            return String.format(Locale.ROOT, "fits: %s + %.1f GiB workspace + %.1f GiB reserve per GPU, "
                            + "%.1f GiB KV cache = %d tokens at %.0f B/token", weights,
                    gib(activationWorkspaceBytes), gib(frameworkReserveBytes), gib(kvCacheBytes), maxKvTokens,
                    kvBytesPerToken);
        }
        return String.format(Locale.ROOT, "does not fit: needs %.1f GiB per GPU (%s + %.1f GiB workspace "
                        + "+ %.1f GiB reserve + KV for %d tokens), has %.1f GiB: short by %.1f GiB per GPU",
                gib(memoryBytes + shortfallBytes), weights, gib(activationWorkspaceBytes),
                gib(frameworkReserveBytes), minKvTokens, gib(memoryBytes), gib(shortfallBytes));
    }

    /** Throws {@link ConfigurationDoesNotFitException} when the configuration does not fit. */
    public MemoryPlan requireFits() {
        if (!fits()) {
            throw new ConfigurationDoesNotFitException(this);
        }
        return this;
    }

    private static double gib(double bytes) {
        return bytes / ServingLimits.GIB;
    }

    public static final class ConfigurationDoesNotFitException extends RuntimeException {
        private final transient MemoryPlan plan;

        public ConfigurationDoesNotFitException(MemoryPlan plan) {
            super(plan.explanation());
            this.plan = plan;
        }

        public MemoryPlan plan() {
            return plan;
        }
    }
}

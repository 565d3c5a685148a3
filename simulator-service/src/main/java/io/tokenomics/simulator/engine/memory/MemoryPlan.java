package io.tokenomics.simulator.engine.memory;

import java.util.Locale;

/**
 * Memory of the most loaded GPU of one replica. Bytes are per GPU; {@code maxKvTokens} is what the replica holds.
 *
 * @param shortfallBytes how many bytes per GPU are missing for the configuration to fit (0 when it fits)
 */
public record MemoryPlan(double memoryBytes, double weightBytesPerGpu, double kvBytesPerToken,
                         double activationWorkspaceBytes, double frameworkReserveBytes, double kvCacheBytes,
                         long maxKvTokens, long minKvTokens, double shortfallBytes) {

    public boolean fits() {
        return shortfallBytes <= 0;
    }

    /** Sequences of {@code tokensPerSequence} (prompt + output) the KV cache holds at once. */
    public long maxSequences(long tokensPerSequence) {
        return tokensPerSequence <= 0 ? 0 : maxKvTokens / tokensPerSequence;
    }

    /** A sentence for a person: what fits, or by how much it does not. */
    public String explanation() {
        if (fits()) {
            return String.format(Locale.ROOT, "fits: %.1f GiB weights + %.1f GiB workspace + %.1f GiB reserve per GPU, "
                            + "%.1f GiB KV cache = %d tokens at %.0f B/token", gib(weightBytesPerGpu),
                    gib(activationWorkspaceBytes), gib(frameworkReserveBytes), gib(kvCacheBytes), maxKvTokens,
                    kvBytesPerToken);
        }
        return String.format(Locale.ROOT, "does not fit: needs %.1f GiB per GPU (%.1f GiB weights + %.1f GiB workspace "
                        + "+ %.1f GiB reserve + KV for %d tokens), has %.1f GiB: short by %.1f GiB per GPU",
                gib(memoryBytes + shortfallBytes), gib(weightBytesPerGpu), gib(activationWorkspaceBytes),
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

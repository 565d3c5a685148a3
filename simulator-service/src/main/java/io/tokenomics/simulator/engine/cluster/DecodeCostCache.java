package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.PerformanceModel;

/**
 * A memo of decode-only iteration costs of one run, keyed by the batch's exact shape (sequence count, sum of cached
 * contexts), for models without a sliding window. {@link PerformanceModel#iteration(BatchShape.Builder,
 * PerformanceModel.Step)} is a pure function of those two numbers for such a batch, so a hit returns the very doubles
 * a call would compute (results stay bit-identical). Light-load replicas run the same few-sequence shapes again and
 * again (every request passes through the same context lengths), where this saves most of the cost model's work.
 *
 * <p>Direct-mapped (a collision overwrites), bounded memory ({@value #ENTRIES} entries of one cache line), one per
 * run and shared by its replicas (they run the same model); not thread-safe.
 */
final class DecodeCostCache {
    static final int ENTRIES = 1 << 14;
    private static final int STRIDE = 8;
    /** Per entry: key count + 1 (0 = empty), key context sum, seconds, stage interval, low, high, energy (raw bits). */
    private final long[] slots = new long[ENTRIES * STRIDE];
    /** Lookups per trial window; a window with fewer than a quarter hits switches the cache off for the run. */
    static final int WINDOW = 8192;
    private long hits;
    private long misses;
    private int windowLookups;
    private int windowHits;
    private boolean enabled = true;

    /**
     * Whether lookups still pay: busy replicas (large batches whose context sum never repeats) miss almost always, and
     * then a lookup is only an extra cache miss; such runs stop using the memo after one window (the figures are the
     * same either way).
     */
    boolean enabled() {
        return enabled;
    }

    /** Looks the shape up; on a hit copies the cached figures into {@code out} and returns true. */
    boolean lookup(int sequences, long contextSum, Cost out) {
        if (++windowLookups == WINDOW) {
            enabled = 4 * windowHits >= WINDOW;
            windowLookups = 0;
            windowHits = 0;
        }
        int i = index(sequences, contextSum);
        long[] s = slots;
        if (s[i] == sequences + 1L && s[i + 1] == contextSum) {
            out.seconds = Double.longBitsToDouble(s[i + 2]);
            out.stageIntervalSeconds = Double.longBitsToDouble(s[i + 3]);
            out.lowSeconds = Double.longBitsToDouble(s[i + 4]);
            out.highSeconds = Double.longBitsToDouble(s[i + 5]);
            out.energyJoules = Double.longBitsToDouble(s[i + 6]);
            hits++;
            windowHits++;
            return true;
        }
        misses++;
        return false;
    }

    void store(int sequences, long contextSum, Cost c) {
        int i = index(sequences, contextSum);
        long[] s = slots;
        s[i] = sequences + 1L;
        s[i + 1] = contextSum;
        s[i + 2] = Double.doubleToRawLongBits(c.seconds);
        s[i + 3] = Double.doubleToRawLongBits(c.stageIntervalSeconds);
        s[i + 4] = Double.doubleToRawLongBits(c.lowSeconds);
        s[i + 5] = Double.doubleToRawLongBits(c.highSeconds);
        s[i + 6] = Double.doubleToRawLongBits(c.energyJoules);
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    private static int index(int sequences, long contextSum) {
        long h = (contextSum * 0x9E3779B97F4A7C15L) ^ (sequences * 0xC2B2AE3D27D4EB4FL);
        return (int) ((h ^ (h >>> 29)) & (ENTRIES - 1)) * STRIDE;
    }

    /** The figures of one iteration that a replica uses. */
    static final class Cost {
        double seconds;
        double stageIntervalSeconds;
        double lowSeconds;
        double highSeconds;
        double energyJoules;

        void copy(Cost c) {
            seconds = c.seconds;
            stageIntervalSeconds = c.stageIntervalSeconds;
            lowSeconds = c.lowSeconds;
            highSeconds = c.highSeconds;
            energyJoules = c.energyJoules;
        }

        void clear() {
            seconds = stageIntervalSeconds = lowSeconds = highSeconds = energyJoules = 0;
        }

        void set(PerformanceModel.Step step) {
            seconds = step.seconds();
            stageIntervalSeconds = step.stageIntervalSeconds();
            lowSeconds = step.lowSeconds();
            highSeconds = step.highSeconds();
            energyJoules = step.energyJoules();
        }
    }
}

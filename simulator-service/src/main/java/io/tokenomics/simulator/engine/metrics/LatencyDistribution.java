package io.tokenomics.simulator.engine.metrics;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * A latency distribution recorded in microseconds in an HdrHistogram (3 significant digits, auto-resizing), with an
 * exact running sum for the mean. Mergeable: distributions of shards or replicas add up. {@link #encode()} /
 * {@link #decode(String)} carry one between processes (HdrHistogram's compressed encoding, Base64), so shards of one
 * run computed on different workers merge into exactly the histogram one run over all their samples would hold.
 */
public final class LatencyDistribution {
    private static final int FORMAT = 1;
    private static final ThreadLocal<List<LatencyDistribution>> CAPTURING = new ThreadLocal<>();

    private final Histogram histogram;
    private double sumSeconds;
    private long count;

    public LatencyDistribution() {
        this(new Histogram(3));
        List<LatencyDistribution> capturing = CAPTURING.get();
        if (capturing != null) {
            capturing.add(this);
        }
    }

    private LatencyDistribution(Histogram histogram) {
        this.histogram = histogram;
        histogram.setAutoResize(true);
    }

    public void record(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("latency must be >= 0, was " + seconds);
        }
        histogram.recordValue(Math.round(seconds * 1e6));
        sumSeconds += seconds;
        count++;
    }

    public void merge(LatencyDistribution other) {
        histogram.add(other.histogram);
        sumSeconds += other.sumSeconds;
        count += other.count;
    }

    public long count() {
        return count;
    }

    public double meanSeconds() {
        return count == 0 ? Double.NaN : sumSeconds / count;
    }

    public double percentileSeconds(double p) {
        return count == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1e6;
    }

    public LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, meanSeconds(), percentileSeconds(50), percentileSeconds(90),
                percentileSeconds(95), percentileSeconds(99), histogram.getMaxValue() / 1e6);
    }

    /** Percentile of the raw histogram, in microseconds (what the summaries are computed from). */
    public long percentileMicros(double p) {
        return histogram.getValueAtPercentile(p);
    }

    /** One bucket of {@link #logBuckets}: values in [lower, upper] seconds (upper exclusive but for the last). */
    public record Bucket(double lowerSeconds, double upperSeconds, long count) {
    }

    /**
     * The distribution as {@code buckets} log-spaced buckets from the smallest to the largest recorded value (as the
     * histogram holds them: 3 significant digits), empty leading and trailing buckets dropped. Every recorded value
     * is in exactly one bucket, so the counts add up to {@link #count()}. Empty when nothing was recorded.
     */
    public List<Bucket> logBuckets(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1");
        }
        if (histogram.getTotalCount() == 0) {
            return List.of();
        }
        // microseconds; a 0 (e.g. no wait) counts in the first bucket, whose lower bound is at least 1 us
        double lo = Math.max(1, histogram.lowestEquivalentValue(histogram.getMinValue()));
        double hi = Math.max(lo + 1, histogram.highestEquivalentValue(histogram.getMaxValue()));
        double ratio = Math.log(hi / lo);
        long[] counts = new long[buckets];
        for (var v : histogram.recordedValues()) {
            // the middle of the histogram's own bucket, which never straddles more than it must
            double value = histogram.medianEquivalentValue(v.getValueIteratedTo());
            int i = value <= lo ? 0 : (int) Math.floor(Math.log(value / lo) / ratio * buckets);
            counts[Math.max(0, Math.min(buckets - 1, i))] += v.getCountAtValueIteratedTo();
        }
        int first = 0;
        while (counts[first] == 0) {
            first++;
        }
        int last = buckets - 1;
        while (counts[last] == 0) {
            last--;
        }
        List<Bucket> out = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            double lower = i == 0 ? lo : lo * Math.exp(ratio * i / buckets);
            double upper = i == buckets - 1 ? hi : lo * Math.exp(ratio * (i + 1) / buckets);
            out.add(new Bucket(lower / 1e6, upper / 1e6, counts[i]));
        }
        return out;
    }

    /** A copy that later recordings into this one do not change. */
    public LatencyDistribution copy() {
        LatencyDistribution copy = new LatencyDistribution(histogram.copy());
        copy.sumSeconds = sumSeconds;
        copy.count = count;
        return copy;
    }

    /** Count, exact sum and the compressed histogram, Base64: what {@link #decode} reads back. */
    public String encode() {
        ByteBuffer compressed = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(compressed);
        ByteBuffer out = ByteBuffer.allocate(4 + 8 + 8 + length);
        out.putInt(FORMAT).putLong(count).putDouble(sumSeconds).put(compressed.array(), 0, length);
        return Base64.getEncoder().encodeToString(out.array());
    }

    /** @throws IllegalArgumentException when {@code encoded} is not what {@link #encode} wrote */
    public static LatencyDistribution decode(String encoded) {
        int format;
        long count;
        double sum;
        Histogram histogram;
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
            format = in.getInt();
            count = in.getLong();
            sum = in.getDouble();
            // a buffer of its own: HdrHistogram inflates from the backing array, ignoring a slice's offset
            byte[] compressed = new byte[in.remaining()];
            in.get(compressed);
            histogram = format == FORMAT ? Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0) : null;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded latency distribution: " + e, e);
        }
        if (histogram == null) {
            throw new IllegalArgumentException("unknown latency distribution format " + format);
        }
        if (histogram.getTotalCount() != count) {
            throw new IllegalArgumentException("encoded latency distribution holds " + histogram.getTotalCount()
                    + " values but says " + count);
        }
        LatencyDistribution d = new LatencyDistribution(histogram);
        d.count = count;
        d.sumSeconds = sum;
        return d;
    }

    /**
     * Collects every distribution created on this thread until closed - how a caller gets at the distributions a run
     * recorded into (in creation order) without the run handing them out.
     */
    public static Capture capture() {
        if (CAPTURING.get() != null) {
            throw new IllegalStateException("already capturing on this thread");
        }
        Capture capture = new Capture(new ArrayList<>());
        CAPTURING.set(capture.distributions);
        return capture;
    }

    /** Distributions created on one thread while open, in creation order. */
    public static final class Capture implements AutoCloseable {
        private final List<LatencyDistribution> distributions;

        private Capture(List<LatencyDistribution> distributions) {
            this.distributions = distributions;
        }

        public List<LatencyDistribution> distributions() {
            return List.copyOf(distributions);
        }

        @Override
        public void close() {
            CAPTURING.remove();
        }
    }
}

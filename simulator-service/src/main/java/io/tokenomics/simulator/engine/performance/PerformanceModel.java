package io.tokenomics.simulator.engine.performance;

import io.tokenomics.simulator.engine.energy.PowerModel;
import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.memory.MemoryPlanner;
import io.tokenomics.simulator.engine.memory.ServingLimits;
import io.tokenomics.simulator.engine.model.ModelArchitecture;
import io.tokenomics.simulator.engine.model.Precision;
import io.tokenomics.simulator.engine.parallel.CollectiveModel;
import io.tokenomics.simulator.engine.parallel.Parallelism;
import io.tokenomics.simulator.engine.parallel.ShardPlan;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator-level cost of one engine iteration for a {@link ServingConfiguration}: what part 2's request-level
 * simulator calls once per iteration. Each layer is decomposed into its operators (projections, attention, MLP or
 * MoE experts, norms/activations, collectives); each operator's time comes from {@link KernelTimeModel}.
 *
 * <p>Costs that depend only on the iteration's token count (all linear layers, elementwise work, collectives) are
 * cached per token count; attention is computed from the batch's aggregated context sums. Thread-safe: the only
 * state besides immutable inputs is a concurrent memo of pure functions.
 */
public final class PerformanceModel {
    private static final int F = OperatorFamily.VALUES.length;
    private static final int GEMM = OperatorFamily.GEMM.ordinal();
    private static final int MOE = OperatorFamily.MOE_GEMM.ordinal();
    private static final int DECODE = OperatorFamily.ATTENTION_DECODE.ordinal();
    private static final int PREFILL = OperatorFamily.ATTENTION_PREFILL.ordinal();
    private static final int ELEMENTWISE = OperatorFamily.ELEMENTWISE.ordinal();
    private static final int COLLECTIVE = OperatorFamily.COLLECTIVE.ordinal();

    private final ServingConfiguration config;
    private final ModelArchitecture model;
    private final KernelTimeModel kernels;
    private final ShardPlan shard;
    private final CollectiveModel collectives;
    private final PowerModel power;
    private final Precision weights;
    private final Precision activations;
    private final double activationCeiling;
    private final double bf16Ceiling;
    private final double overhead;
    private final double kvBytesPerTokenPerLayer;
    private final double decodeFlopsPerPairPerLayer;
    private final double prefillFlopsPerPairPerLayer;
    private final int fullAttentionLayers;
    private final int slidingLayers;
    private final int pipeline;
    private final int gpusPerReplica;
    /** Ranks that each attend over their own share of the sequences (attention data parallelism), else 1. */
    private final int attentionRanks;
    private final double memoryBandwidth;
    private final ResidualBand[] bands = new ResidualBand[F];
    /** Per family {@code 1 + p90} and {@code 1 + p10}: the divisors of {@link ResidualBand}'s low and high times. */
    private final double[] lowDivisor = new double[F];
    private final double[] highDivisor = new double[F];
    /** Attention data parallelism: layer costs keyed by (busiest rank's tokens << 32 | the group's tokens). */
    /**
     * Lock-free front of the two memos for small counts (the request-level simulator calls {@link #iteration} millions
     * of times). Racy reads are safe: TokenCost is immutable with final fields, a miss just consults the map.
     */
    private static final int DIRECT_MEMO = 1 << 14;
    /** The memos, shared by every model of the same cost-relevant inputs (see {@link Memos#of}). */
    private final Memos memos;

    public PerformanceModel(ServingConfiguration config, KernelProfile profile, PowerModel power) {
        this.config = config;
        this.model = config.model();
        this.kernels = new KernelTimeModel(config.accelerator(), profile);
        this.shard = ShardPlan.of(model, config.parallelism());
        Parallelism p = config.parallelism();
        this.pipeline = p.pipeline();
        this.gpusPerReplica = p.gpusPerReplica();
        this.attentionRanks = p.attentionRanks();
        this.memoryBandwidth = config.accelerator().memoryBandwidth();
        this.collectives = p.gpusPerReplica() > 1 ? CollectiveModel.forLink(config.accelerator().scaleUpBandwidth()) : null;
        this.power = power;
        this.weights = config.quantization().weights();
        this.activations = config.accelerator().effectiveComputePrecision(config.quantization().activations());
        this.activationCeiling = kernels.matmulCeiling(activations);
        this.bf16Ceiling = kernels.matmulCeiling(Precision.BF16);
        this.overhead = kernels.servingOverheadSeconds();
        double kvPrecisionBytes = config.quantization().kvCache().bytesPerValue();
        this.kvBytesPerTokenPerLayer = model.usesMla()
                ? model.kvValuesPerTokenPerLayer() * kvPrecisionBytes
                : 2.0 * shard.kvHeadsPerGpu() * model.headDim() * kvPrecisionBytes;
        double heads = shard.queryHeadsPerGpu();
        this.prefillFlopsPerPairPerLayer = heads * 2.0 * (model.queryKeyHeadDim() + model.valueHeadDim());
        this.decodeFlopsPerPairPerLayer = model.usesMla()
                ? heads * 2.0 * (2.0 * model.kvLoraRank() + model.qkRopeHeadDim())
                : prefillFlopsPerPairPerLayer;
        this.slidingLayers = model.slidingWindow() > 0 ? model.slidingWindowLayers() : 0;
        this.fullAttentionLayers = model.layers() - slidingLayers;
        this.memos = Memos.of(config, profile, power);
        for (OperatorFamily f : OperatorFamily.VALUES) {
            bands[f.ordinal()] = profile.residual(f);
            lowDivisor[f.ordinal()] = 1 + bands[f.ordinal()].p90();
            highDivisor[f.ordinal()] = 1 + bands[f.ordinal()].p10();
        }
    }

    /** With the default (H100-fitted) kernel profile and the accelerator's default power model. */
    public static PerformanceModel of(ServingConfiguration config) {
        return new PerformanceModel(config, KernelProfile.loadDefault(), PowerModel.forAccelerator(config.accelerator()));
    }

    public static PerformanceModel of(ServingConfiguration config, KernelProfile profile) {
        return new PerformanceModel(config, profile, PowerModel.forAccelerator(config.accelerator()));
    }

    public ServingConfiguration configuration() {
        return config;
    }

    public KernelTimeModel kernels() {
        return kernels;
    }

    public MemoryPlan memoryPlan(ServingLimits limits) {
        return MemoryPlanner.plan(config, limits);
    }

    /** A batch builder that also keeps this model's sliding-window sums. */
    public BatchShape.Builder newBatch() {
        return BatchShape.builder(model.slidingWindow());
    }

    public IterationCost iteration(BatchShape batch) {
        Step out = new Step();
        double[] family = new double[F];
        evaluate(batch.prefillSequences(), batch.prefillTokens(), batch.prefillAttentionPairs(),
                batch.prefillAttentionPairsInWindow(), batch.prefillContextTokens(),
                batch.prefillContextTokensInWindow(), batch.decodeSequences(), batch.decodeTokens(),
                batch.decodeAttentionPairs(), batch.decodeAttentionPairsInWindow(), batch.decodeContextTokens(),
                batch.decodeContextTokensInWindow(), family, out, true);
        return new IterationCost(out.seconds, out.stageIntervalSeconds, out.lowSeconds, out.highSeconds,
                out.prefillSeconds, out.decodeSeconds, out.energyJoules, out.watts, out.flopsPerGpu, out.bytesPerGpu,
                batch.prefillTokens(), batch.decodeTokens(), family);
    }

    /**
     * The same prediction as {@link #iteration(BatchShape)} (bit for bit) straight from a builder into a reusable
     * {@link Step}, without allocating: the request-level simulator's per-iteration path.
     */
    public void iteration(BatchShape.Builder batch, Step out) {
        double[] family = out.family; // evaluate assigns every entry before adding to any
        evaluate(batch.prefillSequences(), batch.prefillTokens(), batch.prefillPairs(), batch.prefillPairsWindow(),
                batch.prefillContext(), batch.prefillContextWindow(), batch.decodeSequences(), batch.decodeTokens(),
                batch.decodePairs(), batch.decodePairsWindow(), batch.decodeContext(), batch.decodeContextWindow(),
                family, out, false);
    }

    /** A reusable result of {@link #iteration(BatchShape.Builder, Step)}; not thread-safe (one per replica). */
    public static final class Step {
        private final double[] family = new double[F];
        private double seconds;
        private double stageIntervalSeconds;
        private double lowSeconds;
        private double highSeconds;
        private double prefillSeconds;
        private double decodeSeconds;
        private double energyJoules;
        private double watts;
        private double flopsPerGpu;
        private double bytesPerGpu;

        public double seconds() {
            return seconds;
        }

        public double stageIntervalSeconds() {
            return stageIntervalSeconds;
        }

        public double lowSeconds() {
            return lowSeconds;
        }

        public double highSeconds() {
            return highSeconds;
        }

        public double energyJoules() {
            return energyJoules;
        }
    }

    private void evaluate(int prefillSequences, long prefillTokens, double prefillAttentionPairs,
                          double prefillAttentionPairsInWindow, double prefillContextTokens,
                          double prefillContextTokensInWindow, int decodeSequences, long decodeTokens,
                          double decodeAttentionPairs, double decodeAttentionPairsInWindow, double decodeContextTokens,
                          double decodeContextTokensInWindow, double[] family, Step out, boolean split) {
        long tokens = prefillTokens + decodeTokens;
        if (tokens == 0) {
            throw new IllegalArgumentException("an iteration needs at least one token");
        }
        if (tokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many tokens in one iteration");
        }
        TokenCost perToken;
        int busiestPrefills = 0;
        if (attentionRanks == 1) {
            perToken = memo(memos.tokenCostsDirect, memos.tokenCosts, (int) tokens, false);
        } else {
            // attention data parallelism: a sequence's prefill chunk runs whole on the rank that serves it, and every
            // MoE layer's all-gather waits for the slowest rank, so the non-expert work is the busiest rank's: the
            // ceil(P / ranks) chunks it must take when P chunks spread as evenly as whole chunks can, plus its share
            // of the decodes; the experts see the group's tokens
            busiestPrefills = (prefillSequences + attentionRanks - 1) / attentionRanks;
            double busiest = prefillSequences == 0 ? 0 : (double) prefillTokens * busiestPrefills / prefillSequences;
            int own = (int) Math.min(tokens, Math.ceil(busiest + (double) decodeTokens / attentionRanks));
            long key = ((long) own << 32) | tokens;
            int groupTokens = (int) tokens;
            perToken = memos.rankCosts.computeIfAbsent(key, k -> tokenCost(groupTokens, own));
        }
        TokenCost head = memo(memos.headCostsDirect, memos.headCosts, prefillSequences + decodeSequences, true);

        int layers = model.layers();
        double flops = 0;
        double bytes = 0;
        // layers: dense and MoE layer costs from the token-count memo
        // dense * perToken.dense[f] + moe * perToken.moe[f] + head.dense[f] + perToken.once[f], the first two terms
        // memoized with the token count (same operations, same order)
        double[] layerSum = perToken.layerSum;
        for (int f = 0; f < F; f++) {
            family[f] = layerSum[f] + head.dense[f] + perToken.once[f];
        }
        flops += perToken.layerFlops + head.denseFlops + perToken.onceFlops;
        bytes += perToken.layerBytes + head.denseBytes + perToken.onceBytes;

        // attention from aggregated context sums
        double attentionTokens = prefillTokens;
        if (attentionRanks > 1) {
            // attention data parallelism: each rank attends over its own sequences with all heads; the ranks run in
            // lockstep (synchronised by the MoE collectives), so the busiest rank's prefill chunks (whole chunks, see
            // above) and its even share of the decodes set the pace
            double share = 1.0 / attentionRanks;
            double prefillShare = prefillSequences == 0 ? 0 : (double) busiestPrefills / prefillSequences;
            prefillAttentionPairs *= prefillShare;
            prefillAttentionPairsInWindow *= prefillShare;
            prefillContextTokens *= prefillShare;
            prefillContextTokensInWindow *= prefillShare;
            attentionTokens *= prefillShare;
            decodeAttentionPairs *= share;
            decodeAttentionPairsInWindow *= share;
            decodeContextTokens *= share;
            decodeContextTokensInWindow *= share;
        }
        double prefillAttention = 0;
        double decodeAttention = 0;
        if (prefillTokens > 0) {
            double chunk = (double) prefillTokens / prefillSequences;
            double full = prefillAttention(prefillAttentionPairs, prefillContextTokens, attentionTokens, chunk);
            double slide = slidingLayers > 0 ? prefillAttention(prefillAttentionPairsInWindow,
                    prefillContextTokensInWindow, attentionTokens, chunk) : 0;
            prefillAttention = fullAttentionLayers * full + slidingLayers * slide;
            flops += prefillFlopsPerPairPerLayer * (fullAttentionLayers * prefillAttentionPairs
                    + slidingLayers * prefillAttentionPairsInWindow);
            bytes += kvBytesPerTokenPerLayer * (fullAttentionLayers * prefillContextTokens
                    + slidingLayers * prefillContextTokensInWindow);
        }
        if (decodeTokens > 0) {
            double full = decodeAttention(decodeAttentionPairs, decodeContextTokens);
            double slide = slidingLayers > 0
                    ? decodeAttention(decodeAttentionPairsInWindow, decodeContextTokensInWindow) : 0;
            decodeAttention = fullAttentionLayers * full + slidingLayers * slide;
            flops += decodeFlopsPerPairPerLayer * (fullAttentionLayers * decodeAttentionPairs
                    + slidingLayers * decodeAttentionPairsInWindow);
            bytes += kvBytesPerTokenPerLayer * (fullAttentionLayers * decodeContextTokens
                    + slidingLayers * decodeContextTokensInWindow);
        }
        family[PREFILL] += prefillAttention;
        family[DECODE] += decodeAttention;

        int pp = this.pipeline;
        double send = pp > 1 ? collectives.sendSeconds(tokens * model.hiddenSize() * 2.0 / attentionRanks) : 0;
        family[COLLECTIVE] += (pp - 1) * send;

        double seconds = 0;
        double low = 0;
        double high = 0;
        for (int f = 0; f < F; f++) {
            double v = family[f];
            seconds += v;
            if (v != 0) { // ResidualBand.lowSeconds / highSeconds; a family with no time adds exactly 0
                low += v / lowDivisor[f];
                high += v / highDivisor[f];
            }
        }
        double layerPart = seconds - head.dense[GEMM] - head.dense[ELEMENTWISE] - perToken.onceSum - (pp - 1) * send;
        double stageInterval = pp == 1 ? seconds
                : layerPart * shard.layersPerStage() / layers + Math.max(head.denseSum, perToken.onceSum) + send;

        if (split) {
            double shared = seconds - prefillAttention - decodeAttention;
            double prefillShare = (double) prefillTokens / tokens;
            out.prefillSeconds = prefillAttention + shared * prefillShare;
            out.decodeSeconds = decodeAttention + shared * (1 - prefillShare);
        }

        double flopsPerGpu = pp == 1 ? flops : flops / pp; // x / 1 == x exactly
        double bytesPerGpu = pp == 1 ? bytes : bytes / pp;
        double tensorBusy = (family[GEMM] + family[MOE] + family[DECODE] + family[PREFILL])
                / seconds;
        double watts = power.boardWatts(tensorBusy, flopsPerGpu / (seconds * activationCeiling),
                bytesPerGpu / (seconds * memoryBandwidth));
        double energy = power.facilityWatts(watts) * gpusPerReplica * seconds;
        out.seconds = seconds;
        out.stageIntervalSeconds = stageInterval;
        out.lowSeconds = low;
        out.highSeconds = high;
        out.energyJoules = energy;
        out.watts = watts;
        out.flopsPerGpu = flopsPerGpu;
        out.bytesPerGpu = bytesPerGpu;
    }

    /**
     * A decode-only iteration of {@code sequences} sequences (one new token each) whose cached contexts sum to
     * {@code contextSum}, for a model without a sliding window: the request-level simulator's hot path (a decode
     * segment runs thousands of these, the same batch one token longer each time). Everything but the attention
     * depends on the batch size alone and is computed once per size ({@link DecodeBase}); per call only the attention
     * roofline, the sums and the power model remain. Figures equal {@link #iteration(BatchShape.Builder, Step)}'s
     * up to rounding (the same terms, summed in another order).
     */
    public void decodeIteration(int sequences, double contextSum, Step out) {
        if (slidingLayers > 0) {
            throw new IllegalStateException("a sliding-window model needs each decode sequence's context");
        }
        DecodeBase base = sequences < DIRECT_MEMO ? memos.decodeBases[sequences] : null;
        if (base == null) {
            base = memos.decodeBaseMap.computeIfAbsent(sequences, this::decodeBase);
            if (sequences < DIRECT_MEMO) {
                memos.decodeBases[sequences] = base;
            }
        }
        double keys = contextSum + sequences; // pairs and context as BatchShape.addDecodeSequences counts them
        double pairs = attentionRanks > 1 ? keys * (1.0 / attentionRanks) : keys;
        double attention = fullAttentionLayers * decodeAttention(pairs, pairs);
        double decodeFamily = base.decodeFamily + attention;
        double seconds = base.seconds + attention;
        out.seconds = seconds;
        out.lowSeconds = base.low + decodeFamily / lowDivisor[DECODE];
        out.highSeconds = base.high + decodeFamily / highDivisor[DECODE];
        out.stageIntervalSeconds = pipeline == 1 ? seconds
                : (seconds + base.stageOffset) * base.stageShare + base.stageConstant;
        double flops = base.flops + decodeFlopsPerPairPerLayer * fullAttentionLayers * pairs;
        double bytes = base.bytes + kvBytesPerTokenPerLayer * fullAttentionLayers * pairs;
        double flopsPerGpu = pipeline == 1 ? flops : flops / pipeline;
        double bytesPerGpu = pipeline == 1 ? bytes : bytes / pipeline;
        double inverse = 1 / seconds;
        double watts = power.boardWatts((base.tensor + decodeFamily) * inverse,
                flopsPerGpu * inverse / activationCeiling, bytesPerGpu * inverse / memoryBandwidth);
        out.energyJoules = power.facilityWatts(watts) * gpusPerReplica * seconds;
        out.watts = watts;
        out.flopsPerGpu = flopsPerGpu;
        out.bytesPerGpu = bytesPerGpu;
    }

    /**
     * {@link #decodeIteration} for {@code sequences} sequences as straight lines in the keys the batch reads
     * ({@code contextSum + sequences}): decode attention is a roofline of FLOPs and bytes both proportional to the
     * keys, so its time is a constant per key, and everything else does not depend on them. Null with pipeline
     * parallelism (the stage interval is not what the energy scales with) or without a power figure.
     */
    public DecodeLine decodeLine(int sequences) {
        if (slidingLayers > 0 || pipeline > 1 || !Double.isFinite(power.maxWatts())) {
            return null;
        }
        DecodeLine line = sequences < DIRECT_MEMO ? memos.decodeLines[sequences] : null;
        if (line == null) {
            line = memos.decodeLineMap.computeIfAbsent(sequences, this::computeDecodeLine);
            if (sequences < DIRECT_MEMO) {
                memos.decodeLines[sequences] = line;
            }
        }
        return line;
    }


    private DecodeLine computeDecodeLine(int sequences) {
        DecodeBase base = sequences < DIRECT_MEMO ? memos.decodeBases[sequences] : null;
        if (base == null) {
            base = memos.decodeBaseMap.computeIfAbsent(sequences, this::decodeBase);
        }
        double perKey = 1.0 / attentionRanks;
        double attentionPerKey = fullAttentionLayers * kernels.decodeAttentionSeconds(kvBytesPerTokenPerLayer,
                decodeFlopsPerPairPerLayer) * perKey;
        double attention0 = fullAttentionLayers * overhead;
        double s0 = base.seconds + attention0;
        double s1 = attentionPerKey;
        double decode0 = base.decodeFamily + attention0;
        double flops1 = decodeFlopsPerPairPerLayer * fullAttentionLayers * perKey;
        double bytes1 = kvBytesPerTokenPerLayer * fullAttentionLayers * perKey;
        // board power x time / maxWatts, unclamped: idle x s + tensorActive x tensor time + compute x FLOPs / ceiling
        // + memory x bytes / bandwidth
        double u0 = power.idleFraction() * s0 + power.tensorActiveFraction() * (base.tensor + decode0)
                + power.computeFraction() * base.flops / activationCeiling
                + power.memoryFraction() * base.bytes / memoryBandwidth;
        double u1 = power.idleFraction() * s1 + power.tensorActiveFraction() * s1
                + power.computeFraction() * flops1 / activationCeiling + power.memoryFraction() * bytes1 / memoryBandwidth;
        return new DecodeLine(s0, s1, base.low + decode0 / lowDivisor[DECODE], s1 / lowDivisor[DECODE],
                base.high + decode0 / highDivisor[DECODE], s1 / highDivisor[DECODE], u0, u1,
                power.pue() * gpusPerReplica * power.maxWatts(), power.hostOverheadFraction());
    }

    /**
     * A decode-only iteration of a fixed batch as lines in its keys k: seconds {@code s0 + s1 k}, the 10 % / 90 %
     * range likewise, board power x seconds / max power {@code u0 + u1 k} (before the board's cap at max power).
     * Energy: {@code joulesScale x (min(u, s) + host x s)}.
     */
    public record DecodeLine(double s0, double s1, double low0, double low1, double high0, double high1, double u0,
                             double u1, double joulesScale, double host) {
        public double seconds(double keys) {
            return s0 + s1 * keys;
        }

        /** Facility energy of one iteration reading {@code keys} keys. */
        public double joules(double keys) {
            double s = s0 + s1 * keys;
            return joulesScale * (Math.min(u0 + u1 * keys, s) + host * s);
        }

        /**
         * Keys read by iterations {@code a .. b - 1} of a run whose iteration i reads {@code keys0 + i n} (the batch
         * one token longer each time).
         */
        public static double keys(double keys0, int n, long a, long b) {
            double m = b - a;
            return m * keys0 + n * ((double) (a + b - 1) * m / 2);
        }

        /** Seconds of iterations 0 .. m - 1 of such a run. */
        public double seconds(double keys0, int n, long m) {
            return s0 * m + s1 * keys(keys0, n, 0, m);
        }

        public double lowSeconds(double keys0, int n, long m) {
            return low0 * m + low1 * keys(keys0, n, 0, m);
        }

        public double highSeconds(double keys0, int n, long m) {
            return high0 * m + high1 * keys(keys0, n, 0, m);
        }

        /**
         * Facility energy of iterations 0 .. m - 1 of such a run: the sum of {@link #joules(double)}, in closed form.
         * The board's cap binds where {@code u > s}; {@code u - s} is a line in the keys, so the run has at most one
         * switch, found by stepping from its first iteration (a run rarely crosses it).
         */
        public double joules(double keys0, int n, long m) {
            double d0 = u0 - s0;
            double d1 = u1 - s1;
            double over0 = d0 + d1 * keys0;
            double overLast = d0 + d1 * (keys0 + (double) n * (m - 1));
            double seconds = seconds(keys0, n, m);
            double board;
            if (over0 <= 0 && overLast <= 0) {
                board = u0 * m + u1 * keys(keys0, n, 0, m);
            } else if (over0 >= 0 && overLast >= 0) {
                board = seconds;
            } else {
                long k = 1; // the first iteration on the other side
                while (k < m && (d0 + d1 * (keys0 + (double) n * k) > 0) == (over0 > 0)) {
                    k++;
                }
                double capped = over0 > 0 ? s0 * k + s1 * keys(keys0, n, 0, k)
                        : s0 * (m - k) + s1 * keys(keys0, n, k, m);
                double free = over0 > 0 ? u0 * (m - k) + u1 * keys(keys0, n, k, m)
                        : u0 * k + u1 * keys(keys0, n, 0, k);
                board = capped + free;
            }
            return joulesScale * (board + host * seconds);
        }
    }


    /** The context-independent part of a decode-only iteration of {@code n} sequences (see {@link #evaluate}). */
    private DecodeBase decodeBase(int n) {
        TokenCost perToken;
        if (attentionRanks == 1) {
            perToken = memo(memos.tokenCostsDirect, memos.tokenCosts, n, false);
        } else {
            int own = (int) Math.min(n, Math.ceil((double) n / attentionRanks));
            perToken = memos.rankCosts.computeIfAbsent(((long) own << 32) | n, k -> tokenCost(n, own));
        }
        TokenCost head = memo(memos.headCostsDirect, memos.headCosts, n, true);
        double[] family = new double[F];
        for (int f = 0; f < F; f++) {
            family[f] = perToken.layerSum[f] + head.dense[f] + perToken.once[f];
        }
        double send = pipeline > 1 ? collectives.sendSeconds(n * model.hiddenSize() * 2.0 / attentionRanks) : 0;
        family[COLLECTIVE] += (pipeline - 1) * send;
        double seconds = 0;
        double low = 0;
        double high = 0;
        for (int f = 0; f < F; f++) {
            seconds += family[f];
            if (f != DECODE && family[f] != 0) {
                low += family[f] / lowDivisor[f];
                high += family[f] / highDivisor[f];
            }
        }
        // decode attention adds fullAttentionLayers x overhead even with no context: kept in the per-call term
        double stageOffset = -head.dense[GEMM] - head.dense[ELEMENTWISE] - perToken.onceSum - (pipeline - 1) * send;
        double stageShare = (double) shard.layersPerStage() / model.layers();
        double stageConstant = Math.max(head.denseSum, perToken.onceSum) + send;
        return new DecodeBase(seconds, family[DECODE], low, high, family[GEMM] + family[MOE] + family[PREFILL],
                perToken.layerFlops + head.denseFlops + perToken.onceFlops,
                perToken.layerBytes + head.denseBytes + perToken.onceBytes, stageOffset, stageShare, stageConstant);
    }

    /** See {@link #decodeBase}. */
    private record DecodeBase(double seconds, double decodeFamily, double low, double high, double tensor,
                              double flops, double bytes, double stageOffset, double stageShare,
                              double stageConstant) {
    }

    private TokenCost memo(TokenCost[] direct, ConcurrentHashMap<Integer, TokenCost> map, int key, boolean head) {
        if (key < DIRECT_MEMO) {
            TokenCost c = direct[key];
            if (c == null) {
                c = map.computeIfAbsent(key, head ? this::headCost : n -> tokenCost(n, n));
                direct[key] = c;
            }
            return c;
        }
        return map.computeIfAbsent(key, head ? this::headCost : n -> tokenCost(n, n));
    }

    private double decodeAttention(double pairs, double context) {
        return kernels.decodeAttentionSeconds(context * kvBytesPerTokenPerLayer, pairs * decodeFlopsPerPairPerLayer)
                + overhead;
    }

    private double prefillAttention(double pairs, double context, double newTokens, double chunk) {
        double bytes = context * kvBytesPerTokenPerLayer
                + newTokens * shard.queryHeadsPerGpu() * (model.queryKeyHeadDim() + model.valueHeadDim()) * 2.0;
        // the kernel computes its diagonal tiles whole: pairs + newTokens (Br - 1) / 2
        double tiledPairs = pairs + kernels.causalDiagonalTilePairs(newTokens);
        double t = kernels.prefillAttentionSeconds(tiledPairs * prefillFlopsPerPairPerLayer, chunk, bytes) + overhead;
        if (model.usesMla()) {
            // prefill runs MLA un-absorbed: expand the cached latent into per-head keys and values
            t += kernels.gemmSeconds(context, model.kvLoraRank(),
                    shard.queryHeadsPerGpu() * (model.qkNopeHeadDim() + model.vHeadDim()), 1, weights, activations,
                    activationCeiling) + overhead;
        }
        return t;
    }

    /** LM head and sampling for {@code sequences} sequences (one logit row each). */
    private TokenCost headCost(int sequences) {
        Accumulator a = new Accumulator();
        if (sequences > 0) {
            // under attention data parallelism each rank's LM head (whole vocabulary) serves its own sequences
            double rows = attentionRanks == 1 ? sequences : (double) sequences / attentionRanks;
            a.gemm(GEMM, rows, model.hiddenSize(), shard.vocabPerGpu(), 1, Precision.BF16, Precision.BF16,
                    bf16Ceiling);
            a.elementwise(rows * shard.vocabPerGpu() * 4.0 * 3);
        }
        return new TokenCost(a.seconds, new double[F], new double[F], a.flops, a.bytes, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Everything whose cost depends only on the iteration's token count, per layer kind.
     *
     * <p>Under attention data parallelism every non-expert operator runs on the busiest rank's {@code rankTokens}
     * (whole prefill chunks plus its share of the decodes, see {@link #evaluate}) with the whole weights (no
     * tensor-parallel all-reduce); a MoE layer routes its own tokens, all-gathers
     * every rank's tokens (quantized hidden state plus the top-k expert ids and gate weights) so that each rank's
     * local experts see all tokens routed to them, and reduce-scatters the BF16 expert outputs back to the ranks that
     * own the tokens (TensorRT-LLM's fused MoE with {@code enable_attention_dp} on an NVLink node without MNNVL:
     * allgather before, reducescatter after).
     */
    private TokenCost tokenCost(int tokens, int rankTokens) {
        double t = tokens;
        int h = model.hiddenSize();
        Parallelism p = config.parallelism();
        int tp = p.attentionTensor();
        int ranks = attentionRanks;
        // tokens the non-expert operators of one GPU process
        double own = ranks == 1 ? t : rankTokens;

        Accumulator attention = new Accumulator();
        if (model.usesMla()) {
            double heads = shard.queryHeadsPerGpu();
            if (model.qLoraRank() > 0) {
                attention.gemm(GEMM, own, h, model.qLoraRank(), 1, weights, activations, activationCeiling);
                attention.gemm(GEMM, own, model.qLoraRank(), heads * model.queryKeyHeadDim(), 1, weights, activations,
                        activationCeiling);
            } else {
                attention.gemm(GEMM, own, h, heads * model.queryKeyHeadDim(), 1, weights, activations,
                        activationCeiling);
            }
            attention.gemm(GEMM, own, h, model.kvLoraRank() + model.qkRopeHeadDim(), 1, weights, activations,
                    activationCeiling);
            // absorbed up-projections: per head q_nope x W_UK into the latent, latent output x W_UV
            attention.gemm(GEMM, own, model.qkNopeHeadDim(), model.kvLoraRank(), heads, Precision.BF16, Precision.BF16,
                    bf16Ceiling);
            attention.gemm(GEMM, own, model.kvLoraRank(), model.vHeadDim(), heads, Precision.BF16, Precision.BF16,
                    bf16Ceiling);
            attention.gemm(GEMM, own, heads * model.vHeadDim(), h, 1, weights, activations, activationCeiling);
        } else {
            double qkv = (shard.queryHeadsPerGpu() + 2 * shard.kvHeadsPerGpu()) * model.headDim();
            attention.gemm(GEMM, own, h, qkv, 1, weights, activations, activationCeiling);
            attention.gemm(GEMM, own, shard.queryHeadsPerGpu() * model.headDim(), h, 1, weights, activations,
                    activationCeiling);
        }
        // two fused norm+residual kernels, rope, KV-cache write
        attention.elementwise(own * h * 2.0 * 2 * 3);
        attention.elementwise(own * kvBytesPerTokenPerLayer * 2);
        if (tp > 1) {
            attention.collective(collectives.allReduceSeconds(t * h * 2.0, tp));
        }

        Accumulator dense = attention.copy();
        dense.gemm(GEMM, own, h, 2 * shard.ffnWidthPerGpu(), 1, weights, activations, activationCeiling);
        dense.elementwise(own * shard.ffnWidthPerGpu() * 2.0 * 3);
        dense.gemm(GEMM, own, shard.ffnWidthPerGpu(), h, 1, weights, activations, activationCeiling);
        if (tp > 1) {
            dense.collective(collectives.allReduceSeconds(t * h * 2.0, tp));
        }

        Accumulator moe = attention.copy();
        if (model.isMoe()) {
            int experts = model.routedExperts();
            int k = model.expertsPerToken();
            moe.gemm(MOE, own, h, experts, 1, Precision.BF16, Precision.BF16, bf16Ceiling);
            if (ranks > 1) {
                // all-gather every rank's tokens: hidden state in the activation precision, top-k int32 expert ids
                // and fp32 gate weights
                double perToken = h * activations.bytesPerValue() + k * (4.0 + 4.0);
                moe.collective(collectives.allGatherSeconds(t * perToken, ranks));
            }
            double touchedFraction = 1 - Math.pow(1 - (double) k / experts, t);
            double touched = shard.localExperts() * touchedFraction;
            double rowsPerExpert = t * k / (experts * touchedFraction) * config.expertLoadImbalance();
            double width = shard.expertWidthPerGpu();
            double routed = t * k * shard.localExperts() / experts; // token-expert rows this GPU computes
            // TensorRT-LLM's MoE runner (cutlass_kernels/moe_kernels.cu): top-k softmax over the router logits, then
            // expandInputRowsKernel copies each token once per chosen local expert into expert-sorted order
            moe.elementwise(own * experts * 4.0 + own * k * 8.0);
            moe.elementwise(t * h * 2.0 + routed * h * 2.0);
            moe.gemm(MOE, rowsPerExpert, h, 2 * width, touched, weights, activations, activationCeiling);
            moe.elementwise(rowsPerExpert * touched * width * 2.0 * 3);
            moe.gemm(MOE, rowsPerExpert, width, h, touched, weights, activations, activationCeiling);
            // finalizeMoeRoutingKernel: gathers each token's k expert outputs back and sums them with the gate weights
            moe.elementwise(routed * h * 2.0 + t * h * 2.0);
            if (shard.sharedExpertWidthPerGpu() > 0) {
                moe.gemm(MOE, own, h, 2 * shard.sharedExpertWidthPerGpu(), 1, weights, activations,
                        activationCeiling);
                moe.gemm(MOE, own, shard.sharedExpertWidthPerGpu(), h, 1, weights, activations, activationCeiling);
            }
            if (ranks > 1) {
                // each rank's partial sums of all tokens (its local experts' share) reduced and scattered back to the
                // ranks that own the tokens; the shared expert's output is added locally
                moe.collective(collectives.reduceScatterSeconds(t * h * 2.0, ranks));
            } else if (tp > 1) {
                // attention tensor-parallel: after the attention all-reduce every GPU of the group holds all tokens, so
                // a GPU picks the rows routed to its local experts without any dispatch, and one all-reduce sums the
                // partial outputs (expert shares, expert-tensor slices, shared-expert slices) of the group
                moe.collective(collectives.allReduceSeconds(t * h * 2.0, tp));
            }
        }

        Accumulator once = new Accumulator();
        once.elementwise(t * h * 2.0 * 2); // embedding gather
        return new TokenCost(dense.seconds, moe.seconds, once.seconds, dense.flops, dense.bytes, moe.flops, moe.bytes,
                once.flops, once.bytes, model.denseLayers(), model.moeLayers());
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** Per-family seconds, FLOPs and bytes of a token count's layers (immutable once memoized). */
    /**
     * The pure-function memos of a model (costs per token count, per batch size). They depend only on the model,
     * accelerator, quantization, the parallelism within a replica, the kernel profile and the power model, not on the
     * number of replicas: a sweep's points that differ in replicas, load or scheduler share one set (each point used
     * to recompute every prefill chunk size it met). A small bounded cache of sets, shared across threads: the entries
     * are immutable, racy reads of the direct arrays are safe, a miss computes again.
     */
    static final class Memos {
        private static final int CACHED_SETS = 16;
        private static final ConcurrentHashMap<Key, Memos> SHARED = new ConcurrentHashMap<>();

        private record Key(ServingConfiguration config, KernelProfile profile, PowerModel power) {
        }

        final ConcurrentHashMap<Integer, TokenCost> tokenCosts = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Integer, TokenCost> headCosts = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Long, TokenCost> rankCosts = new ConcurrentHashMap<>();
        final TokenCost[] tokenCostsDirect = new TokenCost[DIRECT_MEMO];
        final TokenCost[] headCostsDirect = new TokenCost[DIRECT_MEMO];
        final DecodeLine[] decodeLines = new DecodeLine[DIRECT_MEMO];
        final ConcurrentHashMap<Integer, DecodeLine> decodeLineMap = new ConcurrentHashMap<>();
        final DecodeBase[] decodeBases = new DecodeBase[DIRECT_MEMO];
        final ConcurrentHashMap<Integer, DecodeBase> decodeBaseMap = new ConcurrentHashMap<>();

        static Memos of(ServingConfiguration config, KernelProfile profile, PowerModel power) {
            Parallelism p = config.parallelism();
            Key key = new Key(new ServingConfiguration(config.model(), config.accelerator(), config.quantization(),
                    new Parallelism(p.tensor(), p.pipeline(), p.expert(), 1, p.attentionDataParallel()),
                    config.expertLoadImbalance()), profile, power);
            Memos m = SHARED.get(key);
            if (m == null) {
                if (SHARED.size() >= CACHED_SETS) {
                    SHARED.clear(); // bounded memory; models still holding a set keep using it
                }
                m = SHARED.computeIfAbsent(key, k -> new Memos());
            }
            return m;
        }
    }

    private static final class TokenCost {
        final double[] dense;
        final double[] moe;
        final double[] once;
        final double denseFlops;
        final double denseBytes;
        final double moeFlops;
        final double moeBytes;
        final double onceFlops;
        final double onceBytes;
        final double denseSum;
        final double onceSum;
        /** Per family {@code denseLayers * dense[f] + moeLayers * moe[f]}; likewise for FLOPs and bytes. */
        final double[] layerSum = new double[F];
        final double layerFlops;
        final double layerBytes;

        TokenCost(double[] dense, double[] moe, double[] once, double denseFlops, double denseBytes, double moeFlops,
                  double moeBytes, double onceFlops, double onceBytes, int denseLayers, int moeLayers) {
            this.dense = dense;
            this.moe = moe;
            this.once = once;
            this.denseFlops = denseFlops;
            this.denseBytes = denseBytes;
            this.moeFlops = moeFlops;
            this.moeBytes = moeBytes;
            this.onceFlops = onceFlops;
            this.onceBytes = onceBytes;
            this.denseSum = sum(dense);
            this.onceSum = sum(once);
            for (int f = 0; f < F; f++) {
                layerSum[f] = denseLayers * dense[f] + moeLayers * moe[f];
            }
            this.layerFlops = denseLayers * denseFlops + moeLayers * moeFlops;
            this.layerBytes = denseLayers * denseBytes + moeLayers * moeBytes;
        }
    }

    /** Local, single-use accumulator of one layer's operators. */
    private final class Accumulator {
        final double[] seconds = new double[F];
        double flops;
        double bytes;

        Accumulator copy() {
            Accumulator c = new Accumulator();
            System.arraycopy(seconds, 0, c.seconds, 0, F);
            c.flops = flops;
            c.bytes = bytes;
            return c;
        }

        void gemm(int family, double rows, double inner, double cols, double groups, Precision w, Precision a,
                  double ceiling) {
            if (rows <= 0 || groups <= 0) {
                return;
            }
            seconds[family] += kernels.gemmSeconds(rows, inner, cols, groups, w, a, ceiling) + overhead;
            if (KernelTimeModel.isLowPrecision(a)) {
                // the activation-quantization kernel in front of a low-precision GEMM
                seconds[family] += kernels.elementwiseSeconds(rows * inner * (2.0 + a.bytesPerValue())) + overhead;
            }
            flops += 2.0 * rows * inner * cols * groups;
            bytes += groups * (inner * cols * w.bytesPerValue() + rows * (inner + cols) * 2.0);
        }

        void elementwise(double movedBytes) {
            seconds[ELEMENTWISE] += kernels.elementwiseSeconds(movedBytes) + overhead;
            bytes += movedBytes;
        }

        void collective(double s) {
            seconds[COLLECTIVE] += s;
        }
    }
}

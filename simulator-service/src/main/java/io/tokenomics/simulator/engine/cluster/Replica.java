package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.energy.PowerModel;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.scheduler.ReplicaRole;
import io.tokenomics.simulator.engine.scheduler.ReplicaScheduler;
import io.tokenomics.simulator.engine.scheduler.Sequence;
import io.tokenomics.simulator.engine.simulation.Event;
import io.tokenomics.simulator.engine.simulation.Simulator;

/**
 * One model replica (a group of GPUs running one engine): steps its scheduler one iteration at a time, each
 * iteration's duration and energy from the performance model. With pipeline parallelism the clock advances by the
 * slowest stage's interval (the pipeline kept full by micro-batches), so throughput is right and per-token latency is
 * understated by the pipeline depth.
 */
public final class Replica {

    private final int index;
    private final ReplicaRole role;
    private final PerformanceModel model;
    private final ReplicaScheduler scheduler;
    private final Simulator simulator;
    private final BatchShape.Builder batch;
    private final PerformanceModel.Step step = new PerformanceModel.Step();
    private final DecodeCostCache decodeCosts;
    private final DecodeCostCache.Cost cost = new DecodeCostCache.Cost();
    private final Speculation speculation;
    private final PerformanceModel draft;
    private final double tokensPerRound;
    private final BatchShape.Builder verifyBatch;
    private final BatchShape.Builder draftBatch;
    private final boolean cacheDecodeShapes;
    private final DecodeCostCache.Cost verifyCost = new DecodeCostCache.Cost();
    private final DecodeCostCache.Cost draftCost = new DecodeCostCache.Cost();
    private IterationEnd iterationEnd = new IterationEnd();
    private final Runnable afterIteration;
    /** Called after this replica's waiting count or KV blocks changed outside an iteration end's sample. */
    private Runnable changed = () -> { };
    private boolean fastForward;
    // the fast-forward segment: iteration 0 is the planned one (accounted when planned), 1.. are skipped ones
    private int segment = 1;
    private long segmentGeneration;
    private double[] segEnd = new double[16];
    private double[] segSeconds = new double[16];
    private double[] segEnergy = new double[16];
    private double[] segLow = new double[16];
    private double[] segHigh = new double[16];
    private final int gpus;
    private final boolean pipelined;
    private final double idleFacilityWatts;
    private boolean busy;
    private double busySeconds;
    private double prefillBusySeconds;
    private double energy;
    private double energyLow;
    private double energyHigh;
    private long iterations;
    private long kvLoadInUse = -1;
    private double kvLoad;
    private long sampledVersion = -1;
    private int sampledWaiting;
    private int sampledRunning;
    private double sampledKvLoad;

    Replica(int index, ReplicaRole role, PerformanceModel model, ReplicaScheduler scheduler, Simulator simulator,
            DecodeCostCache decodeCosts, Runnable afterIteration) {
        this(index, role, model, scheduler, simulator, decodeCosts, null, null, afterIteration);
    }

    /**
     * @param speculation null without speculative decoding
     * @param draft       the drafter's performance model (null: drafting costs nothing)
     */
    Replica(int index, ReplicaRole role, PerformanceModel model, ReplicaScheduler scheduler, Simulator simulator,
            DecodeCostCache decodeCosts, Speculation speculation, PerformanceModel draft, Runnable afterIteration) {
        this.decodeCosts = decodeCosts;
        this.speculation = speculation;
        this.draft = draft;
        this.tokensPerRound = speculation == null ? 1 : speculation.tokensPerStep();
        this.verifyBatch = speculation == null ? null : model.newBatch();
        this.draftBatch = draft == null ? null : draft.newBatch();
        // a drafter with a sliding window makes the cost depend on each sequence's context, not just the sum
        this.cacheDecodeShapes = draft == null || draft.configuration().model().slidingWindow() == 0;
        this.index = index;
        this.role = role;
        this.model = model;
        this.scheduler = scheduler;
        this.simulator = simulator;
        this.batch = model.newBatch();
        this.afterIteration = afterIteration;
        this.gpus = model.configuration().parallelism().gpusPerReplica();
        this.pipelined = model.configuration().parallelism().pipeline() > 1;
        PowerModel power = PowerModel.forAccelerator(model.configuration().accelerator());
        this.idleFacilityWatts = power.facilityWatts(power.boardWatts(0, 0)) * gpus;
    }

    public int index() {
        return index;
    }

    public ReplicaRole role() {
        return role;
    }

    public ReplicaScheduler scheduler() {
        return scheduler;
    }

    public int gpus() {
        return gpus;
    }

    public boolean isBusy() {
        return busy;
    }

    /** Requests waiting or running here. */
    public int outstanding() {
        return scheduler.outstanding();
    }

    /** Share of KV blocks held by running sequences. */
    public double kvLoad() {
        // sampled after every iteration of every replica: divide only when the blocks in use changed
        long inUse = scheduler.kvCache().inUse();
        if (inUse != kvLoadInUse) {
            kvLoadInUse = inUse;
            kvLoad = (double) inUse / scheduler.kvCache().totalBlocks();
        }
        return kvLoad;
    }

    /** Requests waiting here as of the last {@link #refreshSample()}. */
    int sampledWaiting() {
        return sampledWaiting;
    }

    /** Sequences in the running batch as of the last {@link #refreshSample()}. */
    int sampledRunning() {
        return sampledRunning;
    }

    /** {@link #kvLoad()} as of the last {@link #refreshSample()}. */
    double sampledKvLoad() {
        return sampledKvLoad;
    }

    /** Re-reads the waiting count and KV load if the scheduler changed since the last call. */
    void refreshSample() {
        long v = scheduler.version();
        if (v != sampledVersion) {
            sampledVersion = v;
            sampledWaiting = scheduler.waitingCount();
            sampledRunning = scheduler.runningCount();
            sampledKvLoad = kvLoad();
        }
    }

    public void submit(Sequence s) {
        scheduler.enqueue(s);
        startIfIdle();
        changed.run();
    }

    /** Turns decode fast-forward on; {@code changed} is told when the sampled state changes outside a sample. */
    void fastForward(Runnable changed) {
        this.fastForward = true;
        this.changed = changed;
    }

    /** Whether a fast-forward segment (more than one iteration under one event) is running. */
    boolean inSegment() {
        return segment > 1;
    }

    long segmentGeneration() {
        return segmentGeneration;
    }

    /** The earliest end of a skipped (not last) iteration of the segment after {@code t}; +infinity if none. */
    double nextSkippedEnd(double t) {
        int lo = 0;
        int hi = segment - 1; // skipped ends: [0, segment - 1), increasing
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (segEnd[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < segment - 1 ? segEnd[lo] : Double.POSITIVE_INFINITY;
    }

    /** Whether {@code t} is still the end of a skipped iteration of segment {@code generation}. */
    boolean isSkippedEnd(long generation, double t) {
        return generation == segmentGeneration && segment > 1 && t < segEnd[segment - 1];
    }

    /**
     * Something that may change this replica's batch was scheduled at {@code t}: the segment stops at its first
     * iteration ending at or after {@code t}, as the step-by-step path would then plan with the new state.
     */
    void cutSegment(double t) {
        if (segment <= 1 || segEnd[segment - 1] <= t) {
            return;
        }
        int j = 0;
        while (segEnd[j] < t) {
            j++;
        }
        if (j == segment - 1) {
            return;
        }
        segment = j + 1;
        iterationEnd.cancelled = true;
        iterationEnd = new IterationEnd();
        simulator.schedule(iterationEnd, segEnd[j]);
    }

    /** Accounts the skipped iterations of a running segment (at a horizon: they were all planned before it). */
    void settle() {
        if (segment > 1) {
            commitSegment();
            scheduler.skipDecodeSteps(segment - 1);
            segment = 1;
            segmentGeneration++;
        }
    }

    private void commitSegment() {
        for (int i = 1; i < segment; i++) {
            busySeconds += segSeconds[i];
            energy += segEnergy[i];
            energyLow += segLow[i];
            energyHigh += segHigh[i];
        }
        iterations += segment - 1;
        simulator.countEvents(segment - 1);
    }

    /** Starts the next iteration unless one is running or there is nothing to do. */
    public void startIfIdle() {
        if (busy) {
            return;
        }
        batch.reset();
        double now = simulator.now();
        long inUse = fastForward ? scheduler.kvCache().inUse() : 0;
        int waiting = fastForward ? scheduler.waitingCount() : 0;
        if (!scheduler.planIteration(batch, now)) {
            return;
        }
        DecodeCostCache.Cost cost = this.cost;
        if (scheduler.plannedDecodeOnly() && cacheDecodeShapes && decodeCosts.enabled()) {
            int n = scheduler.decodingCount();
            long context = scheduler.plannedContextSum();
            if (!decodeCosts.lookup(n, context, cost)) {
                evaluate(cost);
                decodeCosts.store(n, context, cost);
            }
        } else {
            evaluate(cost);
        }
        double seconds = pipelined ? cost.stageIntervalSeconds : cost.seconds;
        double step = seconds + scheduler.plannedExtraSeconds();
        busy = true;
        busySeconds += seconds;
        if (scheduler.plannedPrefills()) {
            prefillBusySeconds += prefillShare(seconds);
        }
        // without PP, seconds / cost.seconds() is exactly 1 and multiplying by it changes nothing
        boolean unit = !pipelined && seconds > 0 && seconds < Double.POSITIVE_INFINITY;
        double scaled = !unit ? cost.energyJoules * (seconds / cost.seconds) : cost.energyJoules;
        energy += scaled;
        energyLow += scaled * cost.lowSeconds / cost.seconds;
        energyHigh += scaled * cost.highSeconds / cost.seconds;
        iterations++;
        double end = now + step;
        if (fastForward && scheduler.plannedDecodeOnly() && scheduler.fastForwardable()) {
            end = extend(end);
        }
        simulator.schedule(iterationEnd, end);
        if (fastForward && (inUse != scheduler.kvCache().inUse() || waiting != scheduler.waitingCount())) {
            changed.run();
        }
    }

    /**
     * Plans the iterations after the planned decode-only one ahead of time while nothing can change the batch:
     * each costs exactly what the step-by-step path computes for it (same shape, same cache, same sums in the same
     * order), and they end the segment at the first iteration end at or after the next external event.
     */
    private double extend(double end) {
        long limit = scheduler.fastForwardLimit();
        if (limit == 0) {
            return end;
        }
        double horizon = simulator.nextExternalTime();
        int n = scheduler.decodingCount();
        int k = 1;
        segEnd[0] = end;
        DecodeCostCache.Cost cost = this.cost;
        while (k <= limit && end < horizon) {
            // the cost as startIfIdle gets it: memoized or not, the same figures
            if (cacheDecodeShapes && decodeCosts.enabled()) {
                long context = scheduler.plannedContextSum(k);
                if (!decodeCosts.lookup(n, context, cost)) {
                    batch.reset();
                    scheduler.addDecodesAhead(batch, k);
                    evaluate(cost, k);
                    decodeCosts.store(n, context, cost);
                }
            } else {
                batch.reset();
                scheduler.addDecodesAhead(batch, k);
                evaluate(cost, k);
            }
            double seconds = pipelined ? cost.stageIntervalSeconds : cost.seconds;
            boolean unit = !pipelined && seconds > 0 && seconds < Double.POSITIVE_INFINITY;
            double scaled = !unit ? cost.energyJoules * (seconds / cost.seconds) : cost.energyJoules;
            if (k == segEnd.length) {
                int len = k * 2;
                segEnd = java.util.Arrays.copyOf(segEnd, len);
                segSeconds = java.util.Arrays.copyOf(segSeconds, len);
                segEnergy = java.util.Arrays.copyOf(segEnergy, len);
                segLow = java.util.Arrays.copyOf(segLow, len);
                segHigh = java.util.Arrays.copyOf(segHigh, len);
            }
            segSeconds[k] = seconds;
            segEnergy[k] = scaled;
            segLow[k] = scaled * cost.lowSeconds / cost.seconds;
            segHigh[k] = scaled * cost.highSeconds / cost.seconds;
            end = end + seconds; // + plannedExtraSeconds(), 0 on a fast-forwardable iteration
            segEnd[k] = end;
            k++;
        }
        segment = k;
        if (k > 1) {
            segmentGeneration++;
        }
        return end;
    }

    /** The planned iteration's figures: the model's, or with speculation the per-token share of a round. */
    private void evaluate(DecodeCostCache.Cost out) {
        evaluate(out, 0);
    }

    /** {@link #evaluate(DecodeCostCache.Cost)} for the decode-only iteration {@code ahead} steps later. */
    private void evaluate(DecodeCostCache.Cost out, long ahead) {
        if (speculation == null || !scheduler.plannedDecodes()) {
            model.iteration(batch, step);
            out.set(step);
            return;
        }
        int k = speculation.draftTokens();
        verifyBatch.reset();
        scheduler.addPlannedDecodes(verifyBatch, k + 1, ahead);
        model.iteration(verifyBatch, step);
        verifyCost.set(step);
        if (scheduler.plannedPrefills()) {
            // the same verification with this iteration's prefill chunks: they cost their full marginal time
            scheduler.addPlannedPrefills(verifyBatch);
            model.iteration(verifyBatch, step);
            out.set(step);
        } else {
            out.copy(verifyCost);
        }
        if (draft != null) {
            draftBatch.reset();
            scheduler.addPlannedDecodes(draftBatch, 1, ahead);
            draft.iteration(draftBatch, step);
            draftCost.set(step);
        } else {
            draftCost.clear();
        }
        double e = tokensPerRound;
        out.seconds = (k * draftCost.seconds + verifyCost.seconds) / e + (out.seconds - verifyCost.seconds);
        out.stageIntervalSeconds = (k * draftCost.stageIntervalSeconds + verifyCost.stageIntervalSeconds) / e
                + (out.stageIntervalSeconds - verifyCost.stageIntervalSeconds);
        out.lowSeconds = (k * draftCost.lowSeconds + verifyCost.lowSeconds) / e
                + (out.lowSeconds - verifyCost.lowSeconds);
        out.highSeconds = (k * draftCost.highSeconds + verifyCost.highSeconds) / e
                + (out.highSeconds - verifyCost.highSeconds);
        out.energyJoules = (k * draftCost.energyJoules + verifyCost.energyJoules) / e
                + (out.energyJoules - verifyCost.energyJoules);
    }

    public double busySeconds() {
        return busySeconds;
    }

    /**
     * The prefill part of an iteration with prefill chunks: all of it without decodes, else its share of the tokens
     * (the cost model's own split of the shared layers; attention is charged to the phase that computes it there).
     */
    private double prefillShare(double seconds) {
        if (!scheduler.plannedDecodes()) {
            return seconds;
        }
        long prefill = scheduler.plannedPrefillTokens();
        long decode = (long) scheduler.decodingCount() * (speculation == null ? 1 : speculation.draftTokens() + 1);
        return prefill + decode == 0 ? 0 : seconds * prefill / (prefill + decode);
    }

    /** Busy time on prefill (iterations with prefill chunks, mixed ones by their token share). */
    public double prefillBusySeconds() {
        return prefillBusySeconds;
    }

    /** Busy time on decode: the rest of {@link #busySeconds()}. */
    public double decodeBusySeconds() {
        return busySeconds - prefillBusySeconds;
    }

    /** Energy of the iterations alone (no idle power), and at the 10 % / 90 % step-time range. */
    public double iterationJoules() {
        return energy;
    }

    public double iterationJoulesLow() {
        return energyLow;
    }

    public double iterationJoulesHigh() {
        return energyHigh;
    }

    public long iterations() {
        return iterations;
    }

    /** Facility energy up to {@code end}: iterations plus idle power for the rest of the time. */
    public double energyJoules(double end) {
        return energy + idleFacilityWatts * Math.max(0, end - busySeconds);
    }

    public double energyLowJoules(double end) {
        return energyLow + idleFacilityWatts * Math.max(0, end - busySeconds);
    }

    public double energyHighJoules(double end) {
        return energyHigh + idleFacilityWatts * Math.max(0, end - busySeconds);
    }

    private final class IterationEnd extends Event {
        boolean cancelled;

        @Override
        protected boolean external() {
            return false;
        }

        @Override
        protected void fire() {
            if (cancelled) {
                simulator.countEvents(-1);
                return;
            }
            if (segment > 1) {
                commitSegment();
                scheduler.skipDecodeSteps(segment - 1);
                segment = 1;
            }
            busy = false;
            scheduler.completeIteration(simulator.now());
            afterIteration.run();
            startIfIdle();
        }
    }
}

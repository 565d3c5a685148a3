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
    private final IterationEnd iterationEnd = new IterationEnd();
    private final Runnable afterIteration;
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
            sampledKvLoad = kvLoad();
        }
    }

    public void submit(Sequence s) {
        scheduler.enqueue(s);
        startIfIdle();
    }

    /** Starts the next iteration unless one is running or there is nothing to do. */
    public void startIfIdle() {
        if (busy) {
            return;
        }
        batch.reset();
        double now = simulator.now();
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
        simulator.schedule(iterationEnd, now + step);
    }

    /** The planned iteration's figures: the model's, or with speculation the per-token share of a round. */
    private void evaluate(DecodeCostCache.Cost out) {
        if (speculation == null || !scheduler.plannedDecodes()) {
            model.iteration(batch, step);
            out.set(step);
            return;
        }
        int k = speculation.draftTokens();
        verifyBatch.reset();
        scheduler.addPlannedDecodes(verifyBatch, k + 1);
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
            scheduler.addPlannedDecodes(draftBatch, 1);
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
        @Override
        protected void fire() {
            busy = false;
            scheduler.completeIteration(simulator.now());
            afterIteration.run();
            startIfIdle();
        }
    }
}

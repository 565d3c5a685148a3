package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.energy.PowerModel;
import io.tokenomics.simulator.engine.metrics.TimeSeries;
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
    private final ClusterLoad load;
    private boolean fastForward;
    // the fast-forward segment: iteration 0 is the planned one (accounted when planned), 1.. are skipped ones;
    // iteration i is planned at segEnd[i - 1] (decode step segmentStep + i) and ends at segEnd[i]
    private int segment = 1;
    /** Skipped iterations 1 .. committed - 1 are applied to the scheduler and the totals. */
    private int committed = 1;
    private long segmentStep;
    // what this replica last told the cluster load: KV blocks (held since kvSince, microseconds), waiting, running
    private TimeSeries.Level kvLevel;
    private int reportedWaiting;
    private int reportedRunning;
    private double[] segEnd = new double[16];
    private double[] segSeconds = new double[16];
    private double[] segEnergy = new double[16];
    private double[] segLow = new double[16];
    private double[] segHigh = new double[16];
    // decode runs: consecutive decode-only iterations of an unchanged decode set (same count, same context base),
    // timed and accounted in closed form from the run's start (PerformanceModel.DecodeLine); null: not available
    // (speculation, pipeline parallelism, sliding window, no power figure), every iteration costed on its own
    private final boolean runs;
    private PerformanceModel.DecodeLine line;
    private boolean runOpen;
    private int runN;
    private long runBase;
    private long runStep0;
    private double runTime0;
    /** Keys the run's first iteration reads (its context sum + the count); iteration i reads runKeys0 + i n. */
    private double runKeys0;
    /** Iterations of the run planned so far (indices 0 .. runPlanned - 1; the last one is running). */
    private long runPlanned;
    // a fast-forward segment of a run: indices runCommit .. segLast are skipped (segLast is running); those below
    // runCommit are applied to the scheduler
    private boolean runSegment;
    /** Scratch of commitRun: the allocating steps within one block period and their blocks. */
    private final int[] cycleOffsets;
    private final long[] cycleBlocks;
    private long runCommit;
    private long segLast;
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

    Replica(int index, ReplicaRole role, PerformanceModel model, ReplicaScheduler scheduler, Simulator simulator,
            DecodeCostCache decodeCosts, ClusterLoad load) {
        this(index, role, model, scheduler, simulator, decodeCosts, null, null, load);
    }

    /**
     * @param speculation null without speculative decoding
     * @param draft       the drafter's performance model (null: drafting costs nothing)
     */
    Replica(int index, ReplicaRole role, PerformanceModel model, ReplicaScheduler scheduler, Simulator simulator,
            DecodeCostCache decodeCosts, Speculation speculation, PerformanceModel draft, ClusterLoad load) {
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
        this.load = load;
        this.kvLevel = load.kvBlocks().level();
        this.gpus = model.configuration().parallelism().gpusPerReplica();
        this.pipelined = model.configuration().parallelism().pipeline() > 1;
        this.cycleOffsets = new int[scheduler.blockSize()];
        this.cycleBlocks = new long[scheduler.blockSize()];
        this.runs = speculation == null && model.decodeLine(1) != null
                && Boolean.parseBoolean(System.getProperty(Cluster.DECODE_RUNS_PROPERTY, "true"));
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
        // read by the least-KV router at every arrival: divide only when the blocks in use changed
        long inUse = scheduler.kvCache().inUse();
        if (inUse != kvLoadInUse) {
            kvLoadInUse = inUse;
            kvLoad = (double) inUse / scheduler.kvCache().totalBlocks();
        }
        return kvLoad;
    }

    public void submit(Sequence s) {
        scheduler.enqueue(s);
        startIfIdle();
        observe(simulator.now());
    }

    /** Turns decode fast-forward on. */
    void fastForward() {
        this.fastForward = true;
    }

    /**
     * Tells the cluster load what changed here at {@code now} (after an event changed the scheduler): KV blocks in
     * use, requests waiting, sequences running.
     */
    void observe(double now) {
        long kvNow = scheduler.kvCache().inUse();
        if (kvNow != kvLevel.value()) {
            load.kvChanging(now);
            kvStep(TimeSeries.micros(now), kvNow - kvLevel.value());
        }
        int w = scheduler.waitingCount();
        if (w != reportedWaiting) {
            load.waitingChanged(now, w - reportedWaiting);
            reportedWaiting = w;
        }
        int r = scheduler.runningCount();
        if (r != reportedRunning) {
            load.runningChanged(now, r - reportedRunning);
            reportedRunning = r;
        }
    }

    private void kvStep(long t, long delta) {
        kvLevel.step(t, delta);
        load.kvChanged(delta);
    }

    /** Adds the KV blocks held since the last change up to {@code t} (microseconds) to the series. */
    void closeKv(long t) {
        kvLevel.close(t);
    }

    /**
     * Something that may change this replica's batch was scheduled at {@code t}: the segment stops at its first
     * iteration ending at or after {@code t}, as the step-by-step path would then plan with the new state.
     */
    void cutSegment(double t) {
        if (runSegment) {
            cutRunSegment(t);
            return;
        }
        if (segment <= 1 || segEnd[segment - 1] <= t) {
            return;
        }
        int j = committed - 1; // the applied iterations were planned before now <= t
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
        if (committed == segment) {
            closeSegment();
        }
    }

    /** Applies the skipped iterations planned before {@code now}: the state the step-by-step run has at {@code now}. */
    void catchUp(double now) {
        if (runSegment) {
            commitRun(Math.min(firstEndAtOrAfter(now, runCommit - 1), segLast) + 1);
            return;
        }
        if (committed < segment) {
            int to = committed;
            while (to < segment && segEnd[to - 1] < now) {
                to++;
            }
            commit(to);
        }
    }

    /** {@link #catchUp(double)} for the iterations planned in a microsecond before {@code t}. */
    void catchUpBefore(long t) {
        if (runSegment) {
            long from = runCommit - 1;
            long i = firstEndAtOrAfter((t - 0.5) / 1e6, from);
            while (TimeSeries.micros(runEnd(i)) < t) {
                i++;
            }
            while (i > from && TimeSeries.micros(runEnd(i - 1)) >= t) {
                i--;
            }
            commitRun(Math.min(i, segLast) + 1);
            return;
        }
        if (committed < segment) {
            int to = committed;
            while (to < segment && TimeSeries.micros(segEnd[to - 1]) < t) {
                to++;
            }
            commit(to);
        }
    }

    /** Applies every skipped iteration of a running segment (they were all planned before the horizon). */
    void settle() {
        if (runSegment) {
            commitRun(segLast + 1);
        }
        if (committed < segment) {
            commit(segment);
        }
    }

    /** Applies skipped iterations committed .. to - 1: accounting, decode steps, KV blocks at their planning times. */
    private void commit(int to) {
        int from = committed;
        if (to <= from) {
            return;
        }
        long blocks = 0;
        for (int i = from; i < to; i++) {
            busySeconds += segSeconds[i];
            energy += segEnergy[i];
            energyLow += segLow[i];
            energyHigh += segHigh[i];
            long b = scheduler.blocksAtStep(segmentStep + i);
            if (b != 0) {
                blocks += b;
                kvStep(TimeSeries.micros(segEnd[i - 1]), b);
            }
        }
        iterations += to - from;
        simulator.countEvents(to - from);
        scheduler.skipDecodeSteps(to - from, blocks);
        committed = to;
        if (committed == segment) {
            closeSegment();
        }
    }

    private void closeSegment() {
        segment = 1;
        committed = 1;
        load.segmentClosed();
    }

    /** Starts the next iteration unless one is running or there is nothing to do. */
    public void startIfIdle() {
        if (busy) {
            return;
        }
        batch.reset();
        double now = simulator.now();
        if (!scheduler.planIteration(batch, now)) {
            closeRun();
            return;
        }
        if (runs && scheduler.plannedDecodeOnly() && scheduler.plannedExtraSeconds() == 0) {
            planRunIteration(now);
            return;
        }
        closeRun();
        DecodeCostCache.Cost cost = this.cost;
        if (scheduler.plannedDecodeOnly() && speculation == null) {
            model.decodeIteration(scheduler.decodingCount(), scheduler.plannedContextSum(), step);
            cost.set(step);
        } else if (scheduler.plannedDecodeOnly() && cacheDecodeShapes && decodeCosts.enabled()) {
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
            if (speculation == null) {
                model.decodeIteration(n, scheduler.plannedContextSum(k), step);
                cost.set(step);
            } else if (cacheDecodeShapes && decodeCosts.enabled()) {
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
            committed = 1;
            segmentStep = scheduler.decodeStep();
            load.segmentOpened();
        }
        return end;
    }

    // ------------------------------------------------------------------ decode runs (closed form)

    /** Plans the next decode-only iteration as part of the current run, or opens a run with it. */
    private void planRunIteration(double now) {
        int n = scheduler.decodingCount();
        long step = scheduler.decodeStep();
        long base = scheduler.plannedContextSum() - (long) n * step;
        if (!runOpen || n != runN || base != runBase || step != runStep0 + runPlanned
                || runEnd(runPlanned - 1) != now) {
            closeRun();
            runOpen = true;
            runN = n;
            runBase = base;
            runStep0 = step;
            runTime0 = now;
            runKeys0 = (double) base + (double) n * (step + 1);
            runPlanned = 0;
            line = model.decodeLine(n);
        }
        long i = runPlanned++;
        busy = true;
        double end = runEnd(i);
        if (fastForward && scheduler.fastForwardable()) {
            end = extendRun(i, end);
        }
        simulator.schedule(iterationEnd, end);
    }

    /** The end of the run's iteration {@code i}: its start plus the closed-form sum of the iterations' times. */
    private double runEnd(long i) {
        return runTime0 + line.seconds(runKeys0, runN, i + 1);
    }

    /** The smallest run index {@code >= from} whose iteration ends at or after {@code h}. */
    private long firstEndAtOrAfter(double h, long from) {
        if (h == Double.POSITIVE_INFINITY) {
            return Long.MAX_VALUE / 4;
        }
        // sum of the first m iterations = a m^2 + b m (see runEnd); solve for the target, then step to the exact index
        double target = h - runTime0;
        double a = line.s1() * runN / 2;
        double b = line.s0() + line.s1() * runKeys0 - a;
        double m = target <= 0 ? 0 : 2 * target / (b + Math.sqrt(b * b + 4 * a * target));
        long i = Math.max(from, (long) Math.ceil(Math.min(m, 1e15)) - 1);
        while (runEnd(i) < h) {
            i++;
        }
        while (i > from && runEnd(i - 1) >= h) {
            i--;
        }
        return i;
    }

    /**
     * Plans the run's iterations after {@code i} ahead while nothing can change the batch (see {@link #extend}): up
     * to the scheduler's limit and the first iteration ending at or after the next external event.
     */
    private double extendRun(long i, double end) {
        long limit = Math.min(scheduler.fastForwardLimit(), 1L << 40);
        double horizon = simulator.nextExternalTime();
        if (limit == 0 || !(end < horizon)) {
            return end;
        }
        long last = Math.min(i + limit, firstEndAtOrAfter(horizon, i + 1));
        runSegment = true;
        runCommit = i + 1;
        segLast = last;
        runPlanned = last + 1;
        load.segmentOpened();
        return runEnd(last);
    }

    private void cutRunSegment(double t) {
        if (runEnd(segLast) <= t) {
            return;
        }
        long j = firstEndAtOrAfter(t, runCommit - 1);
        if (j >= segLast) {
            return;
        }
        segLast = j;
        runPlanned = j + 1;
        iterationEnd.cancelled = true;
        iterationEnd = new IterationEnd();
        simulator.schedule(iterationEnd, runEnd(j));
        if (runCommit > segLast) {
            runSegment = false;
            load.segmentClosed();
        }
    }

    /** Applies the run's skipped iterations runCommit .. to - 1: decode steps, KV blocks at their planning times. */
    private void commitRun(long to) {
        long from = runCommit;
        if (to <= from) {
            return;
        }
        long blocks = 0;
        int period = scheduler.blockSize();
        int allocating = 0;
        // the steps that allocate repeat every block of tokens: visit only those, in time order
        for (int r = 0; r < period && from + r < to; r++) {
            long b = scheduler.blocksAtStep(runStep0 + from + r);
            if (b != 0) {
                cycleOffsets[allocating] = r;
                cycleBlocks[allocating++] = b;
            }
        }
        for (long base = from; base < to && allocating > 0; base += period) {
            for (int k = 0; k < allocating; k++) {
                long i = base + cycleOffsets[k];
                if (i >= to) {
                    break;
                }
                blocks += cycleBlocks[k];
                kvStep(TimeSeries.micros(runEnd(i - 1)), cycleBlocks[k]);
            }
        }
        simulator.countEvents(to - from);
        scheduler.skipDecodeSteps(to - from, blocks);
        runCommit = to;
        if (runCommit > segLast) {
            runSegment = false;
            load.segmentClosed();
        }
    }

    /** Accounts the run's planned iterations (busy time, energy and its range) in closed form and ends the run. */
    void closeRun() {
        if (!runOpen) {
            return;
        }
        runOpen = false;
        long m = runPlanned;
        if (m == 0) {
            return;
        }
        PerformanceModel.DecodeLine l = line;
        double seconds = l.seconds(runKeys0, runN, m);
        double joules = l.joules(runKeys0, runN, m);
        busySeconds += seconds;
        energy += joules;
        energyLow += joules * l.lowSeconds(runKeys0, runN, m) / seconds;
        energyHigh += joules * l.highSeconds(runKeys0, runN, m) / seconds;
        iterations += m;
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
            settle();
            busy = false;
            double now = simulator.now();
            scheduler.completeIteration(now);
            startIfIdle();
            observe(now);
        }
    }
}

package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.energy.PowerModel;
import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.IterationCost;
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
    private final IterationEnd iterationEnd = new IterationEnd();
    private final Runnable afterIteration;
    private final int gpus;
    private final boolean pipelined;
    private final double idleFacilityWatts;
    private boolean busy;
    private double busySeconds;
    private double energy;
    private double energyLow;
    private double energyHigh;
    private long iterations;

    Replica(int index, ReplicaRole role, PerformanceModel model, ReplicaScheduler scheduler, Simulator simulator,
            Runnable afterIteration) {
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
        return (double) scheduler.kvCache().inUse() / scheduler.kvCache().totalBlocks();
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
        IterationCost cost = model.iteration(batch.build());
        double seconds = pipelined ? cost.stageIntervalSeconds() : cost.seconds();
        double step = seconds + scheduler.plannedExtraSeconds();
        busy = true;
        busySeconds += seconds;
        double scale = seconds / cost.seconds();
        energy += cost.energyJoules() * scale;
        energyLow += cost.energyJoules() * scale * cost.lowSeconds() / cost.seconds();
        energyHigh += cost.energyJoules() * scale * cost.highSeconds() / cost.seconds();
        iterations++;
        simulator.schedule(iterationEnd, now + step);
    }

    public double busySeconds() {
        return busySeconds;
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

package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.memory.MemoryPlan;
import io.tokenomics.simulator.engine.metrics.MetricsCollector;
import io.tokenomics.simulator.engine.performance.PerformanceModel;
import io.tokenomics.simulator.engine.performance.ServingConfiguration;
import io.tokenomics.simulator.engine.scheduler.ReplicaRole;
import io.tokenomics.simulator.engine.scheduler.ReplicaScheduler;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy;
import io.tokenomics.simulator.engine.scheduler.Sequence;
import io.tokenomics.simulator.engine.scheduler.SequenceListener;
import io.tokenomics.simulator.engine.simulation.Event;
import io.tokenomics.simulator.engine.simulation.Simulator;
import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.RequestClass;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replicas behind a router: every replica the same serving configuration. Unified (each replica prefills and
 * decodes) or disaggregated (a prefill pool hands each request's KV over a link to a decode pool, routed to the decode
 * replica with the fewest outstanding requests).
 */
public final class Cluster {
    public static final String DROP_TOO_LONG = "exceeds the KV capacity of a replica";
    /**
     * System property: {@code false} turns decode fast-forward off (every iteration then is an event of its own;
     * the reports are the same, it exists to prove that).
     */
    public static final String FAST_FORWARD_PROPERTY = "tokenomics.engine.fastForward";

    private final Simulator simulator;
    private final MetricsCollector metrics;
    private final List<RequestClass> classes;
    private final Consumer<Request> onFinished;
    private final List<Replica> front = new ArrayList<>();
    private final List<Replica> decodePool = new ArrayList<>();
    private final List<Replica> all = new ArrayList<>();
    private final Router router;
    private final Router decodeRouter = RoutingPolicy.LEAST_OUTSTANDING.create();
    private final double transferSecondsPerToken;
    private final long kvBlocksPerReplica;
    private final Replica[] sampled;
    private final DecodeCostCache decodeCosts = new DecodeCostCache();
    private final Speculation speculation;
    private final PerformanceModel draft;
    private SampleAt pendingSample;

    /**
     * @param replicas   replicas of a unified cluster (ignored with disaggregation)
     * @param onFinished called when a request completes (closed-loop users send their next one)
     */
    public Cluster(PerformanceModel model, MemoryPlan memory, SchedulerPolicy policy, int replicas,
                   RoutingPolicy routing, Disaggregation disaggregation, Simulator simulator,
                   MetricsCollector metrics, List<RequestClass> classes, Consumer<Request> onFinished) {
        this(model, memory, policy, replicas, routing, disaggregation, null, simulator, metrics, classes, onFinished);
    }

    /** @param speculation speculative decoding on every replica (null: off) */
    public Cluster(PerformanceModel model, MemoryPlan memory, SchedulerPolicy policy, int replicas,
                   RoutingPolicy routing, Disaggregation disaggregation, Speculation speculation, Simulator simulator,
                   MetricsCollector metrics, List<RequestClass> classes, Consumer<Request> onFinished) {
        this.speculation = speculation;
        ServingConfiguration draftServing = speculation == null ? null
                : speculation.draftServing(model.configuration());
        this.draft = draftServing == null ? null : PerformanceModel.of(draftServing);
        this.simulator = simulator;
        this.metrics = metrics;
        this.classes = classes;
        this.onFinished = onFinished;
        this.router = routing.create();
        this.kvBlocksPerReplica = memory.maxKvTokens() / policy.blockSize();
        if (kvBlocksPerReplica <= 0) {
            throw new IllegalArgumentException("no KV block fits: " + memory.explanation());
        }
        int window = model.configuration().model().slidingWindow();
        double kvPerToken = memory.kvBytesPerToken();
        if (disaggregation == null) {
            for (int i = 0; i < replicas; i++) {
                front.add(replica(i, ReplicaRole.UNIFIED, model, policy, window, kvPerToken));
            }
            transferSecondsPerToken = 0;
        } else {
            for (int i = 0; i < disaggregation.prefillReplicas(); i++) {
                front.add(replica(i, ReplicaRole.PREFILL, model, policy, window, kvPerToken));
            }
            for (int i = 0; i < disaggregation.decodeReplicas(); i++) {
                decodePool.add(replica(front.size() + i, ReplicaRole.DECODE, model, policy, window, kvPerToken));
            }
            transferSecondsPerToken = kvPerToken / disaggregation.linkBytesPerSecondPerGpu();
        }
        all.addAll(front);
        all.addAll(decodePool);
        sampled = all.toArray(new Replica[0]);
        if (Boolean.parseBoolean(System.getProperty(FAST_FORWARD_PROPERTY, "true"))) {
            for (Replica r : sampled) {
                r.fastForward(this::changed);
            }
            simulator.onExternalScheduled(t -> {
                for (Replica r : sampled) {
                    r.cutSegment(t);
                }
            });
        }
    }

    /**
     * A replica's waiting count or KV blocks changed after the last sample: the step-by-step path records it at the
     * next iteration end of any replica, which may be a skipped iteration of a fast-forward segment, so a sample
     * event stands in for that iteration end (at that time every replica's sampled state is what it would be).
     */
    private void changed() {
        double now = simulator.now();
        double at = Double.POSITIVE_INFINITY;
        Replica owner = null;
        for (Replica r : sampled) {
            if (r.inSegment()) {
                double t = r.nextSkippedEnd(now);
                if (t < at) {
                    at = t;
                    owner = r;
                }
            }
        }
        if (owner == null) {
            return;
        }
        SampleAt p = pendingSample;
        if (p != null && p.isPending() && p.time() > now && p.time() <= at
                && p.replica.isSkippedEnd(p.generation, p.time())) {
            return;
        }
        pendingSample = new SampleAt(owner, owner.segmentGeneration());
        simulator.schedule(pendingSample, at);
    }

    /** Accounts the iterations of fast-forward segments still running (the run stopped at its horizon). */
    public void settle() {
        for (Replica r : sampled) {
            r.settle();
        }
    }

    private Replica replica(int index, ReplicaRole role, PerformanceModel model, SchedulerPolicy policy, int window,
                            double kvPerToken) {
        Replica[] self = new Replica[1];
        SequenceListener listener = new SequenceListener() {
            @Override
            public void admitted(Sequence s, double now, boolean firstTime) {
                if (firstTime) {
                    metrics.firstAdmission(s.request(), now - s.request().arrivalTime());
                }
            }

            @Override
            public void firstToken(Sequence s, double now) {
            }

            @Override
            public void finished(Sequence s, double now) {
                metrics.finished(s.request(), s.firstTokenTime(), now);
                onFinished.accept(s.request());
            }

            @Override
            public void preempted(Sequence s, long availableBlocks, long neededBlocks, double now) {
            }

            @Override
            public void prefillHandedOff(Sequence s, double now) {
                simulator.scheduleAfter(new KvTransfer(s, self[0]),
                        s.request().inputTokens() * transferSecondsPerToken);
            }
        };
        ReplicaScheduler scheduler = new ReplicaScheduler(policy, role, kvBlocksPerReplica, window, kvPerToken,
                listener);
        self[0] = new Replica(index, role, model, scheduler, simulator, decodeCosts, speculation, draft,
                this::sample);
        return self[0];
    }

    public List<Replica> replicas() {
        return all;
    }

    public long kvBlocksPerReplica() {
        return kvBlocksPerReplica;
    }

    public void arrive(Request r) {
        metrics.arrived(r, simulator.now());
        Replica first = front.get(0);
        boolean fits = first.scheduler().canEverFit(r.inputTokens(), r.outputTokens())
                && (decodePool.isEmpty() || decodePool.get(0).scheduler().canEverFit(r.inputTokens(), r.outputTokens()));
        if (!fits) {
            metrics.dropped(r, DROP_TOO_LONG, simulator.now());
            onFinished.accept(r);
            return;
        }
        Replica target = front.get(router.choose(r, front));
        target.submit(new Sequence(r, classes.get(r.requestClass()).priority()));
    }

    private void sample() {
        double now = simulator.now();
        int waiting = 0;
        int running = 0;
        double kv = 0;
        Replica[] replicas = sampled;
        for (Replica r : replicas) {
            r.refreshSample(); // only replicas whose scheduler changed since the last sample are re-read
            waiting += r.sampledWaiting();
            running += r.sampledRunning();
            kv += r.sampledKvLoad();
        }
        metrics.sampleQueueLength(now, waiting);
        metrics.sampleKvOccupancy(now, kv / all.size());
        metrics.sampleRunningSequences(now, running);
    }

    public int gpus() {
        return all.stream().mapToInt(Replica::gpus).sum();
    }

    /** The sample the step-by-step path takes at the end of a skipped iteration. */
    private final class SampleAt extends Event {
        private final Replica replica;
        private final long generation;

        SampleAt(Replica replica, long generation) {
            this.replica = replica;
            this.generation = generation;
        }

        @Override
        protected boolean external() {
            return false;
        }

        @Override
        protected void fire() {
            simulator.countEvents(-1);
            if (replica.isSkippedEnd(generation, time())) {
                sample();
            }
        }
    }

    private final class KvTransfer extends Event {
        private final Sequence sequence;
        private final Replica from;

        KvTransfer(Sequence sequence, Replica from) {
            this.sequence = sequence;
            this.from = from;
        }

        @Override
        protected void fire() {
            from.scheduler().release(sequence);
            from.startIfIdle();
            changed();
            Replica to = decodePool.get(decodeRouter.choose(sequence.request(), decodePool));
            to.submit(sequence);
        }
    }
}

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
    /**
     * System property: {@code false} costs every decode-only iteration on its own instead of timing and accounting
     * decode runs in closed form (the figures agree up to rounding; it exists to prove that).
     */
    public static final String DECODE_RUNS_PROPERTY = "tokenomics.engine.decodeRuns";

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
    private final Replica[] replicaArray;
    private final ClusterLoad load;
    private final DecodeCostCache decodeCosts = new DecodeCostCache();
    private final Speculation speculation;
    private final PerformanceModel draft;

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
        int replicaCount = disaggregation == null ? replicas
                : disaggregation.prefillReplicas() + disaggregation.decodeReplicas();
        this.load = new ClusterLoad(metrics, metrics.kvOccupancySeries(1.0 / ((double) kvBlocksPerReplica * replicaCount)));
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
        replicaArray = all.toArray(new Replica[0]);
        load.replicas(replicaArray);
        if (Boolean.parseBoolean(System.getProperty(FAST_FORWARD_PROPERTY, "true"))) {
            for (Replica r : replicaArray) {
                r.fastForward();
            }
            simulator.onExternalScheduled(t -> {
                for (Replica r : replicaArray) {
                    r.cutSegment(t);
                }
            });
        }
    }

    /**
     * Ends the run's accounting at {@code end}: the iterations of fast-forward segments still running (stopped at
     * the horizon; all planned before it) applied, the KV series closed.
     */
    public void close(double end) {
        load.close(end);
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
        self[0] = new Replica(index, role, model, scheduler, simulator, decodeCosts, speculation, draft, load);
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
        load.catchUp(simulator.now()); // fast-forwarded replicas show the router their state as of now
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

    public int gpus() {
        return all.stream().mapToInt(Replica::gpus).sum();
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
            double now = simulator.now();
            load.catchUp(now);
            from.scheduler().release(sequence);
            from.startIfIdle();
            from.observe(now);
            Replica to = decodePool.get(decodeRouter.choose(sequence.request(), decodePool));
            to.submit(sequence);
        }
    }
}

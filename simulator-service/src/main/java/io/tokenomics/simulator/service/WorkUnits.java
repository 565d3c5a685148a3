package io.tokenomics.simulator.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationFailed;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.Sweep;
import io.tokenomics.simulator.domain.SimulationShard;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.engine.metrics.LatencyDistribution;
import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.repository.SimulationShardRepository;
import jakarta.persistence.LockModeType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes one work unit (a simulation, or one sweep point) on a worker thread:
 * <ol>
 *   <li>claim: in a transaction, the job becomes RUNNING and its attempt is counted (a finished or deleted job makes
 *   the unit a duplicate, acknowledged without work);</li>
 *   <li>compute: the engine runs here, off the event loop, writing progress (a cancelled job stops it);</li>
 *   <li>complete: in one transaction the result, the job's new state, its {@code simulation.results} event (outbox)
 *   and, for a sweep point, the sweep's aggregation. Only the transaction that moves the job out of RUNNING writes
 *   the event (optimistic version), so a unit redelivered after a crash is counted once.</li>
 * </ol>
 * A fault (any exception but a cancellation) is retried with backoff; after {@code simulator.units.max-attempts}
 * attempts, counted across redeliveries, the unit goes to the dead-letter topic and the job fails with the reason.
 */
@ApplicationScoped
public class WorkUnits {
    private static final Logger LOG = Logger.getLogger(WorkUnits.class);

    /** The dead-letter record: the original unit and why it was given up. */
    public record DeadLetter(String simulationId, int attempts, String reason, String unit) {
    }

    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;
    @Inject
    SimulationRunner runner;
    @Inject
    ProgressWriter progress;
    @Inject
    SweepAggregation sweeps;
    @Inject
    SimulatorConfig config;
    @Inject
    SimulatorMetrics metrics;
    @Inject
    SimulationShardRepository shards;
    @Inject
    DiscreteEventEngine discreteEvent;
    @Inject
    JobDocuments documents;

    /** Blocking: call on a worker thread. Returns normally once the unit is done with (also when dead-lettered). */
    public void process(String payload) {
        SimulationRequested unit;
        try {
            String type = EventCodec.typeOf(payload);
            if (!EventTypes.SIMULATION_REQUESTED.equals(type)) {
                LOG.warnf("ignoring event of type %s on %s", type, Topics.SIMULATION_REQUESTS);
                return;
            }
            unit = EventCodec.decode(payload, SimulationRequested.class).data();
            if (unit == null || unit.simulationId() == null) {
                throw new EventCodec.MalformedEventException("work unit without a simulation id", null);
            }
        } catch (EventCodec.MalformedEventException e) {
            LOG.errorf("malformed work unit to the dead-letter topic: %s", e.getMessage());
            await(() -> Panache.withTransaction(() -> deadLetterRecord(null, 0, "malformed work unit: " + e.getMessage(),
                    payload)));
            metrics.unit("dead-lettered");
            return;
        }
        String id = unit.simulationId();
        if (unit.shard() != null) {
            processShard(id, unit.shard(), unit.shards() == null ? 0 : unit.shards(), payload);
            return;
        }
        int maxAttempts = config.units().maxAttempts();
        Duration backoff = config.units().retryBackoff();
        while (true) {
            SimulationJob job = await(() -> claim(id));
            if (job == null) {
                metrics.unit("duplicate");
                return;
            }
            if (job.attempts > maxAttempts) {
                // earlier attempts crashed the process (or were all used): give up without another run
                deadLetter(id, job.attempts - 1, "gave up after " + (job.attempts - 1) + " attempts that never finished",
                        payload);
                return;
            }
            long start = System.nanoTime();
            try {
                SimulationRunner.Computed computed = runner.compute(job,
                        progress.forJob(id, config.units().progressInterval()));
                metrics.unitDuration(Duration.ofNanos(System.nanoTime() - start));
                String outcome = await(() -> complete(id, computed));
                metrics.unit(outcome);
                return;
            } catch (JobCancelledException e) {
                LOG.infof("simulation %s cancelled while running", id);
                metrics.unit("cancelled");
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "work unit %s failed (attempt %d of %d)", id, job.attempts, maxAttempts);
                if (job.attempts >= maxAttempts) {
                    deadLetter(id, job.attempts, describe(e), payload);
                    return;
                }
                metrics.unit("retried");
                sleep(backoff.multipliedBy(1L << Math.min(10, job.attempts - 1)));
            }
        }
    }

    /** A shard claimed: its job (detached) and the shard's attempt. */
    record ShardClaim(SimulationJob job, int attempts) {
    }

    /**
     * One shard of a job split by replica. Claimed and completed under the job's row lock, so concurrent shards on
     * several pods count and merge one after the other; the shard's stored result (keyed by job and shard) makes a
     * redelivered shard a duplicate. The unit that completes the last shard merges all of them into the job's result.
     */
    private void processShard(String id, int shard, int shardCount, String payload) {
        int maxAttempts = config.units().maxAttempts();
        Duration backoff = config.units().retryBackoff();
        while (true) {
            ShardClaim claim = await(() -> claimShard(id, shard));
            if (claim == null) {
                metrics.unit("duplicate");
                return;
            }
            if (claim.attempts() > maxAttempts) {
                deadLetter(id, claim.attempts() - 1, "shard " + shard + " gave up after " + (claim.attempts() - 1)
                        + " attempts that never finished", payload);
                return;
            }
            long start = System.nanoTime();
            try {
                DiscreteEventEngine.ShardRun run;
                try {
                    run = discreteEvent.runShard(runner.engineScenario(claim.job()), shard, shardCount);
                } catch (io.tokenomics.contract.problem.InvalidFieldException
                         | io.tokenomics.contract.problem.InvalidFieldsException e) {
                    run = new DiscreteEventEngine.ShardRun(null, null,
                            "the stored scenario cannot be simulated: " + e.getMessage());
                }
                metrics.unitDuration(Duration.ofNanos(System.nanoTime() - start));
                DiscreteEventEngine.ShardRun computed = run;
                metrics.unit(await(() -> completeShard(id, shard, computed)));
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "shard %d of %s failed (attempt %d of %d)", shard, id, claim.attempts(), maxAttempts);
                if (claim.attempts() >= maxAttempts) {
                    deadLetter(id, claim.attempts(), "shard " + shard + ": " + describe(e), payload);
                    return;
                }
                metrics.unit("retried");
                sleep(backoff.multipliedBy(1L << Math.min(10, claim.attempts() - 1)));
            }
        }
    }

    Uni<ShardClaim> claimShard(String id, int index) {
        return Panache.withTransaction(() -> jobs.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (job == null || job.status.isTerminal()) {
                return Uni.createFrom().nullItem();
            }
            return shards.findById(SimulationShard.id(id, index)).map(shard -> {
                if (shard == null || "COMPLETED".equals(shard.status) || "FAILED".equals(shard.status)) {
                    return null;
                }
                shard.status = "RUNNING";
                shard.attempts++;
                shard.worker = instanceId();
                job.status = SimulationStatus.RUNNING;
                job.worker = shard.worker;
                if (job.startedAt == null) {
                    job.startedAt = OffsetDateTime.now();
                }
                if (job.progress == null) {
                    job.progress = "{\"percent\":0.0}";
                }
                return new ShardClaim(job, shard.attempts);
            });
        }));
    }

    Uni<String> completeShard(String id, int index, DiscreteEventEngine.ShardRun run) {
        return Panache.withTransaction(() -> jobs.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (job == null || job.status != SimulationStatus.RUNNING) {
                return Uni.createFrom().item(job == null || job.status == SimulationStatus.CANCELLED ? "cancelled" : "duplicate");
            }
            return shards.findById(SimulationShard.id(id, index)).chain(shard -> {
                if (shard == null || !"RUNNING".equals(shard.status)) {
                    return Uni.createFrom().item("duplicate");
                }
                shard.completedAt = OffsetDateTime.now();
                if (run.failure() != null) {
                    shard.status = "FAILED";
                    CloudEvent<?> event = runner.apply(job, SimulationRunner.Computed.failed(run.failure()));
                    metrics.finished(job.status.name());
                    return outbox.append(Topics.SIMULATION_RESULTS, event).replaceWith("failed");
                }
                shard.status = "COMPLETED";
                shard.report = documents.write(run.report());
                Map<String, String> latency = new LinkedHashMap<>();
                for (int i = 0; i < DiscreteEventEngine.ShardRun.LATENCIES.size(); i++) {
                    latency.put(DiscreteEventEngine.ShardRun.LATENCIES.get(i), run.latency().get(i).encode());
                }
                shard.latency = documents.write(latency);
                return shards.flush().chain(() -> shards.ofJob(id)).chain(all -> {
                    long done = all.stream().filter(s -> "COMPLETED".equals(s.status)).count();
                    if (done < all.size()) {
                        job.progress = documents.write(new EngineProgress(100.0 * done / all.size(),
                                run.report().simulatedSeconds(), Map.of("shardsCompleted", (double) done,
                                "shards", (double) all.size())));
                        return Uni.createFrom().item("completed");
                    }
                    // the last shard: merge every shard as stored (the same representation whichever pod ran it)
                    List<DiscreteEventEngine.ShardRun> stored = new ArrayList<>();
                    for (SimulationShard s : all) {
                        Map<?, ?> encoded = documents.read(s.latency, Map.class);
                        stored.add(new DiscreteEventEngine.ShardRun(documents.read(s.report, SimulationReport.class),
                                DiscreteEventEngine.ShardRun.LATENCIES.stream()
                                        .map(k -> LatencyDistribution.decode((String) encoded.get(k))).toList(), null));
                    }
                    ScenarioOutcome outcome = discreteEvent.merge(runner.engineScenario(job), stored);
                    CloudEvent<?> event = runner.apply(job, runner.computed(job, outcome));
                    metrics.finished(job.status.name());
                    return outbox.append(Topics.SIMULATION_RESULTS, event).replaceWith("completed");
                });
            });
        }));
    }

    /** The job to run, now RUNNING with one more attempt; null when there is nothing to do. */
    Uni<SimulationJob> claim(String id) {
        return Panache.withTransaction(() -> jobs.findById(id, LockModeType.PESSIMISTIC_WRITE).map(job -> {
            if (job == null) {
                LOG.warnf("work unit for unknown simulation %s (deleted?)", id);
                return null;
            }
            if (job.status.isTerminal()) {
                LOG.debugf("simulation %s already %s; duplicate delivery ignored", id, job.status);
                return null;
            }
            job.status = SimulationStatus.RUNNING;
            job.attempts++;
            job.worker = instanceId();
            if (job.startedAt == null) {
                job.startedAt = OffsetDateTime.now();
            }
            if (job.progress == null) {
                job.progress = "{\"percent\":0.0}";
            }
            return job;
        }));
    }

    /** The name recorded on the units this instance claims. */
    public String instanceId() {
        return config.instanceId().orElseGet(() -> {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
            return ProcessHandle.current().pid() + "@" + host;
        });
    }

    /**
     * Stores the outcome unless the job was cancelled, deleted or finished meanwhile; returns the unit's outcome. A
     * sweep point's sweep row is locked before the job's, as a sweep's cancel and delete do, so they never deadlock.
     */
    Uni<String> complete(String id, SimulationRunner.Computed computed) {
        return Panache.withTransaction(() -> lockedUnderItsSweep(id, (job, sweep) -> {
            if (job == null || job.status != SimulationStatus.RUNNING) {
                return Uni.createFrom().item(job == null || job.status == SimulationStatus.CANCELLED ? "cancelled" : "duplicate");
            }
            CloudEvent<?> event = runner.apply(job, computed);
            metrics.finished(job.status.name());
            String outcome = job.status == SimulationStatus.COMPLETED ? "completed" : "failed";
            return outbox.append(Topics.SIMULATION_RESULTS, event)
                    .chain(() -> sweeps.pointFinished(sweep)).replaceWith(outcome);
        }));
    }

    /**
     * Runs {@code then} with the job row locked (null when it is gone) and, for a sweep point, its sweep's row locked
     * first (null otherwise): the lock order sweep before point that every path takes.
     */
    private <T> Uni<T> lockedUnderItsSweep(String id,
                                           java.util.function.BiFunction<SimulationJob, Sweep, Uni<T>> then) {
        return jobs.sweepIdOf(id).chain(sweeps::lock)
                .chain(sweep -> jobs.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(job -> then.apply(job, sweep)));
    }

    private void deadLetter(String id, int attempts, String reason, String payload) {
        String error = "work unit failed " + attempts + " time(s) and was moved to the dead-letter topic "
                + config.units().deadLetterTopic() + ": " + reason;
        await(() -> Panache.withTransaction(() -> lockedUnderItsSweep(id, (job, sweep) -> {
            Uni<?> record = deadLetterRecord(id, attempts, reason, payload);
            if (job == null || job.status.isTerminal()) {
                return record.replaceWithVoid();
            }
            job.status = SimulationStatus.FAILED;
            job.error = error;
            job.completedAt = OffsetDateTime.now();
            metrics.finished(job.status.name());
            return record.chain(() -> outbox.append(Topics.SIMULATION_RESULTS, CloudEvent.of(SimulationService.SOURCE,
                            EventTypes.SIMULATION_FAILED, job.id, job.tenant, new SimulationFailed(job.id, error))))
                    .chain(() -> sweeps.pointFinished(sweep)).replaceWithVoid();
        })));
        metrics.unit("dead-lettered");
    }

    private Uni<?> deadLetterRecord(String id, int attempts, String reason, String payload) {
        return outbox.append(config.units().deadLetterTopic(), CloudEvent.of(SimulationService.SOURCE, EventTypes.UNIT_DEAD_LETTERED,
                id == null ? "malformed" : id, null, new DeadLetter(id, attempts, reason, payload)));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

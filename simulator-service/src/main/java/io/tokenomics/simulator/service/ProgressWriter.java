package io.tokenomics.simulator.service;

import io.tokenomics.simulator.mapping.JobDocuments;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Stores a running unit's progress on its job row, at most once per interval (plus the first report), where every
 * pod's event streams read it. A write that finds the job no longer running (cancelled or deleted) stops the unit.
 * Called on the worker thread that runs the engine; uses the reactive pool directly (no Hibernate session needed).
 */
@ApplicationScoped
public class ProgressWriter {
    @Inject
    Pool pool;
    @Inject
    JobDocuments documents;

    public ScenarioEngine.ProgressListener forJob(String jobId, Duration interval) {
        long every = interval.toNanos();
        long[] last = {System.nanoTime() - every};
        return progress -> {
            long now = System.nanoTime();
            if (now - last[0] < every && progress.percent() < 100) {
                return;
            }
            last[0] = now;
            int updated = pool.preparedQuery("update simulation set progress = $1 where id = $2 and status = 'RUNNING'")
                    .execute(Tuple.of(documents.write(progress), jobId))
                    .await().atMost(Duration.ofSeconds(10))
                    .rowCount();
            if (updated == 0) {
                throw new JobCancelledException(jobId);
            }
        };
    }
}

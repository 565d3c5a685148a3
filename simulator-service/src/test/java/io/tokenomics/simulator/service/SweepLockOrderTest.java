package io.tokenomics.simulator.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock order between a sweep and its points, on the real PostgreSQL: a sweep's cancel and delete lock the sweep row
 * and then its points, so a finishing point must lock its sweep before itself; the other order deadlocks (PostgreSQL
 * then aborts one side: a 500 on the cancel, or a unit redelivered). While another transaction holds the sweep row, a
 * finishing point waits for it without holding its own row.
 */
@QuarkusTest
class SweepLockOrderTest {
    @Inject
    WorkUnits units;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFinishingPointWaitsForItsSweepBeforeLockingItsOwnRow() throws Exception {
        String sweepId = UUID.randomUUID().toString();
        String pointId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            update(c, "insert into sweep (id, tenant, name, status, scenario, grid, model, accelerator, model_id, "
                    + "accelerator_id, points, created_by, created_at) values (?, 'lock-order', 'lock order', "
                    + "'RUNNING', '{}', '{}', '{}', '{}', 'llama-3.1-8b', 'H100', 1, 'test', ?)", sweepId, OffsetDateTime.now());
            update(c, "insert into simulation (id, tenant, name, status, scenario, accelerator, model, created_by, "
                    + "created_at, sweep_id, point_index, attempts) values (?, 'lock-order', 'point 0', 'RUNNING', '{}', "
                    + "'{}', '{}', 'test', ?, ?, 0, 1)", pointId, OffsetDateTime.now(), sweepId);
        }

        CompletableFuture<String> finishing;
        try (Connection holder = dataSource.getConnection()) {
            // what a cancel or delete of the sweep holds first
            holder.setAutoCommit(false);
            query(holder, "select id from sweep where id = ? for update", sweepId).close();

            finishing = CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() ->
                            units.complete(pointId, SimulationRunner.Computed.failed("lock-order test")));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitALockWait();
            assertThat(finishing).isNotDone();
            try (Connection probe = dataSource.getConnection()) {
                probe.setAutoCommit(false);
                // the point's row is free while the finishing unit waits for the sweep (NOWAIT throws otherwise)
                try (ResultSet row = query(probe, "select id from simulation where id = ? for update nowait", pointId)) {
                    assertThat(row.next()).isTrue();
                }
                probe.rollback();
            }
            holder.commit();
        }
        assertThat(finishing.get(30, TimeUnit.SECONDS)).isEqualTo("failed");
        try (Connection c = dataSource.getConnection();
             ResultSet point = query(c, "select status from simulation where id = ?", pointId)) {
            assertThat(point.next()).isTrue();
            assertThat(point.getString(1)).isEqualTo("FAILED");
        }
        try (Connection c = dataSource.getConnection();
             ResultSet sweep = query(c, "select status from sweep where id = ?", sweepId)) {
            assertThat(sweep.next()).isTrue();
            assertThat(sweep.getString(1)).as("its last point finished").isNotEqualTo("RUNNING");
        }
    }

    /** Waits until some session waits for a row lock (the finishing unit, blocked on the sweep row). */
    private void awaitALockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                 ResultSet waiting = c.createStatement().executeQuery(
                         "select count(*) from pg_locks where not granted")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the finishing unit never waited for the sweep row");
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static ResultSet query(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        s.closeOnCompletion();
        return s.executeQuery();
    }
}

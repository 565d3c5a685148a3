package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One shard of a job split by replica: its own work unit, its stored report and latency distributions. Status is
 * QUEUED, RUNNING, COMPLETED or FAILED (the job carries cancellation).
 */
@Entity
@Table(name = "simulation_shard")
public class SimulationShard {
    @Id
    public String id;
    @Column(name = "simulation_id")
    public String simulationId;
    public int shard;
    public String status;
    public int attempts;
    public String worker;
    public String report;
    public String latency;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    public static String id(String simulationId, int shard) {
        return simulationId + ":" + shard;
    }
}

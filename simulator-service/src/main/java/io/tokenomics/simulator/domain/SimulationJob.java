package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * A tenant's simulation job with the scenario and catalog facts it was created with (JSON documents). A job is one
 * work unit; a sweep's points are jobs too ({@link #sweepId} set), each its own unit.
 */
@Entity
@Table(name = "simulation")
public class SimulationJob {
    @Id
    public String id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public SimulationStatus status;
    /** The validated scenario as submitted (with the catalog revisions it was pinned to), JSON. */
    public String scenario;
    /** The accelerator's catalog entry at creation time, JSON. */
    public String accelerator;
    /** The model's catalog entry at its pinned revision, JSON; null for a skeleton (parameter-count) scenario. */
    public String model;
    /** The speculation's catalog draft model at its pinned revision, JSON (null without one). */
    @Column(name = "draft_model")
    public String draftModel;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "accelerator_id")
    public String acceleratorId;
    /** The result document once completed, JSON. */
    public String result;
    public String error;
    /** Latest progress report, JSON. */
    public String progress;
    @Column(name = "sweep_id")
    public String sweepId;
    @Column(name = "point_index")
    public Integer pointIndex;
    /** Processing attempts of this job's work unit (a poison unit is dead-lettered after a bounded number). */
    public int attempts;
    /** The simulator instance ({@code simulator.instance-id}) that last claimed this job's unit. */
    public String worker;
    @Column(name = "rerun_of")
    public String rerunOf;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Version
    public int version;
}

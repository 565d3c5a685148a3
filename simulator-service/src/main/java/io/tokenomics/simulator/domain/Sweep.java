package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/** A grid of scenarios: one {@link SimulationJob} per point, aggregated into one result with a Pareto frontier. */
@Entity
@Table(name = "sweep")
public class Sweep {
    @Id
    public String id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public SimulationStatus status;
    public String scenario;
    public String grid;
    public String model;
    /** The speculation's catalog draft model at its pinned revision, JSON (null without one). */
    @Column(name = "draft_model")
    public String draftModel;
    public String accelerator;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "accelerator_id")
    public String acceleratorId;
    public int points;
    public String result;
    public String error;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Version
    public int version;
}

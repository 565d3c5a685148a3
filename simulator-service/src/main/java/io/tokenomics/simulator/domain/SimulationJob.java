package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/** A tenant's simulation job with the scenario and catalog facts it was created with (JSON documents). */
@Entity
@Table(name = "simulation")
public class SimulationJob {
    @Id
    public String id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public SimulationStatus status;
    /** The validated scenario as submitted, JSON. */
    public String scenario;
    /** The accelerator's catalog entry at creation time, JSON. */
    public String accelerator;
    /** The result document once completed, JSON. */
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

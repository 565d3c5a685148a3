package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A tenant's uploaded request trace (immutable) with its summary figures. */
@Entity
@Table(name = "request_trace")
public class RequestTrace {
    @Id
    public String id;
    public String tenant;
    public String name;
    /** csv or jsonl */
    public String format;
    public long bytes;
    public long requests;
    @Column(name = "first_timestamp")
    public double firstTimestamp;
    @Column(name = "last_timestamp")
    public double lastTimestamp;
    @Column(name = "mean_input")
    public double meanInput;
    @Column(name = "mean_output")
    public double meanOutput;
    @Column(name = "max_input")
    public int maxInput;
    @Column(name = "max_output")
    public int maxOutput;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}

package io.tokenomics.simulator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The lines of an uploaded trace (kept apart from its summary so lists never load them). */
@Entity
@Table(name = "request_trace_content")
public class RequestTraceContent {
    @Id
    @Column(name = "trace_id")
    public String traceId;
    public String content;
}

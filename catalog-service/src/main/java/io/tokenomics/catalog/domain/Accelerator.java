package io.tokenomics.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An accelerator's sourced facts. {@code tenant == null} marks a public catalog entry. */
@Entity
@Table(name = "accelerator")
public class Accelerator {
    @Id
    public String id;
    public String tenant;
    public String vendor;
    public String name;
    public String status;
    @Column(name = "memory_gb")
    public BigDecimal memoryGb;
    @Column(name = "memory_type")
    public String memoryType;
    @Column(name = "memory_bandwidth_tbps")
    public BigDecimal memoryBandwidthTbps;
    @Column(name = "bf16_dense_tflops")
    public BigDecimal bf16DenseTflops;
    @Column(name = "fp8_dense_tflops")
    public BigDecimal fp8DenseTflops;
    @Column(name = "fp4_dense_tflops")
    public BigDecimal fp4DenseTflops;
    @Column(name = "tdp_watts")
    public Integer tdpWatts;
    public String source;
    public int revision;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}

package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;

/** What one GPU-hour of an accelerator costs, with where the figure comes from. */
@Entity
@Table(name = "gpu_hour_rate")
public class GpuHourRate {
    @Id
    @Column(name = "accelerator_id")
    public String acceleratorId;
    @Column(name = "usd_per_gpu_hour")
    public BigDecimal usdPerGpuHour;
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    public String currency;
    /** {@link RateBasis#SOURCED} or {@link RateBasis#ASSUMPTION}. */
    @Column(name = "rate_basis")
    public String rateBasis;
    public String source;
    public String note;
}

package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The cost figure of one finished simulation: US dollars per million output tokens for one model replica running at
 * the simulated decode rate. Written once, from the first {@code simulation.completed} event of the simulation.
 */
@Entity
@Table(name = "simulation_cost")
public class SimulationCost {
    @Id
    @Column(name = "simulation_id")
    public String simulationId;
    public String tenant;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "accelerator_id")
    public String acceleratorId;
    @Column(name = "accelerator_count")
    public int acceleratorCount;
    @Column(name = "usd_per_gpu_hour")
    public BigDecimal usdPerGpuHour;
    /** {@link RateBasis#SOURCED}, {@link RateBasis#ASSUMPTION} or {@link RateBasis#DEFAULT}. */
    @Column(name = "rate_basis")
    public String rateBasis;
    @Column(name = "decode_step_seconds")
    public Double decodeStepSeconds;
    @Column(name = "output_tokens_per_second")
    public double outputTokensPerSecond;
    @Column(name = "usd_per_million_output_tokens")
    public BigDecimal usdPerMillionOutputTokens;
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    public String currency;
    public String method;
    @Column(name = "computed_at", insertable = false, updatable = false)
    public OffsetDateTime computedAt;
}

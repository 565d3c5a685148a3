package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An immutable quote: a simulation's figures priced with one price-book revision. */
@Entity
@Table(name = "quote")
public class Quote {
    public static final String ORIGIN_EVENT = "event";
    public static final String ORIGIN_RECOMPUTE = "recompute";

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "simulation_id")
    public String simulationId;
    public String origin;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "price_book_id")
    public UUID priceBookId;
    @Column(name = "price_book_revision")
    public int priceBookRevision;
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    public String currency;
    @Column(name = "per_million_output_tokens")
    public BigDecimal perMillionOutputTokens;
    @Column(name = "figures_json")
    public String figuresJson;
    @Column(name = "result_json")
    public String resultJson;
    @Column(name = "computed_at", insertable = false, updatable = false)
    public OffsetDateTime computedAt;
}

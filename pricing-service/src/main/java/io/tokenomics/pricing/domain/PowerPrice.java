package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A regional electricity price with its source (basis {@code sourced}, {@code upper-bound} or {@code assumption}). */
@Entity
@Table(name = "power_price")
public class PowerPrice {
    @Id
    public String region;
    @Column(name = "usd_per_kwh")
    public BigDecimal usdPerKwh;
    public String basis;
    public String description;
    public String source;
}

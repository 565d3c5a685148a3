package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The default price book of a tenant ({@code scope} = tenant id) or of the platform ({@code scope} = {@value #PLATFORM}). */
@Entity
@Table(name = "default_price_book")
public class DefaultPriceBook {
    public static final String PLATFORM = "*";
    @Id
    public String scope;
    @Column(name = "price_book_id")
    public UUID priceBookId;
}

package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One immutable revision of a price book's terms (JSON of {@link PriceBookTerms}). */
@Entity
@Table(name = "price_book_revision")
@IdClass(PriceBookRevision.Key.class)
public class PriceBookRevision {
    @Id
    @Column(name = "price_book_id")
    public UUID priceBookId;
    @Id
    public int revision;
    @Column(name = "terms_json")
    public String termsJson;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static class Key implements Serializable {
        public UUID priceBookId;
        public int revision;

        public Key() {
        }

        public Key(UUID priceBookId, int revision) {
            this.priceBookId = priceBookId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.revision == revision && Objects.equals(k.priceBookId, priceBookId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(priceBookId, revision);
        }
    }
}

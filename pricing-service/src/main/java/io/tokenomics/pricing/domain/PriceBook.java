package io.tokenomics.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A price book: owned by a tenant, or public when {@code tenant} is null. Its terms live in revisions. */
@Entity
@Table(name = "price_book")
public class PriceBook {
    @Id
    public UUID id;
    public String tenant;
    public String name;
    @Column(name = "current_revision")
    public int currentRevision;
    public boolean archived;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean isPublic() {
        return tenant == null;
    }
}

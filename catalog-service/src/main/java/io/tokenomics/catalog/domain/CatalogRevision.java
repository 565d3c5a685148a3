package io.tokenomics.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One immutable revision of a catalog entity: who changed what and when, and the whole document as it was then. */
@Entity
@Table(name = "catalog_revision")
public class CatalogRevision {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long uid;
    @Column(name = "entry_uid")
    public Long entryUid;
    public String kind;
    public String id;
    public String tenant;
    public boolean override;
    public int revision;
    /** {@code created}, {@code revised} or {@code deleted}. */
    public String change;
    /** Comma-separated names of the fields that differ from the previous revision. */
    @Column(name = "changed_fields")
    public String changedFields;
    public String document;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}

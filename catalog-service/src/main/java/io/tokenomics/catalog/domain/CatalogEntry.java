package io.tokenomics.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The latest state of one catalog entity. {@code tenant == null} marks a public entry; a tenant row is a private
 * entry, or with {@code override} the tenant's private override of the public entry with the same kind and id (its
 * document then holds only the overridden fields). Deletion leaves a tombstone ({@code deleted}).
 */
@Entity
@Table(name = "catalog_entry")
public class CatalogEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long uid;
    public String kind;
    public String id;
    public String tenant;
    public boolean override;
    public int revision;
    public boolean deleted;
    /** The spec (or, for an override, the overridden fields), JSON. */
    public String document;
    /** Figures derived from the spec and stored with it (model parameter counts, KV bytes per token), JSON. */
    public String derived;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}

package io.tokenomics.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tokenomics.catalog.config.CatalogConfig;
import io.tokenomics.catalog.domain.CatalogEntry;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.catalog.domain.CatalogRevision;
import io.tokenomics.catalog.domain.CatalogSpec;
import io.tokenomics.catalog.domain.ModelDerivation;
import io.tokenomics.catalog.domain.ModelSpec;
import io.tokenomics.catalog.domain.SystemSpec;
import io.tokenomics.catalog.mapping.Documents;
import io.tokenomics.catalog.repository.CatalogEntryRepository;
import io.tokenomics.catalog.repository.CatalogRevisionRepository;
import io.tokenomics.catalog.repository.TenantScope;
import io.tokenomics.contract.events.CatalogChanged;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.contract.problem.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The catalog's rules: who sees and writes which entry, revisions, tombstones, overrides and the change events.
 * Every method runs in one transaction bound to the caller's tenant ({@link TenantScope}); a write, its revision and
 * its {@code catalog.changed} event commit together (transactional outbox) or not at all.
 */
@ApplicationScoped
public class CatalogService {
    static final String SOURCE = "/catalog-service";

    @Inject
    CatalogEntryRepository entries;
    @Inject
    CatalogRevisionRepository revisions;
    @Inject
    TenantScope scope;
    @Inject
    OutboxRepository outbox;
    @Inject
    Documents documents;
    @Inject
    Validator validator;
    @Inject
    CatalogConfig config;
    @Inject
    CatalogListing listing;

    /** What the caller sees under one id: its private entry, or the public entry with the caller's override. */
    record Resolved(CatalogEntry base, CatalogEntry override) {
    }

    // ------------------------------------------------------------------ reads

    public Uni<Page> list(CatalogKind kind, Caller caller, ListQuery query) {
        listing.checkQuery(kind, query);
        return inTransaction(caller, false, () -> entries.listVisible(kind, caller.tenant()))
                .map(rows -> listing.page(kind, resolveAll(rows).stream().map(r -> view(kind, r)).toList(), query));
    }

    public Uni<ObjectNode> get(CatalogKind kind, String id, Caller caller) {
        return inTransaction(caller, false, () -> entries.findVisible(kind, id, caller.tenant()))
                .map(rows -> view(kind, resolveOrThrow(kind, id, rows)));
    }

    public Uni<ObjectNode> compare(CatalogKind kind, List<String> ids, Caller caller) {
        if (ids.size() < 2 || ids.size() > config.maxCompare()) {
            throw new InvalidFieldException("ids", "give 2 to " + config.maxCompare() + " comma-separated ids");
        }
        return inTransaction(caller, false, () -> entries.listVisible(kind, caller.tenant())).map(rows -> {
            Map<String, ObjectNode> byId = new LinkedHashMap<>();
            resolveAll(rows).forEach(r -> byId.put(r.base().id, view(kind, r)));
            List<ObjectNode> views = new ArrayList<>();
            for (String id : ids) {
                ObjectNode view = byId.get(id);
                if (view == null) {
                    throw new InvalidFieldException("ids", "no " + kind.entity() + " '" + id + "'");
                }
                views.add(view);
            }
            return listing.compare(kind, ids, views);
        });
    }

    public Uni<List<ObjectNode>> revisionHistory(CatalogKind kind, String id, boolean override, Caller caller) {
        return inTransaction(caller, false, () -> revisionTarget(kind, id, override, caller)
                .chain(entry -> revisions.history(entry.uid)))
                .map(list -> list.stream().map(r -> revisionView(kind, r)).toList());
    }

    public Uni<ObjectNode> revision(CatalogKind kind, String id, int n, boolean override, Caller caller) {
        return inTransaction(caller, false, () -> revisionTarget(kind, id, override, caller)
                .chain(entry -> revisions.revision(entry.uid, n)))
                .map(r -> {
                    if (r == null) {
                        throw new NotFoundException(kind.entity() + " '" + id + "' has no revision " + n);
                    }
                    return revisionView(kind, r);
                });
    }

    // ------------------------------------------------------------------ writes

    /** Creates a public entry ({@code publicEntry}, platform-admin only) or one private to the caller's tenant. */
    public Uni<ObjectNode> create(CatalogKind kind, String id, ObjectNode body, boolean publicEntry, Caller caller) {
        if (publicEntry && !caller.platformAdmin()) {
            throw new ForbiddenException("only a platform-admin creates public entries");
        }
        checkId(id);
        CatalogSpec spec = validInput(kind, body, publicEntry);
        String owner = publicEntry ? null : caller.tenant();
        return inTransaction(caller, publicEntry, () -> checkReferences(kind, spec, caller)
                .chain(() -> entries.lockOwned(kind, id, owner))
                .chain(existing -> {
                    if (existing != null && !existing.deleted) {
                        throw conflict(kind.entity() + " '" + id + "' exists; update it with PUT and If-Match");
                    }
                    Uni<Void> check = publicEntry ? Uni.createFrom().voidItem()
                            : entries.findOwned(kind, id, null).invoke(pub -> {
                                if (pub != null && !pub.deleted) {
                                    throw conflict("a public " + kind.entity() + " '" + id
                                            + "' exists; override its fields with PUT .../" + id + "/override");
                                }
                            }).replaceWithVoid();
                    return check.chain(() -> {
                        CatalogEntry entry = existing != null ? existing : newEntry(kind, id, owner, false);
                        return write(kind, entry, documents.canonical(spec), derived(spec), "created", caller);
                    });
                })
                .map(entry -> view(kind, new Resolved(entry, null))))
                .onFailure(CatalogService::isOwnerConflict)
                .transform(e -> conflict(kind.entity() + " '" + id + "' exists"));
    }

    /** Replaces the entry's fields; {@code ifMatch} must name its current revision. */
    public Uni<ObjectNode> update(CatalogKind kind, String id, ObjectNode body, String ifMatch, Caller caller) {
        return inTransaction(caller, caller.platformAdmin(), () -> writeTarget(kind, id, caller).chain(entry -> {
            CatalogSpec spec = validInput(kind, body, entry.tenant == null);
            checkIfMatch(ifMatch, entry);
            return checkReferences(kind, spec, caller)
                    .chain(() -> write(kind, entry, documents.canonical(spec), derived(spec), "revised", caller));
        }).map(entry -> view(kind, new Resolved(entry, null))));
    }

    /** Deletes by a tombstone revision; older revisions stay readable. */
    public Uni<Void> delete(CatalogKind kind, String id, String ifMatch, Caller caller) {
        return inTransaction(caller, caller.platformAdmin(), () -> writeTarget(kind, id, caller).chain(entry -> {
            checkIfMatch(ifMatch, entry);
            return write(kind, entry, documents.parse(entry.document), entry.derived, "deleted", caller);
        })).replaceWithVoid();
    }

    /**
     * Sets the caller's tenant's override of a public entry: the given fields replace the public values for this
     * tenant only. The merged entry must be valid. A first override needs no If-Match, a change to one does.
     */
    public Uni<ObjectNode> putOverride(CatalogKind kind, String id, ObjectNode fields, String ifMatch, Caller caller) {
        ObjectNode patch = Documents.withoutNulls(fields.deepCopy());
        if (patch.isEmpty()) {
            throw new InvalidFieldException("body", "an override needs at least one field; DELETE removes it");
        }
        return inTransaction(caller, false, () -> entries.findVisible(kind, id, caller.tenant()).chain(rows -> {
            CatalogEntry pub = rows.stream().filter(r -> r.tenant == null && !r.deleted).findFirst()
                    .orElseThrow(() -> new NotFoundException("no public " + kind.entity() + " '" + id + "' to override"));
            ObjectNode merged = documents.parse(pub.document);
            merged.setAll(patch);
            CatalogSpec spec = validInput(kind, merged, false);
            ObjectNode canonicalPatch = documents.canonical(spec);
            canonicalPatch.retain(iterable(patch));
            return checkReferences(kind, spec, caller)
                    .chain(() -> entries.lockOwned(kind, id, caller.tenant()))
                    .chain(existing -> {
                        if (existing != null && !existing.override) {
                            throw conflict("the tenant has a private " + kind.entity() + " '" + id + "'");
                        }
                        if (existing != null && !existing.deleted) {
                            checkIfMatch(ifMatch, existing);
                        }
                        CatalogEntry entry = existing != null ? existing : newEntry(kind, id, caller.tenant(), true);
                        String change = existing == null || existing.deleted ? "created" : "revised";
                        return write(kind, entry, canonicalPatch, null, change, caller)
                                .map(saved -> view(kind, new Resolved(pub, saved)));
                    });
        }));
    }

    public Uni<Void> deleteOverride(CatalogKind kind, String id, String ifMatch, Caller caller) {
        return inTransaction(caller, false, () -> entries.lockOwned(kind, id, caller.tenant()).chain(entry -> {
            if (entry == null || !entry.override || entry.deleted) {
                throw new NotFoundException("no override of " + kind.entity() + " '" + id + "'");
            }
            checkIfMatch(ifMatch, entry);
            return write(kind, entry, documents.parse(entry.document), null, "deleted", caller);
        })).replaceWithVoid();
    }

    /**
     * The seed import's write: creates or revises one public entry unless its document is unchanged, or a person
     * revised it since the last import (the import never overwrites a platform-admin's edit). Returns whether it wrote.
     */
    public Uni<Boolean> importPublic(CatalogKind kind, String id, CatalogSpec spec, Caller seed) {
        Set<ConstraintViolation<CatalogSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException("seed " + kind.entity() + " '" + id + "' is invalid", violations);
        }
        ObjectNode document = documents.canonical(spec);
        return inTransaction(seed, true, () -> entries.lockOwned(kind, id, null).chain(existing -> {
            if (existing != null && (existing.document.equals(document.toString())
                    || !existing.updatedBy.equals(seed.user()))) {
                return Uni.createFrom().item(false);
            }
            CatalogEntry entry = existing != null ? existing : newEntry(kind, id, null, false);
            String change = existing == null || existing.deleted ? "created" : "revised";
            return write(kind, entry, document, derived(spec), change, seed).replaceWith(true);
        }));
    }

    // ------------------------------------------------------------------ internals

    private <T> Uni<T> inTransaction(Caller caller, boolean platformWrite, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> scope.bind(caller.tenant(), platformWrite && caller.platformAdmin())
                .chain(() -> work.get()));
    }

    private Uni<CatalogEntry> write(CatalogKind kind, CatalogEntry entry, ObjectNode document, String derived,
                                    String change, Caller caller) {
        boolean isNew = entry.uid == null;
        List<String> changed = isNew || entry.deleted
                ? iterableToList(document)
                : "deleted".equals(change) ? List.of() : Documents.changedFields(documents.parse(entry.document), document);
        if (!isNew && !entry.deleted && "revised".equals(change) && changed.isEmpty()) {
            return Uni.createFrom().item(entry); // an identical PUT writes no revision
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        entry.revision = isNew ? 1 : entry.revision + 1;
        entry.deleted = "deleted".equals(change);
        entry.document = document.toString();
        entry.derived = derived;
        entry.updatedBy = caller.user();
        entry.updatedAt = now;
        CatalogRevision revision = new CatalogRevision();
        revision.kind = kind.entity();
        revision.id = entry.id;
        revision.tenant = entry.tenant;
        revision.override = entry.override;
        revision.revision = entry.revision;
        revision.change = change;
        revision.changedFields = String.join(",", changed);
        revision.document = entry.document;
        revision.changedBy = caller.user();
        revision.changedAt = now;
        var event = CloudEvent.of(SOURCE, EventTypes.CATALOG_CHANGED, eventKey(kind, entry), entry.tenant,
                new CatalogChanged(kind.entity(), entry.id, entry.revision, change));
        return (isNew ? entries.persist(entry) : Uni.createFrom().item(entry))
                .call(entries::flush)
                .call(saved -> {
                    revision.entryUid = saved.uid;
                    return revisions.persist(revision);
                })
                .call(() -> outbox.append(Topics.CATALOG_CHANGES, event));
    }

    /**
     * The Kafka key of a change: one key per catalog entity so that compaction keeps the latest change of each. A
     * tenant's private entry or override may share its id with a public entry, so the key names the owner too.
     */
    static String eventKey(CatalogKind kind, CatalogEntry entry) {
        return kind.entity() + "/" + entry.id + (entry.tenant == null ? "" : "@" + entry.tenant);
    }

    private static CatalogEntry newEntry(CatalogKind kind, String id, String tenant, boolean override) {
        CatalogEntry entry = new CatalogEntry();
        entry.kind = kind.entity();
        entry.id = id;
        entry.tenant = tenant;
        entry.override = override;
        return entry;
    }

    /** The row PUT/DELETE on {@code /{id}} changes: the tenant's private entry, else the public one (platform-admin). */
    private Uni<CatalogEntry> writeTarget(CatalogKind kind, String id, Caller caller) {
        return entries.lockOwned(kind, id, caller.tenant()).chain(own -> {
            if (own != null && !own.override && !own.deleted) {
                return Uni.createFrom().item(own);
            }
            return entries.findOwned(kind, id, null).chain(pub -> {
                if (pub == null || pub.deleted) {
                    throw new NotFoundException("no " + kind.entity() + " '" + id + "'");
                }
                if (!caller.platformAdmin()) {
                    throw new ForbiddenException("public entries are changed by a platform-admin; "
                            + "a tenant-admin overrides them with PUT .../" + id + "/override");
                }
                return entries.lockOwned(kind, id, null);
            });
        });
    }

    /** The row whose revisions {@code /{id}/revisions} reads; tombstoned entries stay readable there. */
    private Uni<CatalogEntry> revisionTarget(CatalogKind kind, String id, boolean override, Caller caller) {
        return entries.findVisible(kind, id, caller.tenant()).map(rows -> {
            CatalogEntry own = rows.stream().filter(r -> r.tenant != null).findFirst().orElse(null);
            CatalogEntry pub = rows.stream().filter(r -> r.tenant == null).findFirst().orElse(null);
            CatalogEntry target = override
                    ? (own != null && own.override ? own : null)
                    : (own != null && !own.override ? own : pub);
            if (target == null) {
                throw new NotFoundException("no " + (override ? "override of " : "") + kind.entity() + " '" + id + "'");
            }
            return target;
        });
    }

    private List<Resolved> resolveAll(List<CatalogEntry> rows) {
        Map<String, CatalogEntry> pub = new LinkedHashMap<>();
        Map<String, CatalogEntry> own = new LinkedHashMap<>();
        for (CatalogEntry row : rows) {
            (row.tenant == null ? pub : own).put(row.id, row);
        }
        Set<String> ids = new HashSet<>(pub.keySet());
        ids.addAll(own.keySet());
        List<Resolved> resolved = new ArrayList<>();
        for (String id : ids) {
            Resolved r = resolve(pub.get(id), own.get(id));
            if (r != null) {
                resolved.add(r);
            }
        }
        return resolved;
    }

    private Resolved resolveOrThrow(CatalogKind kind, String id, List<CatalogEntry> rows) {
        CatalogEntry pub = rows.stream().filter(r -> r.tenant == null).findFirst().orElse(null);
        CatalogEntry own = rows.stream().filter(r -> r.tenant != null).findFirst().orElse(null);
        Resolved r = resolve(pub, own);
        if (r == null) {
            // another tenant's private entry answers exactly like a missing one
            throw new NotFoundException("no " + kind.entity() + " '" + id + "'");
        }
        return r;
    }

    private static Resolved resolve(CatalogEntry pub, CatalogEntry own) {
        if (own != null && !own.override && !own.deleted) {
            return new Resolved(own, null);
        }
        if (pub != null && !pub.deleted) {
            return new Resolved(pub, own != null && own.override && !own.deleted ? own : null);
        }
        return null;
    }

    /** The API view: metadata, then the (merged) spec fields, then derived figures. */
    ObjectNode view(CatalogKind kind, Resolved r) {
        ObjectNode doc = documents.parse(r.base().document);
        List<String> overridden = List.of();
        if (r.override() != null) {
            ObjectNode patch = documents.parse(r.override().document);
            overridden = iterableToList(patch);
            doc.setAll(patch);
        }
        CatalogSpec spec = documents.stored(doc, kind.specType());
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("id", r.base().id);
        view.put("kind", kind.entity());
        view.put("visibility", r.base().tenant == null ? "public" : "tenant");
        view.put("revision", r.base().revision);
        view.put("updatedAt", r.base().updatedAt.toString());
        view.put("updatedBy", r.base().updatedBy);
        if (r.override() != null) {
            view.put("overridden", true);
            ArrayNode fields = view.putArray("overriddenFields");
            overridden.forEach(fields::add);
            view.put("overrideRevision", r.override().revision);
        }
        view.setAll(documents.canonical(spec));
        if (spec.sourceSummary() != null) {
            view.put("source", spec.sourceSummary());
        }
        if (spec instanceof ModelSpec model) {
            JsonNode derived = r.override() == null && r.base().derived != null
                    ? documents.parse(r.base().derived) : documents.tree(ModelDerivation.of(model));
            if (derived != null && derived.isObject()) {
                view.setAll((ObjectNode) derived);
            }
        }
        return view;
    }

    private ObjectNode revisionView(CatalogKind kind, CatalogRevision r) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("id", r.id);
        view.put("kind", kind.entity());
        view.put("visibility", r.tenant == null ? "public" : "tenant");
        view.put("override", r.override);
        view.put("revision", r.revision);
        view.put("change", r.change);
        ArrayNode fields = view.putArray("changedFields");
        if (!r.changedFields.isEmpty()) {
            for (String f : r.changedFields.split(",")) {
                fields.add(f);
            }
        }
        view.put("changedBy", r.changedBy);
        view.put("changedAt", r.changedAt.toString());
        view.set("document", documents.parse(r.document));
        return view;
    }

    /** Bean Validation of the whole spec: every offending field at once, as one 400. */
    private CatalogSpec validInput(CatalogKind kind, ObjectNode body, boolean publicEntry) {
        CatalogSpec spec;
        try {
            spec = documents.input(body, kind.specType());
        } catch (JsonProcessingException e) {
            throw new jakarta.ws.rs.BadRequestException(e.getOriginalMessage(), e);
        }
        Set<ConstraintViolation<CatalogSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (publicEntry && (spec.sourceSummary() == null || spec.sourceSummary().isBlank())) {
            throw new InvalidFieldException(kind == CatalogKind.ACCELERATOR ? "sources" : "source",
                    "a public entry must name the source of its figures");
        }
        return spec;
    }

    /** References to other entries must be visible to the caller (a system's accelerator). */
    private Uni<Void> checkReferences(CatalogKind kind, CatalogSpec spec, Caller caller) {
        if (spec instanceof SystemSpec system) {
            return entries.findVisible(CatalogKind.ACCELERATOR, system.acceleratorId(), caller.tenant()).invoke(rows -> {
                if (resolve(rows.stream().filter(r -> r.tenant == null).findFirst().orElse(null),
                        rows.stream().filter(r -> r.tenant != null).findFirst().orElse(null)) == null) {
                    throw new InvalidFieldException("acceleratorId", "no accelerator '" + system.acceleratorId() + "'");
                }
            }).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private String derived(CatalogSpec spec) {
        return spec instanceof ModelSpec model && ModelDerivation.of(model) != null
                ? documents.json(ModelDerivation.of(model)) : null;
    }

    static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidFieldException("id", "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** {@code If-Match} must carry the entry's current ETag: missing 428, stale 412 (with the current ETag). */
    static void checkIfMatch(String ifMatch, CatalogEntry entry) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ClientErrorException("send If-Match with the ETag of the revision you changed", 428);
        }
        String current = etag(entry.revision);
        boolean matches = false;
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            matches |= t.equals(current) || t.equals("*");
        }
        if (!matches) {
            throw new ClientErrorException("the entry changed since: its current revision is " + entry.revision,
                    Response.status(412).header(HttpHeaders.ETAG, current).build());
        }
    }

    public static String etag(int revision) {
        return "\"" + revision + "\"";
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(message, 409);
    }

    private static boolean isOwnerConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("catalog_entry_owner_uk")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> iterableToList(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> iterable(ObjectNode node) {
        return new HashSet<>(iterableToList(node));
    }
}

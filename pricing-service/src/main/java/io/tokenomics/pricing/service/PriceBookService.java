package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.DefaultPriceBook;
import io.tokenomics.pricing.domain.PriceBook;
import io.tokenomics.pricing.domain.PriceBookRevision;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.mapping.DefaultPriceBookRequest;
import io.tokenomics.pricing.mapping.JsonColumns;
import io.tokenomics.pricing.mapping.PriceBookRequest;
import io.tokenomics.pricing.mapping.PriceBookRevisionView;
import io.tokenomics.pricing.mapping.PriceBookView;
import io.tokenomics.pricing.repository.DefaultPriceBookRepository;
import io.tokenomics.pricing.repository.PriceBookRepository;
import io.tokenomics.pricing.repository.PriceBookRevisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Price books: a tenant sees its own books and the public ones; it writes only its own (role tenant-admin, checked by
 * the resource); public books are written by platform admins. Every write of terms adds an immutable revision.
 */
@ApplicationScoped
public class PriceBookService {
    @Inject
    PriceBookRepository books;
    @Inject
    PriceBookRevisionRepository revisions;
    @Inject
    DefaultPriceBookRepository defaults;
    @Inject
    PowerPriceService power;
    @Inject
    JsonColumns json;

    /** The caller, as the resource saw it. */
    public record Caller(String tenant, String user, boolean platformAdmin) {
    }

    @WithSession
    public Uni<List<PriceBookView>> list(String tenant) {
        return books.listVisible(tenant).chain(list -> defaultBookId(tenant).chain(defaultId -> {
            Uni<List<PriceBookView>> views = Uni.createFrom().item(new java.util.ArrayList<>());
            for (PriceBook b : list) {
                views = views.chain(acc -> view(b, defaultId).map(v -> {
                    acc.add(v);
                    return acc;
                }));
            }
            return views;
        }));
    }

    @WithSession
    public Uni<PriceBookView> get(UUID id, String tenant) {
        return visible(id, tenant).chain(b -> defaultBookId(tenant).chain(d -> view(b, d)));
    }

    @WithSession
    public Uni<List<PriceBookRevisionView>> revisions(UUID id, String tenant) {
        return visible(id, tenant).chain(b -> revisions.listOf(b.id))
                .map(list -> list.stream().map(this::revisionView).toList());
    }

    @WithSession
    public Uni<PriceBookRevisionView> revision(UUID id, int revision, String tenant) {
        return visible(id, tenant).chain(b -> revisions.findRevision(b.id, revision))
                .onItem().ifNull().failWith(() -> new NotFoundException("no revision " + revision + " of price book " + id))
                .map(this::revisionView);
    }

    @WithTransaction
    public Uni<PriceBookView> create(Caller caller, @NotNull @Valid PriceBookRequest request) {
        boolean isPublic = Boolean.TRUE.equals(request.publicBook());
        if (isPublic && !caller.platformAdmin()) {
            throw new ForbiddenException("public price books are written by platform admins");
        }
        return power.resolve(request.terms(), "terms").chain(terms -> {
            PriceBook book = new PriceBook();
            book.id = UUID.randomUUID();
            book.tenant = isPublic ? null : caller.tenant();
            book.name = request.name();
            book.currentRevision = 1;
            book.updatedAt = OffsetDateTime.now();
            return books.persist(book)
                    .chain(b -> revisions.persist(revision(b.id, 1, terms, caller)))
                    // the book row must exist before the native default upsert references it
                    .chain(r -> books.flush())
                    .chain(x -> Boolean.TRUE.equals(request.makeDefault())
                            ? defaults.upsert(isPublic ? DefaultPriceBook.PLATFORM : caller.tenant(), book.id).replaceWith(book)
                            : Uni.createFrom().item(book))
                    .chain(b -> books.flush().replaceWith(b));
        }).chain(b -> defaultBookId(caller.tenant()).chain(d -> view(b, d)));
    }

    /** Writes a new revision; the old ones stay, so quotes pinned to them do not change. */
    @WithTransaction
    public Uni<PriceBookView> update(UUID id, Caller caller, @NotNull @Valid PriceBookRequest request) {
        return writable(id, caller).chain(book -> {
            if (request.baseRevision() != null && request.baseRevision() != book.currentRevision) {
                throw new ClientErrorException("price book " + id + " is at revision " + book.currentRevision
                        + ", not " + request.baseRevision(), Response.Status.CONFLICT);
            }
            return power.resolve(request.terms(), "terms").chain(terms -> {
                book.currentRevision = book.currentRevision + 1;
                book.name = request.name();
                book.updatedAt = OffsetDateTime.now();
                return revisions.persist(revision(book.id, book.currentRevision, terms, caller))
                        .chain(r -> books.flush())
                        .chain(x -> Boolean.TRUE.equals(request.makeDefault())
                                ? defaults.upsert(book.isPublic() ? DefaultPriceBook.PLATFORM : caller.tenant(), book.id)
                                : Uni.createFrom().item(0))
                        .chain(x -> books.flush()).replaceWith(book);
            });
        }).chain(b -> defaultBookId(caller.tenant()).chain(d -> view(b, d)));
    }

    /** Archives the book: it disappears from lists and cannot be made default; quotes pinned to it keep working. */
    @WithTransaction
    public Uni<Void> archive(UUID id, Caller caller) {
        return writable(id, caller).chain(book -> defaults.findById(DefaultPriceBook.PLATFORM).chain(platform -> {
            if (platform != null && platform.priceBookId.equals(book.id)) {
                throw new ClientErrorException("price book " + id + " is the platform default; make another book the "
                        + "default first", Response.Status.CONFLICT);
            }
            book.archived = true;
            book.updatedAt = OffsetDateTime.now();
            // an archived book is never quoted again: every tenant whose default it was falls back to the platform default
            return defaults.delete("priceBookId", book.id)
                    .chain(x -> books.flush());
        }));
    }

    @WithTransaction
    public Uni<PriceBookView> makeDefault(Caller caller, @NotNull @Valid DefaultPriceBookRequest request) {
        return visible(request.priceBookId(), caller.tenant())
                .invoke(b -> {
                    if (b.archived) {
                        throw new NotFoundException("no price book " + b.id);
                    }
                })
                .chain(b -> defaults.upsert(caller.tenant(), b.id).replaceWith(b))
                .chain(b -> view(b, b.id));
    }

    @WithSession
    public Uni<PriceBookView> defaultBook(String tenant) {
        return defaultBookId(tenant).chain(id -> id == null
                ? Uni.createFrom().failure(new NotFoundException("no default price book"))
                : visible(id, tenant).chain(b -> view(b, id)));
    }

    /** The tenant's default book id, else the platform default. Needs a session. */
    Uni<UUID> defaultBookId(String tenant) {
        return defaults.findById(tenant).chain(own -> own != null
                ? Uni.createFrom().item(own.priceBookId)
                : defaults.findById(DefaultPriceBook.PLATFORM).map(p -> p == null ? null : p.priceBookId));
    }

    /** A book the tenant may read (its own or public, archived included); another tenant's book is a 404. */
    Uni<PriceBook> visible(UUID id, String tenant) {
        return books.findVisible(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no price book " + id));
    }

    PriceBookTerms terms(PriceBookRevision revision) {
        return json.read(revision.termsJson, PriceBookTerms.class);
    }

    /** Locked for the change, so that concurrent writers get consecutive revisions. */
    private Uni<PriceBook> writable(UUID id, Caller caller) {
        return visible(id, caller.tenant())
                .chain(b -> books.findById(b.id, LockModeType.PESSIMISTIC_WRITE))
                .map(book -> {
                    if (book.archived) {
                        throw new NotFoundException("no price book " + id);
                    }
                    if (book.isPublic() && !caller.platformAdmin()) {
                        throw new ForbiddenException("public price books are written by platform admins");
                    }
                    return book;
                });
    }

    private PriceBookRevision revision(UUID bookId, int number, PriceBookTerms terms, Caller caller) {
        PriceBookRevision r = new PriceBookRevision();
        r.priceBookId = bookId;
        r.revision = number;
        r.termsJson = json.write(terms);
        r.createdBy = caller.user();
        return r;
    }

    private Uni<PriceBookView> view(PriceBook b, UUID defaultId) {
        return revisions.findRevision(b.id, b.currentRevision).map(r -> new PriceBookView(b.id, b.name,
                b.isPublic() ? "public" : "tenant", b.id.equals(defaultId), b.currentRevision, b.archived, terms(r),
                b.updatedAt));
    }

    private PriceBookRevisionView revisionView(PriceBookRevision r) {
        return new PriceBookRevisionView(r.priceBookId, r.revision, terms(r), r.createdBy, r.createdAt);
    }
}

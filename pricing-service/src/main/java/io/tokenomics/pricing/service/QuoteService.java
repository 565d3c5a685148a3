package io.tokenomics.pricing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.QuoteCreated;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.pricing.domain.AcceleratorTerms;
import io.tokenomics.pricing.domain.AcquisitionPath;
import io.tokenomics.pricing.domain.PriceBook;
import io.tokenomics.pricing.domain.PriceBookRevision;
import io.tokenomics.pricing.domain.PriceBookTerms;
import io.tokenomics.pricing.domain.Quote;
import io.tokenomics.pricing.domain.QuoteResult;
import io.tokenomics.pricing.domain.SimulationFigures;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.mapping.JsonColumns;
import io.tokenomics.pricing.mapping.QuoteView;
import io.tokenomics.pricing.mapping.RecomputeRequest;
import io.tokenomics.pricing.repository.PriceBookRevisionRepository;
import io.tokenomics.pricing.repository.QuoteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Quotes: a simulation's figures priced with one price-book revision, stored once and never changed. Every
 * {@code simulation.completed} event is quoted with the tenant's default book (the platform default when the tenant
 * has none); a recompute prices the same figures with a book's current revision as a new quote.
 */
@ApplicationScoped
public class QuoteService {
    static final int MAX_LIST = 500;
    static final String SOURCE = "/pricing-service";

    @Inject
    QuoteRepository quotes;
    @Inject
    PriceBookService books;
    @Inject
    PriceBookRevisionRepository revisions;
    @Inject
    GpuHourRateService rates;
    @Inject
    SimulationCostService costs;
    @Inject
    JsonColumns json;
    @Inject
    OutboxRepository outbox;

    /**
     * Stores the simulation's skeleton cost and its quote in one transaction. Idempotent: a redelivered or later
     * event for the same simulation writes neither again.
     *
     * @return whether the cost row was new
     */
    @WithTransaction
    public Uni<Boolean> recordCompleted(String eventId, String tenant, SimulationCompleted result) {
        return costs.record(eventId, tenant, result)
                .call(inserted -> quoteEvent(eventId, tenant, SimulationFigures.of(result)));
    }

    @WithSession
    public Uni<QuoteView> get(UUID id, String tenant) {
        return quotes.findForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no quote " + id))
                .chain(this::view);
    }

    @WithSession
    public Uni<List<QuoteView>> list(String tenant, String simulationId) {
        return quotes.listForTenant(tenant, simulationId, MAX_LIST).chain(this::views);
    }

    /**
     * Prices the quote's simulation figures with the current revision of the given book (default: the tenant's
     * default book). Returns the existing quote when that revision was already used; the original never changes.
     */
    @WithTransaction
    public Uni<QuoteView> recompute(UUID id, String tenant, RecomputeRequest request) {
        return quotes.findForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no quote " + id))
                .chain(original -> {
                    Uni<UUID> bookId = request != null && request.priceBookId() != null
                            ? Uni.createFrom().item(request.priceBookId())
                            : books.defaultBookId(tenant);
                    SimulationFigures figures = json.read(original.figuresJson, SimulationFigures.class);
                    return bookId.chain(b -> books.visible(b, tenant))
                            .invoke(b -> {
                                if (b.archived) {
                                    throw new NotFoundException("no price book " + b.id);
                                }
                            })
                            .chain(book -> revisions.findRevision(book.id, book.currentRevision)
                                    .chain(rev -> price(tenant, figures, book, rev, Quote.ORIGIN_RECOMPUTE, null))
                                    .chain(q -> insertAndAnnounce(q).chain(n -> quotes.findByRevision(tenant,
                                            original.simulationId, book.id, book.currentRevision))));
                })
                .chain(this::view);
    }

    /** Needs a transaction. A duplicate event (or a second event for the simulation) writes nothing. */
    Uni<Integer> quoteEvent(String eventId, String tenant, SimulationFigures figures) {
        return books.defaultBookId(tenant).chain(bookId -> {
            if (bookId == null) {
                throw new UnpriceableSimulationException("no default price book for tenant " + tenant);
            }
            return books.visible(bookId, tenant).chain(book -> revisions.findRevision(book.id, book.currentRevision)
                    .chain(rev -> price(tenant, figures, book, rev, Quote.ORIGIN_EVENT, eventId)));
        }).chain(this::insertAndAnnounce);
    }

    /**
     * Needs a transaction. Stores the quote unless an equivalent one exists and, only when it was written, appends its
     * {@code quote.created} event to the outbox in the same transaction (so a duplicate writes no event either).
     */
    Uni<Integer> insertAndAnnounce(Quote q) {
        return quotes.insertIfAbsent(q).call(n -> n == 1 ? outbox.append(Topics.PRICING_QUOTES, created(q))
                : Uni.createFrom().voidItem());
    }

    private CloudEvent<QuoteCreated> created(Quote q) {
        QuoteResult r = json.read(q.resultJson, QuoteResult.class);
        return CloudEvent.of(SOURCE, EventTypes.QUOTE_CREATED, q.id.toString(), q.tenant,
                new QuoteCreated(q.id.toString(), q.simulationId, q.origin, q.priceBookId.toString(), q.priceBookRevision,
                        q.currency, r.perMillionOutputTokens(), r.perMillionInputTokens(), r.perMillionBlendedTokens(),
                        r.attribution()));
    }

    private Uni<Quote> price(String tenant, SimulationFigures figures, PriceBook book, PriceBookRevision revision,
                             String origin, String eventId) {
        PriceBookTerms terms = books.terms(revision);
        return compute(figures, terms).map(result -> {
            if (result.perMillionOutputTokens().compareTo(SimulationCostService.MAX_STORED_AMOUNT) > 0) {
                throw new UnpriceableSimulationException("cost " + result.perMillionOutputTokens()
                        + " per million output tokens is beyond any plausible figure");
            }
            Quote q = new Quote();
            q.id = UUID.randomUUID();
            q.tenant = tenant;
            q.simulationId = figures.simulationId();
            q.origin = origin;
            q.eventId = eventId;
            q.priceBookId = book.id;
            q.priceBookRevision = revision.revision;
            q.currency = result.currency();
            q.perMillionOutputTokens = result.perMillionOutputTokens();
            q.figuresJson = json.write(figures);
            q.resultJson = json.write(result);
            return q;
        });
    }

    /** The accelerator's price-book TCO, else the platform's GPU-hour rental rate (power included). */
    Uni<QuoteResult> compute(SimulationFigures figures, PriceBookTerms terms) {
        AcceleratorTerms entry = terms.accelerator(figures.acceleratorId());
        try {
            if (entry != null) {
                return Uni.createFrom().item(QuoteCalculator.quote(figures, TcoCalculator.parts(entry.tco()),
                        entry.tco(), "price-book", terms));
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new UnpriceableSimulationException(e.getMessage()));
        }
        return rates.rateFor(figures.acceleratorId()).map(rate -> {
            TcoAssumptions rent = new TcoAssumptions(AcquisitionPath.RENT, rate.usdPerGpuHour(), true, null, null, null,
                    null, null, null, null, null, null, null, null, null);
            try {
                return QuoteCalculator.quote(figures, TcoCalculator.parts(rent), null, "rate-" + rate.rateBasis(), terms);
            } catch (IllegalArgumentException e) {
                throw new UnpriceableSimulationException(e.getMessage());
            }
        });
    }

    private Uni<QuoteView> view(Quote q) {
        return views(List.of(q)).map(List::getFirst);
    }

    /**
     * The stored quotes as views; a quote stored before the input split was computed gets it filled on read where it
     * can be derived exactly ({@link StoredInputSplit}: the terms of each price-book revision involved are read once),
     * without rewriting the row. Needs a session.
     */
    private Uni<List<QuoteView>> views(List<Quote> stored) {
        List<QuoteView> plain = stored.stream().map(q -> new QuoteView(q.id, q.simulationId, q.origin, q.priceBookId,
                q.priceBookRevision, json.read(q.figuresJson, SimulationFigures.class),
                json.read(q.resultJson, QuoteResult.class), q.computedAt)).toList();
        Set<PriceBookRevision.Key> needed = new LinkedHashSet<>();
        for (QuoteView v : plain) {
            if (StoredInputSplit.needsTerms(v.result())) {
                needed.add(new PriceBookRevision.Key(v.priceBookId(), v.priceBookRevision()));
            }
        }
        // one query at a time: a reactive session runs its operations in sequence
        Uni<Map<PriceBookRevision.Key, PriceBookTerms>> terms = Uni.createFrom().item(new HashMap<>());
        for (PriceBookRevision.Key key : needed) {
            terms = terms.chain(found -> revisions.findRevision(key.priceBookId, key.revision).map(rev -> {
                if (rev != null) {
                    found.put(key, books.terms(rev));
                }
                return found;
            }));
        }
        return terms.map(found -> plain.stream().map(v -> StoredInputSplit.lacksSplit(v.result())
                ? new QuoteView(v.id(), v.simulationId(), v.origin(), v.priceBookId(), v.priceBookRevision(), v.figures(),
                StoredInputSplit.fill(v.result(), v.figures(),
                        found.get(new PriceBookRevision.Key(v.priceBookId(), v.priceBookRevision()))), v.computedAt())
                : v).toList());
    }
}

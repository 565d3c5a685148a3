package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.Quote;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class QuoteRepository implements PanacheRepositoryBase<Quote, UUID> {

    private static final String INSERT_IF_ABSENT = """
            insert into quote (id, tenant, simulation_id, origin, event_id, price_book_id, price_book_revision,
                currency, per_million_output_tokens, figures_json, result_json)
            values (:id, :tenant, :simulationId, :origin, cast(:eventId as varchar), :bookId, :revision,
                :currency, :perMillion, :figures, :result)
            on conflict do nothing""";

    /** @return 1 when written, 0 when an equivalent quote (same event, simulation event, or book revision) exists */
    public Uni<Integer> insertIfAbsent(Quote q) {
        return getSession().chain(s -> s.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("id", q.id)
                .setParameter("tenant", q.tenant)
                .setParameter("simulationId", q.simulationId)
                .setParameter("origin", q.origin)
                .setParameter("eventId", q.eventId)
                .setParameter("bookId", q.priceBookId)
                .setParameter("revision", q.priceBookRevision)
                .setParameter("currency", q.currency)
                .setParameter("perMillion", q.perMillionOutputTokens)
                .setParameter("figures", q.figuresJson)
                .setParameter("result", q.resultJson)
                .executeUpdate());
    }

    public Uni<Quote> findForTenant(UUID id, String tenant) {
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", tenant)).firstResult();
    }

    public Uni<Quote> findByRevision(String tenant, String simulationId, UUID bookId, int revision) {
        return find("tenant = :tenant and simulationId = :sim and priceBookId = :book and priceBookRevision = :rev",
                Parameters.with("tenant", tenant).and("sim", simulationId).and("book", bookId).and("rev", revision))
                .firstResult();
    }

    public Uni<List<Quote>> listForTenant(String tenant, String simulationId, int limit) {
        var query = simulationId == null
                ? find("tenant", Sort.by("computedAt").descending().and("id"), tenant)
                : find("tenant = :tenant and simulationId = :sim", Sort.by("computedAt").descending().and("id"),
                Parameters.with("tenant", tenant).and("sim", simulationId));
        return query.page(0, limit).list();
    }
}

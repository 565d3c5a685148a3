package io.tokenomics.pricing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tokenomics.pricing.domain.DefaultPriceBook;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class DefaultPriceBookRepository implements PanacheRepositoryBase<DefaultPriceBook, String> {

    /** Sets (or replaces) the default of a scope in one statement. */
    public Uni<Integer> upsert(String scope, UUID bookId) {
        return getSession().chain(s -> s.createNativeQuery("""
                        insert into default_price_book (scope, price_book_id) values (:scope, :book)
                        on conflict (scope) do update set price_book_id = excluded.price_book_id""")
                .setParameter("scope", scope).setParameter("book", bookId).executeUpdate());
    }
}

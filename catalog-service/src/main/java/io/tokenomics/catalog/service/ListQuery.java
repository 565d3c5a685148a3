package io.tokenomics.catalog.service;

import java.math.BigDecimal;

/**
 * Filters, order and page of a list request; every part optional. {@code sort} is a field name, {@code -} prefixed
 * for descending; {@code cursor} continues after the last entry of the previous page (same sort).
 */
public record ListQuery(String vendor, String precision, BigDecimal minMemoryGb, Boolean moe, String q, String sort,
                        Integer limit, String cursor) {
    public static ListQuery all() {
        return new ListQuery(null, null, null, null, null, null, null, null);
    }
}

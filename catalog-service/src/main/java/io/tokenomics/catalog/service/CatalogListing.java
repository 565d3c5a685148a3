package io.tokenomics.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.catalog.config.CatalogConfig;
import io.tokenomics.catalog.domain.CatalogKind;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Filtering, sorting, keyset paging and comparison of entry views. The catalog is small (tens to thousands of
 * entries per kind), so this runs on the visible entries after overrides are applied: a filter then sees exactly the
 * values the caller sees.
 */
@ApplicationScoped
public class CatalogListing {
    /** Precision name to the accelerator field that is present when the chip supports it. */
    static final Map<String, List<String>> PRECISION_FIELDS = Map.of(
            "FP32", List.of("fp32DenseTflops"),
            "BF16", List.of("bf16DenseTflops"),
            "FP16", List.of("bf16DenseTflops"),
            "FP8", List.of("fp8DenseTflops"),
            "FP6", List.of("fp6DenseTflops"),
            "FP4", List.of("fp4DenseTflops", "nvfp4DenseTflops"),
            "NVFP4", List.of("nvfp4DenseTflops"),
            "INT8", List.of("int8DenseTops"),
            "INT4", List.of("int4DenseTops"));
    static final List<String> META_FIELDS = List.of("id", "kind", "visibility", "revision", "overridden");
    static final List<String> DERIVED_FIELDS = List.of("totalParameters", "activeParameters",
            "activeParametersWithEmbedding", "embeddingParameters", "kvBytesPerToken");
    private static final List<String> SEARCHED = List.of("id", "name", "vendor", "family", "hfId", "memoryType",
            "acceleratorId", "notes");

    @Inject
    CatalogConfig config;

    /** Rejects filters that do not apply to the kind, and bad sort/limit/cursor values, before any database work. */
    public void checkQuery(CatalogKind kind, ListQuery q) {
        List<String[]> errors = new ArrayList<>();
        if (q.precision() != null) {
            if (kind != CatalogKind.ACCELERATOR) {
                errors.add(new String[] {"precision", "filters accelerators only"});
            } else if (!PRECISION_FIELDS.containsKey(q.precision().toUpperCase(Locale.ROOT))) {
                errors.add(new String[] {"precision", "one of " + new java.util.TreeSet<>(PRECISION_FIELDS.keySet())});
            }
        }
        if (q.minMemoryGb() != null && kind != CatalogKind.ACCELERATOR) {
            errors.add(new String[] {"minMemoryGb", "filters accelerators only"});
        }
        if (q.moe() != null && kind != CatalogKind.MODEL) {
            errors.add(new String[] {"moe", "filters models only"});
        }
        if (q.sort() != null && !sortable(kind).contains(sortField(q.sort()))) {
            errors.add(new String[] {"sort", "one of " + sortable(kind) + ", '-' prefixed for descending"});
        }
        if (q.limit() != null && (q.limit() < 1 || q.limit() > config.maxListSize())) {
            errors.add(new String[] {"limit", "between 1 and " + config.maxListSize()});
        }
        if (q.q() != null && q.q().length() > 200) {
            errors.add(new String[] {"q", "at most 200 characters"});
        }
        if (q.cursor() != null) {
            Cursor c = Cursor.decode(q.cursor());
            if (c == null || !c.sort().equals(sortOf(q))) {
                errors.add(new String[] {"cursor", "not a cursor of this list and sort"});
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors.stream().map(e -> new Problem.FieldError(e[0], e[1])).toList());
        }
    }

    public Page page(CatalogKind kind, List<ObjectNode> views, ListQuery q) {
        Comparator<ObjectNode> order = comparator(sortOf(q));
        List<ObjectNode> matching = views.stream().filter(v -> matches(v, q)).sorted(order).toList();
        int from = 0;
        if (q.cursor() != null) {
            Cursor c = Cursor.decode(q.cursor());
            ObjectNode last = JsonNodeFactory.instance.objectNode();
            last.put("id", c.id());
            last.set(sortField(c.sort()), c.value());
            while (from < matching.size() && order.compare(matching.get(from), last) <= 0) {
                from++;
            }
        }
        int limit = q.limit() == null ? config.maxListSize() : q.limit();
        int to = Math.min(matching.size(), from + limit);
        List<ObjectNode> items = matching.subList(from, to);
        String next = null;
        if (to < matching.size() && !items.isEmpty()) {
            ObjectNode last = items.get(items.size() - 1);
            next = new Cursor(sortOf(q), last.get("id").asText(), last.get(sortField(sortOf(q)))).encode();
        }
        return new Page(items, next);
    }

    public ObjectNode compare(CatalogKind kind, List<String> ids, List<ObjectNode> views) {
        Set<String> fields = new LinkedHashSet<>(List.of("name", "visibility", "revision", "overridden"));
        fields.addAll(kind.fields());
        if (kind == CatalogKind.MODEL) {
            fields.addAll(DERIVED_FIELDS);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("kind", kind.entity());
        ArrayNode idArray = result.putArray("ids");
        ids.forEach(idArray::add);
        ArrayNode rows = result.putArray("fields");
        for (String field : fields) {
            ObjectNode row = rows.addObject();
            row.put("field", field);
            ArrayNode values = row.putArray("values");
            views.forEach(v -> values.add(v.has(field) ? v.get(field) : JsonNodeFactory.instance.nullNode()));
            Set<String> distinct = new LinkedHashSet<>();
            views.forEach(v -> distinct.add(v.has(field) ? v.get(field).toString() : "null"));
            row.put("differs", distinct.size() > 1);
        }
        return result;
    }

    private static boolean matches(ObjectNode v, ListQuery q) {
        if (q.vendor() != null && !q.vendor().equalsIgnoreCase(text(v, "vendor"))) {
            return false;
        }
        if (q.precision() != null && PRECISION_FIELDS.get(q.precision().toUpperCase(Locale.ROOT)).stream()
                .noneMatch(f -> v.hasNonNull(f))) {
            return false;
        }
        if (q.minMemoryGb() != null && (!v.hasNonNull("memoryGb")
                || v.get("memoryGb").decimalValue().compareTo(q.minMemoryGb()) < 0)) {
            return false;
        }
        if (q.moe() != null && q.moe() != v.hasNonNull("routedExperts")) {
            return false;
        }
        if (q.q() != null && !q.q().isBlank()) {
            String needle = q.q().toLowerCase(Locale.ROOT);
            return SEARCHED.stream().anyMatch(f -> text(v, f) != null && text(v, f).toLowerCase(Locale.ROOT).contains(needle));
        }
        return true;
    }

    private static String text(ObjectNode v, String field) {
        return v.hasNonNull(field) ? v.get(field).asText() : null;
    }

    static List<String> sortable(CatalogKind kind) {
        List<String> fields = new ArrayList<>(List.of("id", "revision"));
        fields.addAll(kind.fields());
        if (kind == CatalogKind.MODEL) {
            fields.addAll(DERIVED_FIELDS.subList(0, 4));
        }
        fields.remove("sources");
        return fields;
    }

    private static String sortOf(ListQuery q) {
        return q.sort() == null ? "id" : q.sort();
    }

    private static String sortField(String sort) {
        return sort.startsWith("-") ? sort.substring(1) : sort;
    }

    /** By the sort field (numbers numerically, text case-insensitively, missing values last), then by id. */
    static Comparator<ObjectNode> comparator(String sort) {
        String field = sortField(sort);
        boolean descending = sort.startsWith("-");
        Comparator<ObjectNode> byField = (a, b) -> {
            JsonNode x = a.get(field);
            JsonNode y = b.get(field);
            boolean xMissing = x == null || x.isNull();
            boolean yMissing = y == null || y.isNull();
            if (xMissing || yMissing) {
                return xMissing == yMissing ? 0 : xMissing ? 1 : -1; // missing last in either direction
            }
            int c = x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                    : String.CASE_INSENSITIVE_ORDER.compare(x.asText(), y.asText());
            return descending ? -c : c;
        };
        return byField.thenComparing(v -> v.get("id").asText());
    }

    /** Opaque keyset cursor: the sort and the last entry's sort value and id. */
    record Cursor(String sort, String id, JsonNode value) {
        String encode() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("s", sort);
            node.put("i", id);
            node.set("v", value == null ? JsonNodeFactory.instance.nullNode() : value);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(Base64.getUrlDecoder().decode(text));
                if (node == null || !node.path("s").isTextual() || !node.path("i").isTextual()) {
                    return null;
                }
                return new Cursor(node.get("s").asText(), node.get("i").asText(), node.get("v"));
            } catch (IllegalArgumentException | java.io.IOException e) {
                return null;
            }
        }
    }
}

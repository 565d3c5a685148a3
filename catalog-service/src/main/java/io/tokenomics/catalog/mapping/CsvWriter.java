package io.tokenomics.catalog.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entries as RFC 4180 CSV: one column per field (nested objects flattened as {@code parent.child}), in the order the
 * fields first appear. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static String write(List<String> leadingColumns, List<ObjectNode> rows) {
        List<Map<String, JsonNode>> flat = rows.stream().map(CsvWriter::flatten).toList();
        Set<String> columns = new LinkedHashSet<>(leadingColumns);
        flat.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(CsvWriter::quote).toList())).append("\r\n");
        for (Map<String, JsonNode> row : flat) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                JsonNode value = row.get(column);
                cells.add(value == null || value.isNull() ? "" : value.isNumber() || value.isBoolean()
                        ? value.asText() : quote(defuse(value.isTextual() ? value.asText() : value.toString())));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    static Map<String, JsonNode> flatten(ObjectNode node) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (f.getValue() instanceof ObjectNode nested) {
                flatten(nested).forEach((k, v) -> flat.put(f.getKey() + "." + k, v));
            } else {
                flat.put(f.getKey(), f.getValue());
            }
        });
        return flat;
    }

    private static String defuse(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results as CSV (RFC 4180): nested fields flattened to dotted column names. */
public final class CsvExport {
    private CsvExport() {
    }

    /** One simulation's result: a {@code metric,value} row per (flattened) field. */
    public static String metrics(JsonNode result) {
        StringBuilder csv = new StringBuilder("metric,value\r\n");
        flatten("", result).forEach((k, v) -> csv.append(cell(k)).append(',').append(cell(v)).append("\r\n"));
        return csv.toString();
    }

    /** Rows of objects (e.g. a sweep's points): the union of their flattened fields as columns, in first-seen order. */
    public static String table(List<JsonNode> rows) {
        List<Map<String, String>> flat = new ArrayList<>();
        LinkedHashMap<String, Boolean> columns = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            Map<String, String> f = flatten("", row);
            f.keySet().forEach(k -> columns.putIfAbsent(k, true));
            flat.add(f);
        }
        StringBuilder csv = new StringBuilder(String.join(",", columns.keySet().stream().map(CsvExport::cell).toList()))
                .append("\r\n");
        for (Map<String, String> f : flat) {
            csv.append(String.join(",", columns.keySet().stream().map(c -> cell(f.getOrDefault(c, ""))).toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static Map<String, String> flatten(String prefix, JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                out.putAll(flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue()));
            }
        } else if (node.isArray() && !node.isEmpty() && flatObjects(node)) {
            // rows of flat objects (a histogram's buckets): one column per key, its values in row order
            LinkedHashMap<String, List<String>> columns = new LinkedHashMap<>();
            node.forEach(item -> item.fieldNames().forEachRemaining(k -> columns.putIfAbsent(k, new ArrayList<>())));
            node.forEach(item -> columns.forEach((k, values) -> values.add(item.path(k).asText(""))));
            columns.forEach((k, values) -> out.put(prefix + "." + k, String.join(";", values)));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(i -> items.add(i.isValueNode() ? i.asText() : i.toString()));
            out.put(prefix, String.join(";", items));
        } else {
            out.put(prefix, node.asText());
        }
        return out;
    }

    private static boolean flatObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
            for (JsonNode v : item) {
                if (!v.isValueNode()) {
                    return false;
                }
            }
        }
        return true;
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would be a formula in a spreadsheet (CSV injection); numbers stay numbers
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.Ee+-]+");
        String v = formula ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}

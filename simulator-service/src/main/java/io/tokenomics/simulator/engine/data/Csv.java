package io.tokenomics.simulator.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes) returning rows keyed by header. */
public final class Csv {
    private Csv() {
    }

    public static List<Map<String, String>> readResource(String resource) {
        try (InputStream in = Csv.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Map<String, String>> read(InputStream in) throws IOException {
        List<List<String>> records = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> rec = records.get(i);
            if (rec.size() == 1 && rec.get(0).isBlank()) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < rec.size() ? rec.get(c).trim() : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(BufferedReader reader) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int ch;
        while ((ch = reader.read()) != -1) {
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** The leading number of a cell ("96 (GiB)" gives 96, "0.820 (GiB/s ...)" gives 0.82); NaN when empty. */
    public static double number(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.' || v.charAt(end) == '-'
                || v.charAt(end) == 'e' || v.charAt(end) == 'E')) {
            end++;
        }
        if (end == 0) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.substring(0, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public static int integer(Map<String, String> row, String column, int absent) {
        double d = number(row, column);
        return Double.isNaN(d) ? absent : (int) Math.round(d);
    }
}

package io.tokenomics.simulator.engine.workload;

import io.tokenomics.simulator.engine.data.FlatJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Replays a request trace line by line (streamed: memory does not grow with the trace). Two formats:
 * <ul>
 *   <li>CSV with a header naming at least {@code timestamp,input_tokens,output_tokens}; optional columns
 *       {@code prefix_id}, {@code prefix_tokens}, {@code cacheable_tokens}, {@code class} (index into the classes).
 *       Plain comma-separated values (no quoting).</li>
 *   <li>JSONL: one flat object per line with the same keys.</li>
 * </ul>
 * Timestamps are seconds; the first request's timestamp is taken as is (not shifted). They must not decrease.
 */
public final class TraceReplay implements RequestSource {
    public static final String HEADER = "timestamp,input_tokens,output_tokens,prefix_id,prefix_tokens,cacheable_tokens,class";

    private final BufferedReader reader;
    private final boolean jsonl;
    private final int classCount;
    private String[] columns;
    private long produced;
    private double last = Double.NEGATIVE_INFINITY;
    private long lineNumber;

    public TraceReplay(Reader reader, boolean jsonl, int classCount) {
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.jsonl = jsonl;
        this.classCount = classCount;
    }

    /** Opens a trace file; JSONL when the name ends in .jsonl or .json, CSV otherwise. */
    public static TraceReplay open(Path file, int classCount) {
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return new TraceReplay(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                    name.endsWith(".jsonl") || name.endsWith(".json"), classCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Request next() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (!jsonl && columns == null) {
                    columns = line.trim().split(",");
                    continue;
                }
                Request r = jsonl ? fromJson(line) : fromCsv(line);
                if (r.arrivalTime() < last) {
                    throw new IllegalArgumentException("trace line " + lineNumber + ": timestamps must not decrease");
                }
                last = r.arrivalTime();
                produced++;
                return r;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Request fromCsv(String line) {
        String[] cells = line.split(",", -1);
        double t = Double.NaN;
        int input = 0;
        int output = 0;
        long prefix = Request.NO_PREFIX;
        int prefixTokens = 0;
        int cacheable = -1;
        int cls = 0;
        for (int i = 0; i < columns.length && i < cells.length; i++) {
            String v = cells[i].trim();
            if (v.isEmpty()) {
                continue;
            }
            switch (columns[i].trim()) {
                case "timestamp" -> t = Double.parseDouble(v);
                case "input_tokens" -> input = Integer.parseInt(v);
                case "output_tokens" -> output = Integer.parseInt(v);
                case "prefix_id" -> prefix = Long.parseLong(v);
                case "prefix_tokens" -> prefixTokens = Integer.parseInt(v);
                case "cacheable_tokens" -> cacheable = Integer.parseInt(v);
                case "class" -> cls = Integer.parseInt(v);
                default -> {
                }
            }
        }
        return build(t, input, output, prefix, prefixTokens, cacheable, cls);
    }

    private Request fromJson(String line) {
        Map<String, Object> o = FlatJson.parseObject(line);
        return build(num(o, "timestamp", Double.NaN), (int) num(o, "input_tokens", 0), (int) num(o, "output_tokens", 0),
                (long) num(o, "prefix_id", Request.NO_PREFIX), (int) num(o, "prefix_tokens", 0),
                (int) num(o, "cacheable_tokens", -1), (int) num(o, "class", 0));
    }

    private static double num(Map<String, Object> o, String key, double absent) {
        Object v = o.get(key);
        if (v == null) {
            return absent;
        }
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
    }

    private Request build(double t, int input, int output, long prefix, int prefixTokens, int cacheable, int cls) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("trace line " + lineNumber + ": no timestamp");
        }
        if (cls < 0 || cls >= classCount) {
            throw new IllegalArgumentException("trace line " + lineNumber + ": class " + cls + " is not defined");
        }
        if (prefix == Request.NO_PREFIX) {
            prefixTokens = 0;
            cacheable = 0;
        } else if (cacheable < 0) {
            cacheable = prefixTokens;
        }
        return new Request(produced, t, input, output, cls, prefix, prefixTokens, cacheable, -1);
    }

    /** One CSV line in this reader's format (round-trips the arrival time exactly). */
    public static String csvLine(Request r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.arrivalTime()).append(',').append(r.inputTokens()).append(',').append(r.outputTokens()).append(',');
        if (r.hasPrefix()) {
            sb.append(r.prefixId()).append(',').append(r.prefixTokens()).append(',').append(r.cacheableTokens());
        } else {
            sb.append(",,");
        }
        return sb.append(',').append(r.requestClass()).toString();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

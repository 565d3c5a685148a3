package io.tokenomics.simulator.engine.data;

import java.util.HashMap;
import java.util.Map;

/** Parses one flat JSON object (string, number, boolean or null values; no nesting) as found in the kernel profiles. */
public final class FlatJson {
    private FlatJson() {
    }

    public static Map<String, Object> parseObject(String line) {
        Map<String, Object> out = new HashMap<>();
        int i = skip(line, 0);
        expect(line, i, '{');
        i = skip(line, i + 1);
        if (line.charAt(i) == '}') {
            return out;
        }
        while (true) {
            expect(line, i, '"');
            int keyEnd = line.indexOf('"', i + 1);
            String key = line.substring(i + 1, keyEnd);
            i = skip(line, keyEnd + 1);
            expect(line, i, ':');
            i = skip(line, i + 1);
            Object value;
            if (line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                    sb.append(line.charAt(i++));
                }
                i++;
                value = sb.toString();
            } else {
                int end = i;
                while (end < line.length() && ",} \t".indexOf(line.charAt(end)) < 0) {
                    end++;
                }
                String token = line.substring(i, end);
                value = switch (token) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> null;
                    default -> Double.parseDouble(token);
                };
                i = end;
            }
            out.put(key, value);
            i = skip(line, i);
            if (line.charAt(i) == ',') {
                i = skip(line, i + 1);
            } else {
                expect(line, i, '}');
                return out;
            }
        }
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int i, char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
        }
    }
}

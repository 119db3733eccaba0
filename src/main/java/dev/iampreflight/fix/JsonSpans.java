package dev.iampreflight.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a JSON text starts and ends (character offsets), so that the fixer can replace one statement
 * and leave every other byte of the file as it was. Only used on text that Jackson has already parsed successfully,
 * so it does not report errors of its own.
 */
final class JsonSpans {

    /** A value's {@code [start, end)} offsets; objects also know their members' spans, arrays their items'. */
    record Span(int start, int end, Map<String, Span> members, List<Span> items) {
    }

    private final String text;
    private int pos;

    private JsonSpans(String text) {
        this.text = text;
    }

    static Span of(String text) {
        JsonSpans s = new JsonSpans(text);
        s.skipSpace();
        return s.value();
    }

    private Span value() {
        skipSpace();
        int start = pos;
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            Map<String, Span> members = new LinkedHashMap<>();
            skipSpace();
            if (text.charAt(pos) == '}') {
                pos++;
                return new Span(start, pos, members, List.of());
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                pos++; // ':'
                Span v = value();
                members.put(key, v);
                skipSpace();
                char d = text.charAt(pos++);
                if (d == '}') {
                    return new Span(start, pos, members, List.of());
                }
            }
        }
        if (c == '[') {
            pos++;
            List<Span> items = new ArrayList<>();
            skipSpace();
            if (text.charAt(pos) == ']') {
                pos++;
                return new Span(start, pos, Map.of(), items);
            }
            while (true) {
                items.add(value());
                skipSpace();
                char d = text.charAt(pos++);
                if (d == ']') {
                    return new Span(start, pos, Map.of(), items);
                }
            }
        }
        if (c == '"') {
            string();
            return new Span(start, pos, Map.of(), List.of());
        }
        while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return new Span(start, pos, Map.of(), List.of());
    }

    /** Reads a string literal and returns its value (escapes decoded enough to compare keys). */
    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++; // opening quote
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n\uFEFF".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }
}

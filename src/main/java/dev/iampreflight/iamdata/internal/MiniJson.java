package dev.iampreflight.iamdata.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A small JSON reader for the generated knowledge-base resources only (trusted, well-formed input).
 * Objects become {@code LinkedHashMap}, arrays {@code ArrayList}, numbers {@code Long} or {@code Double}. It exists so
 * that a cold {@code explain} does not pay for loading a general JSON library's object mapper.
 */
public final class MiniJson {

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        MiniJson p = new MiniJson(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** Reads a gzip-compressed resource from the class path as text. */
    public static String gzipResource(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        readGzipResource(name, in -> in.transferTo(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What reads an inflated resource. */
    public interface ResourceReader {
        void read(InputStream in) throws IOException;
    }

    /**
     * Gives {@code reader} a gzip-compressed resource of the class path, inflated as it is read; a missing or
     * unreadable resource (a broken build) is an unchecked error that names it.
     */
    public static void readGzipResource(String name, ResourceReader reader) {
        try (InputStream raw = MiniJson.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing from the jar");
            }
            try (InputStream in = new GZIPInputStream(raw, 65536)) {
                reader.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Object o) {
        return o == null ? List.of() : (List<String>) o;
    }

    private Object value() {
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return obj();
            case '[':
                return arr();
            case '"':
                return str();
            case 't':
                expect("true");
                return Boolean.TRUE;
            case 'f':
                expect("false");
                return Boolean.FALSE;
            case 'n':
                expect("null");
                return null;
            default:
                return num();
        }
    }

    private Map<String, Object> obj() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (s.charAt(i) == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            String k = str();
            ws();
            if (s.charAt(i++) != ':') {
                throw error("expected ':'");
            }
            ws();
            m.put(k, value());
            ws();
            char c = s.charAt(i++);
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> arr() {
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (s.charAt(i) == ']') {
            i++;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char c = s.charAt(i++);
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String str() {
        if (s.charAt(i) != '"') {
            throw error("expected a string");
        }
        int start = ++i;
        while (true) {
            char c = s.charAt(i);
            if (c == '"') {
                return s.substring(start, i++);
            }
            if (c == '\\') {
                break;
            }
            i++;
        }
        StringBuilder b = new StringBuilder(s.substring(start, i));
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private Object num() {
        int start = i;
        boolean real = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                real = true;
            } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                break;
            }
            i++;
        }
        if (start == i) {
            throw error("unexpected character");
        }
        String t = s.substring(start, i);
        return real ? (Object) Double.valueOf(t) : (Object) Long.valueOf(t);
    }

    private void expect(String word) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException("bundled knowledge base is corrupt: " + what + " at offset " + i);
    }
}

package dev.iampreflight.core.tree;

/** A located tree written back as compact JSON (for {@code jsonencode()}, {@code Fn::ToJsonString}, comparisons). */
public final class JsonText {

    private JsonText() {
    }

    public static String of(Node n) {
        StringBuilder b = new StringBuilder();
        write(n, b);
        return b.toString();
    }

    private static void write(Node n, StringBuilder b) {
        if (n instanceof ScalarNode s) {
            switch (s.kind()) {
                case STRING -> quote(s.text(), b);
                case NULL -> b.append("null");
                default -> b.append(s.text());
            }
        } else if (n instanceof ArrayNode a) {
            b.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                b.append(i == 0 ? "" : ",");
                write(a.items().get(i), b);
            }
            b.append(']');
        } else {
            ObjectNode o = (ObjectNode) n;
            b.append('{');
            for (int i = 0; i < o.fields().size(); i++) {
                b.append(i == 0 ? "" : ",");
                quote(o.fields().get(i).key(), b);
                b.append(':');
                write(o.fields().get(i).value(), b);
            }
            b.append('}');
        }
    }

    /** A JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(s, b);
        return b.toString();
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

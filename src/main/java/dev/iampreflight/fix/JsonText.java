package dev.iampreflight.fix;

/**
 * JSON string literals, escaped the way Jackson's {@code JsonStringEncoder} does (no escaping of '/' or non-ASCII;
 * the usual short escapes, other controls as a six-character escape with upper-case hex), so reports keep their bytes.
 * Written here rather than through Jackson's encoder: a report of a large project quotes millions of strings, and
 * the encoder's copy into a new array, a {@code String} of it and a concatenation were 8 % of a 5,000-file check's
 * main thread (docs/performance.md, "#### gc").
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quoteTo(sb, s);
        return sb.toString();
    }

    /** Appends {@code s} to {@code sb} as a JSON string literal, quotes included. */
    static void quoteTo(StringBuilder sb, String s) {
        sb.append('"');
        int from = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, from, i).append('\\');
            switch (c) {
                case '"', '\\' -> sb.append(c);
                case '\b' -> sb.append('b');
                case '\t' -> sb.append('t');
                case '\n' -> sb.append('n');
                case '\f' -> sb.append('f');
                case '\r' -> sb.append('r');
                default -> sb.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        sb.append(s, from, n).append('"');
    }
}

package dev.iampreflight.core;

/**
 * Text that came from input (a stage name, a key, a file name, a value in code) made safe to print. Control
 * characters are shown as escapes: a raw newline followed by {@code ::error::} or {@code ::add-mask::} would be a
 * workflow command in a GitHub Actions log ("Workflow commands for GitHub Actions": a command is a line that starts
 * with {@code ::}), and ESC sequences would drive the user's terminal. Bidirectional overrides are escaped too, so
 * that printed text reads in the order it is stored.
 */
public final class Printable {

    private Printable() {
    }

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}

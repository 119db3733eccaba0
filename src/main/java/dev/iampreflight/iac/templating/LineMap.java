package dev.iampreflight.iac.templating;

import dev.iampreflight.core.SourceLocation;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Maps a line of rendered Jinja output back to the template line it came from. A template line without tags maps when
 * a rendered line equals it; a line with {@code {{ }}}/{@code {% %}} tags maps when the rendered line matches its
 * literal text around them. Lines are matched in order, looking a bounded number of lines ahead (then back, for the
 * second pass of a loop), so the cost is linear in the length. A line that matches nothing (a value computed over
 * several lines, a macro's output) has line 0: findings there are located by file only. Columns are kept only for a
 * template line without tags, where they are the same.
 */
final class LineMap {

    private static final int WINDOW = 64;

    private LineMap() {
    }

    static UnaryOperator<SourceLocation> of(String source, String rendered) {
        String[] src = source.split("\n", -1);
        String[] out = rendered.split("\n", -1);
        Pattern[] patterns = new Pattern[src.length];
        boolean[] exact = new boolean[src.length];
        for (int i = 0; i < src.length; i++) {
            String s = strip(src[i]);
            if (!s.contains("{{") && !s.contains("{%") && !s.contains("{#")) {
                exact[i] = true;
            } else {
                patterns[i] = pattern(s);
            }
        }
        int[] line = new int[out.length + 1];
        boolean[] sameColumns = new boolean[out.length + 1];
        int next = 0;
        for (int r = 0; r < out.length; r++) {
            String text = strip(out[r]);
            if (text.isBlank()) {
                continue;
            }
            int found = -1;
            for (int k = next; k < Math.min(src.length, next + WINDOW) && found < 0; k++) {
                found = matches(text, src[k], patterns[k], exact[k]) ? k : -1;
            }
            for (int k = next - 1; k >= Math.max(0, next - WINDOW) && found < 0; k--) {
                found = matches(text, src[k], patterns[k], exact[k]) ? k : -1;
            }
            if (found >= 0) {
                line[r + 1] = found + 1;
                sameColumns[r + 1] = exact[found];
                next = found + 1;
            }
        }
        return at -> {
            if (at.line() <= 0 || at.line() >= line.length) {
                return at;
            }
            int l = line[at.line()];
            return new SourceLocation(at.file(), l, l > 0 && sameColumns[at.line()] ? at.column() : 0);
        };
    }

    private static boolean matches(String text, String src, Pattern p, boolean exact) {
        if (exact) {
            return strip(src).equals(text);
        }
        return p != null && p.matcher(text).matches();
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** The literal parts of a template line, quoted, with each tag standing for any text; null for a tag-only line. */
    private static Pattern pattern(String s) {
        StringBuilder p = new StringBuilder();
        int i = 0;
        boolean literal = false;
        while (i < s.length()) {
            int open = indexOfTag(s, i);
            if (open < 0) {
                literal |= !s.substring(i).isBlank();
                p.append(Pattern.quote(s.substring(i)));
                break;
            }
            literal |= !s.substring(i, open).isBlank();
            p.append(Pattern.quote(s.substring(i, open))).append(".*?");
            String close = s.startsWith("{{", open) ? "}}" : s.startsWith("{%", open) ? "%}" : "#}";
            int end = s.indexOf(close, open + 2);
            if (end < 0) {
                return null;
            }
            i = end + 2;
        }
        // A line of tags alone ({% if %}, {% endfor %}) renders to nothing to match.
        return literal ? Pattern.compile(p.toString(), Pattern.DOTALL) : null;
    }

    private static int indexOfTag(String s, int from) {
        int best = -1;
        for (String t : new String[] {"{{", "{%", "{#"}) {
            int at = s.indexOf(t, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }
}

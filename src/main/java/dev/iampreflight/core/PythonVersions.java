package dev.iampreflight.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release numbers and version specifiers of Python packages as dependency files write them (PEP 440 release numbers;
 * Poetry's caret and tilde, https://python-poetry.org/docs/dependency-specification/). Shared by the readers of
 * Chalice's own pin and of library pins.
 */
public final class PythonVersions {

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\d+");

    private PythonVersions() {
    }

    /**
     * Poetry's specifier as PEP 440: {@code ^1.21} is {@code >=1.21,<2}, {@code ~1.21} is {@code >=1.21,<1.22}, a bare
     * version is a pin ({@code ==}), {@code *} or nothing is no constraint ({@code ""}); anything else is kept.
     */
    public static String poetry(String v) {
        String s = v.strip();
        if (s.isEmpty() || s.equals("*")) {
            return "";
        }
        if (s.startsWith("^")) {
            String base = s.substring(1).strip();
            return ">=" + base + ",<" + firstPast(base.split("\\.")[0]);
        }
        if (s.startsWith("~") && !s.startsWith("~=")) {
            String base = s.substring(1).strip();
            String[] parts = base.split("\\.");
            return ">=" + base + ",<" + firstPast(parts.length > 1 ? parts[0] + "." + parts[1] : parts[0]);
        }
        return Character.isDigit(s.charAt(0)) ? "==" + s : s;
    }

    /** The first release past a prefix: {@code 1.21} to {@code 1.22}; a prefix whose last part is no number stays. */
    public static String firstPast(String prefix) {
        String[] parts = prefix.split("\\.");
        try {
            parts[parts.length - 1] = Integer.toString(Integer.parseInt(parts[parts.length - 1].strip()) + 1);
        } catch (NumberFormatException e) {
            return prefix;
        }
        return String.join(".", parts);
    }

    /** Compares dotted release numbers numerically (missing parts are 0, a part's leading digits count). */
    public static int compare(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            int x = i < pa.length ? number(pa[i]) : 0;
            int y = i < pb.length ? number(pb[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int number(String s) {
        Matcher m = LEADING_NUMBER.matcher(s);
        return m.lookingAt() ? Integer.parseInt(m.group()) : 0;
    }
}

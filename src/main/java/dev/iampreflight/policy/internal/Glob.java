package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards.Mode;
import dev.iampreflight.policy.Wildcards.Syntax;
import dev.iampreflight.policy.Wildcards;

import java.util.Arrays;
import java.util.Locale;

/**
 * A compiled wildcard pattern: a sequence of tokens, each a literal character, {@code ?} (one character) or
 * {@code *} (any string). In an ARN-shaped pattern (it starts with {@code arn:} and reaches the resource part, i.e. has
 * five literal colons) the wildcards of the first five components are "no colon" wildcards: AWS matches each of the
 * colon-delimited components of an ARN separately
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 * A pattern with fewer components (for example {@code arn:aws:s3:*}) keeps ordinary wildcards, so its last written
 * component absorbs the rest of the ARN.
 *
 * <p>Matching a concrete value is done component by component with the classic two-pointer glob algorithm; the
 * symbolic operations (inclusion, intersection, unknown request parts) live in {@link GlobAutomaton}.
 */
public final class Glob {

    public static final byte LIT = 0;
    public static final byte ONE = 1;
    public static final byte STAR = 2;
    public static final byte ONE_NC = 3;
    public static final byte STAR_NC = 4;

    final byte[] kinds;
    final char[] chars;
    /** For an ARN-shaped pattern: token index of each of the five component-separating colons; else null. */
    final int[] colons;
    /** The pattern has no wildcard: match is string equality. */
    private final String literal;
    /** The pattern is a literal followed by one trailing {@code *} (plain): match is startsWith. */
    private final String prefix;
    /** ARN-shaped pattern whose first five components have no wildcard: that literal text up to the fifth colon. */
    private final String arnLiteralPrefix;

    Glob(byte[] kinds, char[] chars, int[] colons) {
        this.kinds = kinds;
        this.chars = chars;
        this.colons = colons;
        boolean wild = false;
        for (byte k : kinds) {
            wild |= k != LIT;
        }
        this.literal = wild ? null : new String(chars);
        String p = null;
        if (wild && colons == null && kinds.length > 0 && kinds[kinds.length - 1] == STAR) {
            boolean rest = true;
            for (int i = 0; i < kinds.length - 1; i++) {
                rest &= kinds[i] == LIT;
            }
            if (rest) {
                p = new String(chars, 0, chars.length - 1);
            }
        }
        this.prefix = p;
        String alp = null;
        if (wild && colons != null) {
            boolean lit = true;
            for (int i = 0; i <= colons[4]; i++) {
                lit &= kinds[i] == LIT;
            }
            if (lit) {
                alp = new String(chars, 0, colons[4] + 1);
            }
        }
        this.arnLiteralPrefix = alp;
    }

    public int length() {
        return kinds.length;
    }

    /** How many of its tokens are stars (either kind). */
    int stars() {
        int n = 0;
        for (byte k : kinds) {
            n += k == STAR || k == STAR_NC ? 1 : 0;
        }
        return n;
    }

    public boolean isLiteral() {
        return literal != null;
    }

    /** Builds a pattern from tokens, applying the mode's ARN rules (no-colon wildcards, case folding). */
    public static Glob of(byte[] kinds, char[] chars, Mode mode) {
        return ofOwned(kinds.clone(), chars.clone(), mode);
    }

    /** {@link #of} on arrays nobody else holds, which it changes and keeps (a request is read once per decision). */
    private static Glob ofOwned(byte[] kinds, char[] chars, Mode mode) {
        int[] colons = null;
        if (mode.arnAware() || mode.foldPrefix()) {
            boolean arn = kinds.length >= 4 && isLit(kinds, chars, 0, 'a') && isLit(kinds, chars, 1, 'r')
                    && isLit(kinds, chars, 2, 'n') && kinds[3] == LIT && chars[3] == ':';
            if (mode == Mode.ACTION) {
                for (int i = 0; i < chars.length; i++) {
                    if (kinds[i] == LIT) {
                        chars[i] = Character.toLowerCase(chars[i]);
                    }
                }
            } else if (arn) {
                int[] c = new int[5];
                int n = 0;
                int lastColon = -1;
                for (int i = 0; i < kinds.length; i++) {
                    if (kinds[i] == LIT && chars[i] == ':') {
                        if (n < 5) {
                            c[n] = i;
                        }
                        n++;
                        lastColon = i;
                    }
                }
                if (n >= 5) {
                    colons = c;
                    inPrefix(kinds, chars, c[4], mode.foldPrefix());
                } else {
                    // Fewer components than a full ARN: the last written component absorbs the rest, the earlier
                    // ones are still matched one by one.
                    inPrefix(kinds, chars, lastColon, mode.foldPrefix());
                }
            }
        }
        return new Glob(kinds, chars, colons);
    }

    /**
     * Marks the wildcards before {@code end} (the ARN's first five components) as not matching {@code :}, and folds
     * the literal characters there to lower case when {@code fold}.
     */
    private static void inPrefix(byte[] kinds, char[] chars, int end, boolean fold) {
        for (int i = 0; i < end; i++) {
            if (kinds[i] == ONE) {
                kinds[i] = ONE_NC;
            } else if (kinds[i] == STAR) {
                kinds[i] = STAR_NC;
            } else if (fold) {
                chars[i] = Character.toLowerCase(chars[i]);
            }
        }
    }

    private static boolean isLit(byte[] k, char[] c, int i, char want) {
        return k[i] == LIT && Character.toLowerCase(c[i]) == want;
    }

    /**
     * The one reader of pattern text: {@code syntax} says whether {@code *} and {@code ?} are wildcards and what
     * {@code {?}}, a value not known offline, stands for (any string for a policy value, an unknown non-empty string
     * for a request value, or itself).
     */
    public static Glob compile(String text, Syntax syntax, Mode mode) {
        TokenBuffer b = new TokenBuffer(text.length());
        b.append(text, syntax);
        return b.toGlob(mode);
    }

    /** Parses policy text: {@code *} and {@code ?} are wildcards, {@code {?}} (an unresolved value) is {@code *}. */
    public static Glob parse(String text, Mode mode) {
        return compile(text, Syntax.POLICY, mode);
    }

    /** Parses a literal text: every character matches only itself. */
    public static Glob literal(String text, Mode mode) {
        return compile(text, Syntax.LITERAL, mode);
    }

    /**
     * A policy value for an operator without wildcards (StringEquals): every character literal except {@code {?}}, an
     * unresolved value from infrastructure code, which matches any string.
     */
    public static Glob literalWithUnknowns(String text, Mode mode) {
        return compile(text, Syntax.LITERAL_WITH_UNKNOWNS, mode);
    }

    /**
     * Parses a request value: characters are literal (a {@code *} in a request is the character {@code *}), and
     * {@code {?}} stands for an unknown non-empty string (which may contain {@code /}).
     */
    public static Glob request(String text, Mode mode) {
        return compile(text, Syntax.REQUEST, mode);
    }

    /**
     * Normalizes a concrete value the way {@link Mode#RESOURCE} patterns are normalized: an ARN's first five
     * components are lower-cased.
     */
    public static String normalizeResource(String value) {
        if (value.length() < 4 || !value.regionMatches(true, 0, "arn:", 0, 4)) {
            return value;
        }
        int colons = 0;
        int upto = -1;
        int last = -1;
        boolean upper = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':') {
                last = i;
                if (++colons == 5) {
                    upto = i;
                    break;
                }
            } else if (c >= 'A' && c <= 'Z' || c > 127) {
                upper = true;
            }
        }
        if (upto < 0) {
            upto = last;
            upper = false;
            for (int i = 0; i < upto; i++) {
                upper |= Character.isUpperCase(value.charAt(i));
            }
        }
        return upper ? value.substring(0, upto).toLowerCase(Locale.ROOT) + value.substring(upto) : value;
    }

    /** Positions of the first five colons of {@code value}, or null when it has fewer. */
    public static int[] colonsOf(String value) {
        int[] c = new int[5];
        int n = 0;
        for (int i = 0; i < value.length() && n < 5; i++) {
            if (value.charAt(i) == ':') {
                c[n++] = i;
            }
        }
        return n == 5 ? c : null;
    }

    /** Matches a concrete (already normalized) value. */
    public boolean matches(String value) {
        return matches(value, colons == null ? null : colonsOf(value));
    }

    /** Matches a concrete value whose first five colon positions are known ({@code valueColons}, null if fewer). */
    public boolean matches(String value, int[] valueColons) {
        if (literal != null) {
            return literal.equals(value);
        }
        if (prefix != null) {
            return value.startsWith(prefix);
        }
        if (colons == null) {
            return range(0, kinds.length, value, 0, value.length());
        }
        if (arnLiteralPrefix != null) {
            return value.startsWith(arnLiteralPrefix)
                    && range(colons[4] + 1, kinds.length, value, arnLiteralPrefix.length(), value.length());
        }
        if (valueColons == null) {
            return false;
        }
        int ts = 0;
        int vs = 0;
        for (int k = 0; k < 5; k++) {
            if (!range(ts, colons[k], value, vs, valueColons[k])) {
                return false;
            }
            ts = colons[k] + 1;
            vs = valueColons[k] + 1;
        }
        return range(ts, kinds.length, value, vs, value.length());
    }

    /** Two-pointer glob match of tokens [ts, te) against value[vs, ve). */
    private boolean range(int ts, int te, String v, int vs, int ve) {
        int t = ts;
        int i = vs;
        int starT = -1;
        int starI = -1;
        while (i < ve) {
            if (t < te) {
                byte k = kinds[t];
                if (k == STAR || k == STAR_NC) {
                    starT = t++;
                    starI = i;
                    continue;
                }
                char c = v.charAt(i);
                if (k == LIT ? chars[t] == c : (k == ONE || c != ':')) {
                    t++;
                    i++;
                    continue;
                }
            }
            if (starT < 0) {
                return false;
            }
            if (kinds[starT] == STAR_NC && v.charAt(starI) == ':') {
                return false;
            }
            t = starT + 1;
            i = ++starI;
        }
        while (t < te && (kinds[t] == STAR || kinds[t] == STAR_NC)) {
            t++;
        }
        return t == te;
    }

    /** IAM-style text: {@code *}, {@code ?}, {@code {?}} for "?*", and literal wildcards escaped as ${*}, ${?}. */
    public String render() {
        // Kept once made (a racy write of an equal string is harmless): kept patterns are rendered per decision.
        String r = rendered;
        if (r == null) {
            r = renderNow();
            rendered = r;
        }
        return r;
    }

    private String rendered;

    private String renderNow() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            byte k = kinds[i];
            if (k == LIT) {
                char c = chars[i];
                if (c == '*' || c == '?') {
                    sb.append("${").append(c).append('}');
                } else {
                    sb.append(c);
                }
            } else if ((k == ONE || k == ONE_NC) && i + 1 < kinds.length
                    && (kinds[i + 1] == STAR || kinds[i + 1] == STAR_NC)) {
                sb.append("{?}");
                i++;
            } else if (k == ONE || k == ONE_NC) {
                sb.append('?');
            } else {
                sb.append('*');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Glob g && Arrays.equals(kinds, g.kinds) && Arrays.equals(chars, g.chars);
    }

    @Override
    public int hashCode() {
        // Kept once computed (a racy write of the same value is harmless): pair memos hash the same patterns often.
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(kinds) * 31 + Arrays.hashCode(chars);
            hash = h;
        }
        return h;
    }

    private int hash;

    /** Accumulates tokens. */
    public static final class TokenBuffer {
        private byte[] kinds;
        private char[] chars;
        private int n;

        public TokenBuffer(int capacity) {
            kinds = new byte[Math.max(4, capacity)];
            chars = new char[Math.max(4, capacity)];
        }

        public void add(byte kind, char c) {
            if (n == kinds.length) {
                kinds = Arrays.copyOf(kinds, n * 2);
                chars = Arrays.copyOf(chars, n * 2);
            }
            kinds[n] = kind;
            chars[n] = c;
            n++;
        }

        public void literal(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                add(LIT, s.charAt(i));
            }
        }

        public void policyText(String s) {
            append(s, Syntax.POLICY);
        }

        /** Appends {@code text} read with {@code syntax} (see {@link Glob#compile}). */
        public void append(String text, Syntax syntax) {
            Wildcards.Unknown unknown = syntax.unknown();
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch == '{' && unknown != null && text.startsWith("{?}", i)) {
                    if (unknown == Wildcards.Unknown.NON_EMPTY) {
                        add(ONE, '?');
                    }
                    add(STAR, '*');
                    i += 3;
                } else if (syntax.wildcards() && ch == '*') {
                    add(STAR, '*');
                    i++;
                } else if (syntax.wildcards() && ch == '?') {
                    add(ONE, '?');
                    i++;
                } else {
                    add(LIT, ch);
                    i++;
                }
            }
        }

        byte[] kindsView() {
            return kinds;
        }

        char[] charsView() {
            return chars;
        }

        int size() {
            return n;
        }

        public String literalString() {
            return new String(chars, 0, n);
        }

        public Glob toGlob(Mode mode) {
            return Glob.ofOwned(Arrays.copyOf(kinds, n), Arrays.copyOf(chars, n), mode);
        }
    }
}

package dev.iampreflight.policy.internal;

/**
 * Polynomial operations on two {@link Glob}s, used where the exact product exploration of {@link GlobAutomaton}
 * would be a subset construction: a sound inclusion test (dynamic programming over pairs of token positions) and
 * concrete members of a pattern or of the intersection of two, which serve as witnesses.
 *
 * <p>The inclusion test matches the including pattern against the tokens of the included one, a wildcard of the
 * included side standing for itself: a star of the including side may absorb any tokens (a no-colon star only tokens
 * that cannot produce a colon), a single-character wildcard a literal or a single-character wildcard. Every
 * string of the included pattern is then an instance of that symbolic match, so "true" is a proof. Runs of wildcards
 * are first written in one order ({@code *?} and {@code ?*} match the same strings), which makes the test complete for
 * the shapes requests and policies use (a request's unknown {@code ?*} against the policy's {@code *} or literal
 * text); "false" only means "not proven", and callers then look for a counterexample or explore exactly.
 */
public final class GlobPairs {

    private GlobPairs() {
    }

    private static boolean isStar(byte k) {
        return k == Glob.STAR || k == Glob.STAR_NC;
    }

    private static boolean isOne(byte k) {
        return k == Glob.ONE || k == Glob.ONE_NC;
    }

    private static boolean noColon(byte k) {
        return k == Glob.ONE_NC || k == Glob.STAR_NC;
    }

    /**
     * Tokens with each maximal run of wildcards written as its single-character wildcards followed by at most one
     * star. A run that mixes colon and no-colon wildcards (it does not occur in compiled patterns) is made no-colon
     * when {@code narrow} (the including side: fewer strings) and colon-matching otherwise (the included side: more
     * strings), so the test stays sound.
     */
    private static Glob normalize(Glob g, boolean narrow) {
        byte[] k = g.kinds;
        boolean plain = true;
        for (int i = 0; i + 1 < k.length && plain; i++) {
            plain = !(isStar(k[i]) && k[i + 1] != Glob.LIT) && !(k[i] != Glob.LIT && k[i + 1] != Glob.LIT
                    && noColon(k[i]) != noColon(k[i + 1]));
        }
        if (plain) {
            return g;
        }
        Glob.TokenBuffer b = new Glob.TokenBuffer(k.length);
        int i = 0;
        while (i < k.length) {
            if (k[i] == Glob.LIT) {
                b.add(Glob.LIT, g.chars[i]);
                i++;
                continue;
            }
            int ones = 0;
            boolean star = false;
            boolean allNc = true;
            boolean anyNc = false;
            while (i < k.length && k[i] != Glob.LIT) {
                ones += isOne(k[i]) ? 1 : 0;
                star |= isStar(k[i]);
                allNc &= noColon(k[i]);
                anyNc |= noColon(k[i]);
                i++;
            }
            boolean nc = narrow ? anyNc : allNc;
            for (int o = 0; o < ones; o++) {
                b.add(nc ? Glob.ONE_NC : Glob.ONE, '?');
            }
            if (star) {
                b.add(nc ? Glob.STAR_NC : Glob.STAR, '*');
            }
        }
        return new Glob(java.util.Arrays.copyOf(b.kindsView(), b.size()), java.util.Arrays.copyOf(b.charsView(),
                b.size()), null);
    }

    /** True only when every string {@code a} matches, {@code b} matches too (sound; O(|a| * |b|)). */
    public static boolean surelyIncludes(Glob b, Glob a) {
        Glob nb = normalize(b, true);
        Glob na = normalize(a, false);
        if (nb == na) {
            // One pattern with no mixed runs: each token matches itself (the diagonal of the table below).
            return true;
        }
        byte[] kb = nb.kinds;
        byte[] ka = na.kinds;
        char[] cb = nb.chars;
        char[] ca = na.chars;
        int lb = kb.length;
        int la = ka.length;
        // Equal literal prefixes need no table.
        int s = 0;
        while (s < lb && s < la && kb[s] == Glob.LIT && ka[s] == Glob.LIT) {
            if (cb[s] != ca[s]) {
                return false;
            }
            s++;
        }
        // Equal literal suffixes neither.
        int eb = lb;
        int ea = la;
        while (eb > s && ea > s && kb[eb - 1] == Glob.LIT && ka[ea - 1] == Glob.LIT) {
            if (cb[eb - 1] != ca[ea - 1]) {
                return false;
            }
            eb--;
            ea--;
        }
        int w = ea - s + 1;
        // row i (b from s + i) over columns j (a from s + j); only two rows are kept.
        boolean[] next = new boolean[w];
        boolean[] cur = new boolean[w];
        next[w - 1] = true;
        for (int i = eb - 1; i >= s; i--) {
            byte tb = kb[i];
            cur[w - 1] = isStar(tb) && next[w - 1];
            for (int j = ea - 1; j >= s; j--) {
                int c = j - s;
                byte ta = ka[j];
                boolean f;
                if (isStar(tb)) {
                    f = next[c] || (cur[c + 1] && (tb == Glob.STAR || (ta == Glob.LIT ? ca[j] != ':' : noColon(ta))));
                } else if (isStar(ta)) {
                    f = false;
                } else if (tb == Glob.LIT) {
                    f = ta == Glob.LIT && ca[j] == cb[i] && next[c + 1];
                } else if (tb == Glob.ONE) {
                    f = next[c + 1];
                } else {
                    f = (ta == Glob.LIT ? ca[j] != ':' : ta == Glob.ONE_NC) && next[c + 1];
                }
                cur[c] = f;
            }
            boolean[] t = next;
            next = cur;
            cur = t;
        }
        return next[0];
    }

    /**
     * The shortest string {@code g} matches, each single-character wildcard read as {@code :} where it may be a
     * colon and as {@code filler} (a character no pattern names) where it may not: the first member the product
     * exploration meets.
     */
    public static String shortestMember(Glob g, char filler) {
        char[] out = new char[g.kinds.length];
        int n = 0;
        for (int i = 0; i < g.kinds.length; i++) {
            byte k = g.kinds[i];
            if (k == Glob.LIT) {
                out[n++] = g.chars[i];
            } else if (k == Glob.ONE) {
                out[n++] = ':';
            } else if (k == Glob.ONE_NC) {
                out[n++] = filler;
            }
        }
        return new String(out, 0, n);
    }

    /** {@link #shortestMember} with every single-character wildcard read as {@code filler}. */
    public static String fillerMember(Glob g, char filler) {
        return stretchedMember(g, filler, 0);
    }

    /**
     * {@link #fillerMember} with every star filled with {@code length} fillers: a pattern that has no star where
     * {@code g} has one misses it, so it refutes most non-inclusions the shortest members do not.
     */
    public static String stretchedMember(Glob g, char filler, int length) {
        int stars = g.stars();
        // Sized once: a witness stretched past the longest pattern is a few hundred characters.
        char[] out = new char[g.kinds.length - stars + stars * length];
        int n = 0;
        for (int i = 0; i < g.kinds.length; i++) {
            byte k = g.kinds[i];
            if (k == Glob.LIT) {
                out[n++] = g.chars[i];
            } else if (isOne(k)) {
                out[n++] = filler;
            } else {
                java.util.Arrays.fill(out, n, n + length, filler);
                n += length;
            }
        }
        return new String(out);
    }

    /** How many values {@link #witnesses} gives: the shortest member, the filler member and the stretched member. */
    public static final int WITNESSES = 3;

    /** Members of {@code g} that refute most non-inclusions in patterns up to {@code longest} tokens. */
    public static String[] witnesses(Glob g, char filler, int longest) {
        String[] w = new String[WITNESSES];
        for (int i = 0; i < WITNESSES; i++) {
            w[i] = witness(g, filler, longest, i);
        }
        return w;
    }

    /** Value {@code i} (0 to {@link #WITNESSES} - 1) of {@link #witnesses} alone, for callers that may stop early. */
    public static String witness(Glob g, char filler, int longest, int i) {
        return switch (i) {
            case 0 -> shortestMember(g, filler);
            case 1 -> fillerMember(g, filler);
            case 2 -> stretchedMember(g, filler, longest + 1);
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /**
     * A string both patterns match, or null when there is none: a walk along pairs of positions from which both can
     * still end together, stars skipped whenever that stays possible (O(|a| * |b|)).
     */
    public static String commonMember(Glob a, Glob b, char filler) {
        return commonMember(a, b, filler, GlobAutomaton.live(a, b));
    }

    /** {@link #commonMember} on a table {@link GlobAutomaton#live} already made for the pair. */
    static String commonMember(Glob a, Glob b, char filler, GlobAutomaton.Live live) {
        if (!live.start()) {
            return null;
        }
        int la = a.length();
        int lb = b.length();
        // At most one character per token of either side; written into one array.
        char[] out = new char[la + lb];
        // The literal prefix both share is every common member's start (from (k, k) the only move is to
        // (k + 1, k + 1)): copied at once.
        int n = live.prefix();
        for (int k = 0; k < n; k++) {
            out[k] = a.chars[k];
        }
        int i = n;
        int j = n;
        while (i < la || j < lb) {
            byte ka = i < la ? a.kinds[i] : -1;
            byte kb = j < lb ? b.kinds[j] : -1;
            if (ka >= 0 && isStar(ka) && live.at(i + 1, j)) {
                i++;
                continue;
            }
            if (kb >= 0 && isStar(kb) && live.at(i, j + 1)) {
                j++;
                continue;
            }
            // Both must consume one character together (live guarantees one such move exists).
            int ni = isStar(ka) ? i : i + 1;
            int nj = isStar(kb) ? j : j + 1;
            if (ka == Glob.LIT) {
                out[n++] = a.chars[i];
            } else if (kb == Glob.LIT) {
                out[n++] = b.chars[j];
            } else {
                out[n++] = noColon(ka) || noColon(kb) ? filler : ':';
            }
            i = ni;
            j = nj;
        }
        return new String(out, 0, n);
    }

    /**
     * A character no glob has as a literal: it stands for every character none of them names. The lowest such one
     * from U+0001, so a control character, never the colon, for globs written in printable text.
     */
    public static char filler(Iterable<Glob> globs) {
        char other = 1;
        boolean clash = true;
        while (clash) {
            clash = false;
            for (Glob g : globs) {
                for (int i = 0; i < g.kinds.length && !clash; i++) {
                    clash = g.kinds[i] == Glob.LIT && g.chars[i] == other;
                }
                if (clash) {
                    break;
                }
            }
            if (clash) {
                other++;
            }
        }
        return other;
    }
}

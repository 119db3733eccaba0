package dev.iampreflight.eval.local.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exact symbolic operations on {@link Glob}s: the product of their automata explored over a finite alphabet (every
 * literal character that occurs, the colon, and one stand-in for "any other character", which all patterns treat
 * alike). This is language inclusion and intersection, not sampling.
 */
public final class GlobAutomaton {

    /** More product states than this means a pathological pattern set; the caller gets an answer of "unknown". */
    public static final int MAX_STATES = 200_000;

    /** Thrown when exploration would exceed {@link #MAX_STATES}. */
    public static final class TooComplex extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooComplex() {
            super("pattern set too complex for exact analysis", null, false, false);
        }
    }

    /** Sees each reachable product state once; returns false to stop the exploration. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(BitSet accepting);
    }

    private GlobAutomaton() {
    }

    /**
     * Explores every string: for each reachable combination of automaton states, tells the visitor which globs accept
     * the string read so far (bit i = globs.get(i) accepts).
     */
    public static void explore(List<Glob> globs, Visitor visitor) {
        char[] alphabet = alphabet(globs);
        int n = globs.size();
        BitSet[] start = new BitSet[n];
        for (int i = 0; i < n; i++) {
            BitSet s = new BitSet();
            s.set(0);
            start[i] = closure(globs.get(i), s);
        }
        Map<List<BitSet>, Boolean> seen = new HashMap<>();
        ArrayDeque<BitSet[]> queue = new ArrayDeque<>();
        seen.put(List.of(start), Boolean.TRUE);
        queue.add(start);
        while (!queue.isEmpty()) {
            BitSet[] state = queue.poll();
            BitSet acc = new BitSet(n);
            for (int i = 0; i < n; i++) {
                if (state[i].get(globs.get(i).length())) {
                    acc.set(i);
                }
            }
            if (!visitor.visit(acc)) {
                return;
            }
            for (char c : alphabet) {
                BitSet[] next = new BitSet[n];
                boolean alive = false;
                for (int i = 0; i < n; i++) {
                    next[i] = step(globs.get(i), state[i], c);
                    alive |= !next[i].isEmpty();
                }
                if (!alive) {
                    continue;
                }
                if (seen.putIfAbsent(List.of(next), Boolean.TRUE) == null) {
                    if (seen.size() > MAX_STATES) {
                        throw new TooComplex();
                    }
                    queue.add(next);
                }
            }
        }
    }

    static char[] alphabet(List<Glob> globs) {
        Set<Character> set = new TreeSet<>();
        set.add(':');
        for (Glob g : globs) {
            for (int i = 0; i < g.kinds.length; i++) {
                if (g.kinds[i] == Glob.LIT) {
                    set.add(g.chars[i]);
                }
            }
        }
        char other = 1;
        while (set.contains(other)) {
            other++;
        }
        char[] out = new char[set.size() + 1];
        int i = 0;
        for (char c : set) {
            out[i++] = c;
        }
        out[i] = other;
        return out;
    }

    private static BitSet closure(Glob g, BitSet s) {
        for (int i = s.nextSetBit(0); i >= 0 && i < g.kinds.length; i = s.nextSetBit(i + 1)) {
            byte k = g.kinds[i];
            if (k == Glob.STAR || k == Glob.STAR_NC) {
                s.set(i + 1);
            }
        }
        return s;
    }

    private static BitSet step(Glob g, BitSet s, char c) {
        BitSet out = new BitSet();
        int len = g.kinds.length;
        for (int i = s.nextSetBit(0); i >= 0 && i < len; i = s.nextSetBit(i + 1)) {
            switch (g.kinds[i]) {
                case Glob.LIT -> {
                    if (g.chars[i] == c) {
                        out.set(i + 1);
                    }
                }
                case Glob.ONE -> out.set(i + 1);
                case Glob.ONE_NC -> {
                    if (c != ':') {
                        out.set(i + 1);
                    }
                }
                case Glob.STAR -> out.set(i);
                default -> {
                    if (c != ':') {
                        out.set(i);
                    }
                }
            }
        }
        return closure(g, out);
    }

    /** Every string {@code a} matches, {@code b} matches too. */
    public static boolean includes(Glob b, Glob a) {
        boolean[] ok = {true};
        explore(List.of(a, b), acc -> {
            if (acc.get(0) && !acc.get(1)) {
                ok[0] = false;
                return false;
            }
            return true;
        });
        return ok[0];
    }

    /** Some string matches both. */
    public static boolean intersects(Glob a, Glob b) {
        boolean[] found = {false};
        explore(List.of(a, b), acc -> {
            if (acc.get(0) && acc.get(1)) {
                found[0] = true;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The patterns match the same strings. */
    public static boolean equivalent(Glob a, Glob b) {
        return includes(a, b) && includes(b, a);
    }

    /**
     * The intersection of two patterns written as a union of patterns (exact: every string in the result matches
     * both, and every string matching both is in the result). Redundant members are removed; at most {@code limit}
     * paths are explored.
     */
    public static List<Glob> intersection(Glob a, Glob b, int limit) {
        Set<Glob> out = new LinkedHashSet<>();
        Glob.TokenBuffer buf = new Glob.TokenBuffer(a.length() + b.length());
        walk(a, b, 0, 0, new byte[a.length() + b.length() + 2], new char[a.length() + b.length() + 2], 0, out,
                limit, new HashMap<>());
        List<Glob> list = widen(new ArrayList<>(out));
        List<Glob> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Glob g = list.get(i);
            boolean redundant = false;
            for (int j = 0; j < list.size() && !redundant; j++) {
                if (i != j && includes(list.get(j), g) && (!includes(g, list.get(j)) || j < i)) {
                    redundant = true;
                }
            }
            if (!redundant) {
                result.add(g);
            }
        }
        return result;
    }

    /**
     * Simplifies a union: a member with {@code ?*} whose widening to {@code *} adds only strings the union already has
     * is widened ({@code b?*a} with {@code ba} becomes {@code b*a}), and members the widened one covers drop out.
     */
    private static List<Glob> widen(List<Glob> union) {
        boolean changed = true;
        while (changed && union.size() > 1) {
            changed = false;
            for (int i = 0; i < union.size() && !changed; i++) {
                Glob g = union.get(i);
                for (int t = 0; t + 1 < g.kinds.length && !changed; t++) {
                    boolean one = g.kinds[t] == Glob.ONE || g.kinds[t] == Glob.ONE_NC;
                    if (!one || !isStar(g.kinds[t + 1])) {
                        continue;
                    }
                    Glob.TokenBuffer b = new Glob.TokenBuffer(g.kinds.length);
                    for (int k = 0; k < g.kinds.length; k++) {
                        if (k != t) {
                            b.add(g.kinds[k], g.chars[k]);
                        }
                    }
                    Glob wider = rebuild(b);
                    if (unionIncludes(union, wider)) {
                        List<Glob> next = new ArrayList<>();
                        next.add(wider);
                        for (Glob other : union) {
                            if (!includes(wider, other)) {
                                next.add(other);
                            }
                        }
                        union = next;
                        changed = true;
                    }
                }
            }
        }
        return union;
    }

    /** Every string {@code g} matches, some member of {@code union} matches. */
    private static boolean unionIncludes(List<Glob> union, Glob g) {
        List<Glob> all = new ArrayList<>();
        all.add(g);
        all.addAll(union);
        boolean[] ok = {true};
        explore(all, acc -> {
            if (acc.get(0) && acc.nextSetBit(1) < 0) {
                ok[0] = false;
                return false;
            }
            return true;
        });
        return ok[0];
    }

    private static boolean isStar(byte k) {
        return k == Glob.STAR || k == Glob.STAR_NC;
    }

    private static boolean noColon(byte k) {
        return k == Glob.ONE_NC || k == Glob.STAR_NC;
    }

    private static void walk(Glob a, Glob b, int i, int j, byte[] kinds, char[] chars, int n, Set<Glob> out,
                             int limit, Map<Long, Boolean> dead) {
        if (out.size() >= limit) {
            return;
        }
        int la = a.length();
        int lb = b.length();
        if (i == la && j == lb) {
            out.add(collapse(kinds, chars, n));
            return;
        }
        byte ka = i < la ? a.kinds[i] : -1;
        byte kb = j < lb ? b.kinds[j] : -1;
        if (ka >= 0 && isStar(ka)) {
            walk(a, b, i + 1, j, kinds, chars, n, out, limit, dead);
        }
        if (kb >= 0 && isStar(kb)) {
            walk(a, b, i, j + 1, kinds, chars, n, out, limit, dead);
        }
        if (ka < 0 || kb < 0) {
            return;
        }
        boolean nc = noColon(ka) || noColon(kb);
        if (isStar(ka) && isStar(kb)) {
            kinds[n] = nc ? Glob.STAR_NC : Glob.STAR;
            chars[n] = '*';
            // Both stars absorb the same string; afterwards either may end first.
            walk(a, b, i + 1, j, kinds, chars, n + 1, out, limit, dead);
            walk(a, b, i, j + 1, kinds, chars, n + 1, out, limit, dead);
            return;
        }
        // One token consumes one character of the other side.
        byte ta = ka;
        byte tb = kb;
        int ni = isStar(ta) ? i : i + 1;
        int nj = isStar(tb) ? j : j + 1;
        byte single;
        char ch;
        if (ta == Glob.LIT || tb == Glob.LIT) {
            if (ta == Glob.LIT && tb == Glob.LIT) {
                if (a.chars[i] != b.chars[j]) {
                    return;
                }
                ch = a.chars[i];
            } else {
                ch = ta == Glob.LIT ? a.chars[i] : b.chars[j];
                if (nc && ch == ':') {
                    return;
                }
            }
            single = Glob.LIT;
        } else {
            single = nc ? Glob.ONE_NC : Glob.ONE;
            ch = '?';
        }
        kinds[n] = single;
        chars[n] = ch;
        walk(a, b, ni, nj, kinds, chars, n + 1, out, limit, dead);
    }

    private static Glob collapse(byte[] kinds, char[] chars, int n) {
        Glob.TokenBuffer b = new Glob.TokenBuffer(n);
        byte prev = -1;
        for (int i = 0; i < n; i++) {
            if (isStar(kinds[i]) && isStar(prev)) {
                continue;
            }
            b.add(kinds[i], chars[i]);
            prev = kinds[i];
        }
        return rebuild(b);
    }

    private static Glob rebuild(Glob.TokenBuffer b) {
        // Tokens already carry their final kinds (no-colon where needed); keep them as they are.
        Glob g = b.toGlob(Glob.Mode.PLAIN);
        return new Glob(g.kinds, g.chars, arnColons(g));
    }

    private static int[] arnColons(Glob g) {
        int[] c = new int[5];
        int n = 0;
        for (int i = 0; i < g.kinds.length && n < 5; i++) {
            if (g.kinds[i] == Glob.LIT && g.chars[i] == ':') {
                c[n++] = i;
            }
        }
        boolean nc = false;
        for (byte k : g.kinds) {
            nc |= noColon(k);
        }
        return n == 5 && (nc || startsWithArn(g)) ? c : null;
    }

    private static boolean startsWithArn(Glob g) {
        return g.kinds.length >= 4 && g.kinds[0] == Glob.LIT && g.chars[0] == 'a' && g.kinds[1] == Glob.LIT
                && g.chars[1] == 'r' && g.kinds[2] == Glob.LIT && g.chars[2] == 'n' && g.kinds[3] == Glob.LIT
                && g.chars[3] == ':';
    }
}

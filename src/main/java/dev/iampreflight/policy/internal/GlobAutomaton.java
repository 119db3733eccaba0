package dev.iampreflight.policy.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
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

    private static final java.util.concurrent.atomic.LongAdder EXPLORATIONS =
            new java.util.concurrent.atomic.LongAdder();

    /**
     * How many product explorations ran in this JVM: the polynomial operations ({@link GlobPairs}) answer the usual
     * shapes, and this counts the cases they could not (benchmarks and tests read it).
     */
    public static long explorations() {
        return EXPLORATIONS.sum();
    }

    /**
     * A file to which each exploration appends the patterns it explores, one line each: set the environment
     * variable IAM_PREFLIGHT_TRACE_EXPLORATIONS to measure which shapes a run leaves to the exploration.
     */
    private static final String TRACE = System.getenv("IAM_PREFLIGHT_TRACE_EXPLORATIONS");

    private static synchronized void trace(List<Glob> globs) {
        StringBuilder sb = new StringBuilder();
        for (Glob g : globs) {
            sb.append(sb.length() == 0 ? "" : "\t").append(g.render());
        }
        sb.append('\n');
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE), sb, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException | RuntimeException e) {
            // A diagnostic only: the analysis goes on without it.
        }
    }

    /** A product state: every glob's set of active positions, packed into one array of words. */
    private static final class State {
        final long[] bits;
        final int hash;

        State(long[] bits) {
            this.bits = bits;
            this.hash = mix(bits);
        }

        /**
         * The states are sparse bit sets: Arrays.hashCode folds each word's halves together and multiplies by 31,
         * so sets that differ in a few high bits collide until the buckets of the HashSet turn into trees (#13).
         * Each word is mixed with the finalizer of SplitMix64 first.
         */
        private static int mix(long[] bits) {
            long h = 0x9E3779B97F4A7C15L;
            for (long w : bits) {
                long z = (w ^ h) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                h = z ^ (z >>> 31);
            }
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State st && st.hash == hash && java.util.Arrays.equals(st.bits, bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Explores every string: for each reachable combination of automaton states, tells the visitor which globs accept
     * the string read so far (bit i = globs.get(i) accepts).
     */
    public static void explore(List<Glob> globs, Visitor visitor) {
        EXPLORATIONS.increment();
        if (TRACE != null) {
            trace(globs);
        }
        int n = globs.size();
        Glob[] g = globs.toArray(new Glob[0]);
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            off[i + 1] = off[i] + ((g[i].kinds.length + 1 + 63) >>> 6);
        }
        char other = GlobPairs.filler(globs);
        long[] start = new long[off[n]];
        for (int i = 0; i < n; i++) {
            start[off[i]] |= 1L;
            closure(g[i], start, off[i]);
        }
        java.util.HashSet<State> seen = new java.util.HashSet<>();
        ArrayDeque<long[]> queue = new ArrayDeque<>();
        seen.add(new State(start));
        queue.add(start);
        StringBuilder symbols = new StringBuilder();
        while (!queue.isEmpty()) {
            long[] state = queue.poll();
            BitSet acc = new BitSet(n);
            for (int i = 0; i < n; i++) {
                if (get(state, off[i], g[i].kinds.length)) {
                    acc.set(i);
                }
            }
            if (!visitor.visit(acc)) {
                return;
            }
            // Only characters that are literal at an active position can move differently from "any other
            // character"; the rest of the alphabet is represented by the colon and the stand-in.
            symbols.setLength(0);
            symbols.append(':').append(other);
            for (int i = 0; i < n; i++) {
                int len = g[i].kinds.length;
                for (int p = next(state, off[i], off[i + 1], 0); p >= 0 && p < len;
                     p = next(state, off[i], off[i + 1], p + 1)) {
                    char c = g[i].chars[p];
                    if (g[i].kinds[p] == Glob.LIT && !contains(symbols, c)) {
                        symbols.append(c);
                    }
                }
            }
            for (int k = 0; k < symbols.length(); k++) {
                char c = symbols.charAt(k);
                long[] nx = new long[off[n]];
                boolean alive = false;
                for (int i = 0; i < n; i++) {
                    alive |= step(g[i], state, nx, off[i], off[i + 1], c);
                }
                if (!alive) {
                    continue;
                }
                if (seen.add(new State(nx))) {
                    if (seen.size() > MAX_STATES) {
                        throw new TooComplex();
                    }
                    queue.add(nx);
                }
            }
        }
    }

    private static boolean contains(StringBuilder sb, char c) {
        for (int i = 0, n = sb.length(); i < n; i++) {
            if (sb.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean get(long[] b, int off, int p) {
        return (b[off + (p >>> 6)] & (1L << (p & 63))) != 0;
    }

    private static void set(long[] b, int off, int p) {
        b[off + (p >>> 6)] |= 1L << (p & 63);
    }

    /** The first set position at or after {@code from} in the words [off, end), or -1. */
    private static int next(long[] b, int off, int end, int from) {
        int w = off + (from >>> 6);
        if (w >= end) {
            return -1;
        }
        long word = b[w] & (-1L << (from & 63));
        while (true) {
            if (word != 0) {
                return ((w - off) << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w >= end) {
                return -1;
            }
            word = b[w];
        }
    }

    private static void closure(Glob g, long[] b, int off) {
        int len = g.kinds.length;
        int end = off + ((len + 1 + 63) >>> 6);
        for (int p = next(b, off, end, 0); p >= 0 && p < len; p = next(b, off, end, p + 1)) {
            if (g.kinds[p] == Glob.STAR || g.kinds[p] == Glob.STAR_NC) {
                set(b, off, p + 1);
            }
        }
    }

    /** Moves glob {@code g} from {@code from} on character {@code c} into {@code to}; true if any position is left. */
    private static boolean step(Glob g, long[] from, long[] to, int off, int end, char c) {
        int len = g.kinds.length;
        boolean any = false;
        for (int p = next(from, off, end, 0); p >= 0 && p < len; p = next(from, off, end, p + 1)) {
            switch (g.kinds[p]) {
                case Glob.LIT -> {
                    if (g.chars[p] == c) {
                        set(to, off, p + 1);
                        any = true;
                    }
                }
                case Glob.ONE -> {
                    set(to, off, p + 1);
                    any = true;
                }
                case Glob.ONE_NC -> {
                    if (c != ':') {
                        set(to, off, p + 1);
                        any = true;
                    }
                }
                case Glob.STAR -> {
                    set(to, off, p);
                    any = true;
                }
                default -> {
                    if (c != ':') {
                        set(to, off, p);
                        any = true;
                    }
                }
            }
        }
        if (any) {
            closure(g, to, off);
        }
        return any;
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

    /**
     * Every string {@code a} matches, {@code b} matches too: proven on pairs of positions when it can be
     * ({@link GlobPairs#surelyIncludes}), refuted by a member of {@code a} that {@code b} does not match, and explored
     * exactly otherwise.
     */
    public static boolean includes(Glob b, Glob a) {
        return includes(b, b.stars(), a, a.stars());
    }

    /** Whether {@link #lengthsRefute} refutes {@code b} including {@code a} (for tests). */
    static boolean lengthsRefute(Glob b, Glob a) {
        return lengthsRefute(b, b.stars(), a, a.stars());
    }

    /** {@link #includes} when {@link #lengthsRefute} does not refute it. */
    private static boolean includesUnrefuted(Glob b, Glob a) {
        if (GlobPairs.surelyIncludes(b, a)) {
            return true;
        }
        char f = GlobPairs.filler(List.of(a, b));
        // The witnesses of GlobPairs.witnesses in its order, each written out only if the one before is matched.
        for (int i = 0; i < GlobPairs.WITNESSES; i++) {
            if (!b.matches(GlobPairs.witness(a, f, b.length(), i))) {
                return false;
            }
        }
        return exactlyIncludes(b, a);
    }

    /**
     * Some string of {@code a} is too short or too long for {@code b}, seen from the lengths alone: every token
     * matches at least one character, so a pattern's shortest strings have one character per token that is not a
     * star, and a pattern with a star has strings of every greater length while one without has no longer ones.
     * Exact (a refutation, never a guess), and it answers the simplification's usual question, whether {@code x}
     * includes {@code x*} or {@code x?} includes {@code x{?}}, without writing out witnesses.
     */
    private static boolean lengthsRefute(Glob b, int starsB, Glob a, int starsA) {
        int shortestA = a.length() - starsA;
        return shortestA < b.length() - starsB || (starsB == 0 && (starsA > 0 || shortestA > b.length()));
    }

    /** {@link #includes} with the patterns' stars counted. */
    private static boolean includes(Glob b, int starsB, Glob a, int starsA) {
        return !lengthsRefute(b, starsB, a, starsA) && includesUnrefuted(b, a);
    }

    /** {@link #includes} by exploring the product automaton. */
    static boolean exactlyIncludes(Glob b, Glob a) {
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
        Live live = live(a, b);
        if (live.start()) {
            new Patterns(a, b, live, out, limit).walk(0, 0, 0);
        }
        return simplify(new ArrayList<>(out));
    }

    /** Widens the members of a union and drops those another member covers (the first of equal ones stays). */
    private static List<Glob> simplify(List<Glob> members) {
        List<Glob> list = widen(members);
        List<Glob> result = new ArrayList<>();
        int[] stars = new int[list.size()];
        for (int i = 0; i < stars.length; i++) {
            stars[i] = list.get(i).stars();
        }
        for (int i = 0; i < list.size(); i++) {
            Glob g = list.get(i);
            boolean redundant = false;
            for (int j = 0; j < list.size() && !redundant; j++) {
                if (i != j && includes(list.get(j), stars[j], g, stars[i])
                        && (!includes(g, stars[i], list.get(j), stars[j]) || j < i)) {
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
     * The intersection as at most {@code limit} patterns, or empty when it needs more: then the caller describes the
     * intersection by the other pattern instead ("values matching b"), which is exact too and costs nothing. Written
     * out, the intersection of two patterns with several stars may need a number of members that grows with the
     * product of their lengths, and simplifying such a union is a subset construction.
     */
    public static java.util.Optional<List<Glob>> smallIntersection(Glob a, Glob b, int limit) {
        return smallIntersection(a, b, limit, live(a, b));
    }

    /**
     * {@link #smallIntersection} on a table {@link #live} already made for the pair: first a walk along the paths of
     * the table with a budget linear in the patterns' lengths ({@link PathMembers}), which on the shapes requests and
     * policies use either meets more than {@code limit} distinct members after a few hundred steps or lists every
     * member; when the budget runs out, the members by pairs of positions ({@link #smallIntersectionByPairs}). Both
     * give the same answer (the tests compare them, and each with {@link #smallIntersectionByPaths}). For two ARNs
     * whose first five components are literal on one side, the walk covers the resource only
     * ({@link #moreInTheResource}).
     */
    static java.util.Optional<List<Glob>> smallIntersection(Glob a, Glob b, int limit, Live live) {
        return smallIntersection(a, b, limit, live, PathMembers.budget(a, b)).map(m -> asOperands(m, a, b));
    }

    /**
     * {@code members} with each one equal to {@code a} or {@code b} replaced by that operand: a member that is a
     * statement's whole pattern then is the statement's own object, whose answers (its rendering, the identity
     * shortcuts of {@link PairMemo} and {@link SubjectFacts}) are made once, where an equal copy made them again per
     * decision.
     */
    private static List<Glob> asOperands(List<Glob> members, Glob a, Glob b) {
        List<Glob> out = null;
        for (int i = 0; i < members.size(); i++) {
            Glob m = members.get(i);
            Glob same = m.equals(b) ? b : m.equals(a) ? a : m;
            if (same != m) {
                if (out == null) {
                    out = new ArrayList<>(members);
                }
                out.set(i, same);
            }
        }
        return out == null ? members : out;
    }

    /** {@link #smallIntersection} with the path walk's budget given (tests give none, a small one, the usual one). */
    static java.util.Optional<List<Glob>> smallIntersection(Glob a, Glob b, int limit, Live live, int budget) {
        if (!live.start()) {
            return smallIntersectionByPairs(a, b, limit, live);
        }
        PathMembers w = resourceMembers(a, b, limit, live, budget);
        if (w != null && w.found.size() > limit) {
            return java.util.Optional.empty();
        }
        byte[] prefixKinds = null;
        char[] prefixChars = null;
        if (w != null && !w.outOfBudget) {
            // Every member is the literal components, then one of the resource's, in the order the whole walk
            // would first meet them (it walks the components once per path through them, each time followed by
            // the resource's walk).
            int[] ca = a.colons;
            int[] cb = b.colons;
            prefixKinds = new byte[ca[4] + cb[4] + 2];
            prefixChars = new char[prefixKinds.length];
            int n = 0;
            int ia = 0;
            int ib = 0;
            for (int k = 0; k < 5; k++) {
                Glob lit = component(a, ia, ca[k]) == LITERAL ? a : b;
                int from = lit == a ? ia : ib;
                int to = lit == a ? ca[k] : cb[k];
                for (int t = from; t <= to; t++) {
                    prefixKinds[n] = Glob.LIT;
                    prefixChars[n++] = lit.chars[t];
                }
                ia = ca[k] + 1;
                ib = cb[k] + 1;
            }
            prefixKinds = java.util.Arrays.copyOf(prefixKinds, n);
            prefixChars = java.util.Arrays.copyOf(prefixChars, n);
        } else {
            w = new PathMembers(a, b, live, limit, budget);
            w.walkFromPrefix();
            if (w.found.size() > limit) {
                return java.util.Optional.empty();
            }
            if (w.outOfBudget) {
                return smallIntersectionByPairs(a, b, limit, live);
            }
        }
        // Every path was walked: the distinct members in the order first met, as the pairs' lists hold them.
        List<Glob> members = new ArrayList<>(w.found.size());
        for (int f = 0; f < w.found.size(); f++) {
            byte[] kinds = w.found.get(f);
            char[] chars = w.foundChars.get(f);
            if (prefixKinds != null) {
                byte[] k2 = java.util.Arrays.copyOf(prefixKinds, prefixKinds.length + kinds.length);
                char[] c2 = java.util.Arrays.copyOf(prefixChars, prefixChars.length + chars.length);
                System.arraycopy(kinds, 0, k2, prefixKinds.length, kinds.length);
                System.arraycopy(chars, 0, c2, prefixChars.length, chars.length);
                kinds = k2;
                chars = c2;
            }
            members.add(new Glob(kinds, chars, arnColons(kinds, chars)));
        }
        return java.util.Optional.of(simplify(members));
    }

    /**
     * The distinct members the path walk meets, in order, until more than {@code limit} (no budget), and its steps
     * last; {@code once}: leaving out the paths that repeat an earlier one (for tests: with and without).
     */
    static List<Object> walkedMembers(Glob a, Glob b, int limit, boolean once) {
        List<Object> out = new ArrayList<>();
        Live live = live(a, b);
        if (!live.start()) {
            return out;
        }
        PathMembers w = new PathMembers(a, b, live, limit, Integer.MAX_VALUE, once);
        w.walkFromPrefix();
        for (int f = 0; f < w.found.size(); f++) {
            out.add(new Glob(w.found.get(f), w.foundChars.get(f), null).render());
        }
        out.add(w.steps(Integer.MAX_VALUE));
        return out;
    }

    /**
     * Whether the intersection has more than {@code limit} members, seen from the ARN's resource alone: when both
     * patterns are ARNs whose first five components match no colon but their separators, every member pairs the
     * separators of the two, so a member is its components' members joined, and distinct members are distinct
     * tuples of components' members; when in each of the first five components one of the two is literal, that
     * component has one member (the literal), so the members are as many as the resource's. Those are walked from
     * the pair after the fifth colons (the table tells which pairs lead to the end). Asked only when the two do not
     * share the first five components literally (then the whole walk starts after them anyway); false when the
     * shape differs, the walk runs out of budget, or it meets at most {@code limit} (then, if it walked every path,
     * its members after the literal components are the answer's members: {@link #smallIntersection}).
     */
    static boolean moreInTheResource(Glob a, Glob b, int limit, Live live, int budget) {
        PathMembers w = resourceMembers(a, b, limit, live, budget);
        return w != null && w.found.size() > limit;
    }

    /** Whether the resource's walk of {@link #moreInTheResource} walks every path (for tests). */
    static boolean resourceWalked(Glob a, Glob b, int limit, Live live) {
        PathMembers w = resourceMembers(a, b, limit, live, PathMembers.budget(a, b));
        return w != null && !w.outOfBudget && w.found.size() <= limit;
    }

    /** {@link #component}: a component that may match a colon (a colon wildcard, or a literal colon inside it). */
    private static final int COLON = -1;
    /** {@link #component}: no-colon wildcards among its literals. */
    private static final int WILD = 0;
    /** {@link #component}: literal characters only, none a colon. */
    private static final int LITERAL = 1;

    /**
     * What tokens [from, to) of g, one of an ARN's first five components, are: {@link #COLON}, {@link #WILD} or
     * {@link #LITERAL}.
     */
    private static int component(Glob g, int from, int to) {
        int kind = LITERAL;
        for (int t = from; t < to; t++) {
            byte k = g.kinds[t];
            if (k == Glob.ONE || k == Glob.STAR || k == Glob.LIT && g.chars[t] == ':') {
                return COLON;
            }
            if (k != Glob.LIT) {
                kind = WILD;
            }
        }
        return kind;
    }

    /**
     * The walk of {@link #moreInTheResource} from the pair after the fifth colons, or null when the shape is not
     * that one.
     */
    private static PathMembers resourceMembers(Glob a, Glob b, int limit, Live live, int budget) {
        int[] ca = a.colons;
        int[] cb = b.colons;
        if (ca == null || cb == null || sharedLiteralPrefix(a, b) > Math.min(ca[4], cb[4])) {
            return null;
        }
        int ia = 0;
        int ib = 0;
        for (int k = 0; k < 5; k++) {
            int kindA = component(a, ia, ca[k]);
            int kindB = component(b, ib, cb[k]);
            if (kindA == COLON || kindB == COLON || (kindA != LITERAL && kindB != LITERAL)) {
                return null;
            }
            ia = ca[k] + 1;
            ib = cb[k] + 1;
        }
        PathMembers w = new PathMembers(a, b, live, limit, budget);
        w.walk(ca[4] + 1, cb[4] + 1, 0);
        return w;
    }

    /** Whether the budgeted path walk answers {@link #smallIntersection} without the pairs' lists (for tests). */
    static boolean walkedAlone(Glob a, Glob b, int limit, Live live) {
        if (!live.start()) {
            return false;
        }
        PathMembers w = new PathMembers(a, b, live, limit, PathMembers.budget(a, b));
        w.walkFromPrefix();
        return !w.outOfBudget || w.found.size() > limit;
    }

    /**
     * A walk from (0, 0) along the live pairs of {@link #live}'s table: each path to the end spells one member of the
     * intersection in {@code kinds}/{@code chars}, handed to {@link #emit}. Its work is bounded by the paths it walks:
     * {@link #done} stops it (enough members), {@link #enter} may refuse a step (a budget).
     */
    private abstract static class PathWalk {
        final Glob a;
        final Glob b;
        final Live live;
        final byte[] kinds;
        final char[] chars;
        /**
         * Leave out the paths that repeat an earlier path's pair and tokens ({@link #walk(int, int, int, boolean)}).
         */
        private final boolean once;

        PathWalk(Glob a, Glob b, Live live, boolean once) {
            this.a = a;
            this.b = b;
            this.live = live;
            this.once = once;
            int n = a.length() + b.length() + 2;
            this.kinds = new byte[n];
            this.chars = new char[n];
        }

        abstract boolean done();

        /** Called on each live pair before it is walked; false stops the walk there. */
        boolean enter() {
            return true;
        }

        /** A path reached the end: its member is the first {@code n} tokens. */
        abstract void emit(int n);

        final void walk(int i, int j, int n) {
            walk(i, j, n, false);
        }

        /**
         * Walks from (i, j) with {@code n} tokens written; {@code afterB}: the walk came here by advancing b's star
         * without changing the tokens, or with the star just written by both stars consuming together.
         *
         * <p>Advancing a star (skipping it, or consuming with both stars when the last token is a star already, or
         * consuming with both stars after the star was just written) does not change the tokens but by that star, so
         * the order in which the two patterns' stars are advanced does not matter. When {@link #once}, a path that
         * advances a's star right after b's is left out: the path that does the two in the other order reaches the
         * same pair with the same tokens, and the walk took it first (from each pair it tries a's skip, then b's skip,
         * then both stars consuming with a's advancing, then with b's), so every member the left-out path can emit
         * was emitted already, in the same order. So are the two moves of both stars consuming when the last token
         * is a star already: they are the two skips, tried first. Only the steps differ, not the members nor the
         * order in which they are first met.
         */
        private void walk(int i, int j, int n, boolean afterB) {
            if (done() || !live.at(i, j) || !enter()) {
                return;
            }
            int la = a.length();
            int lb = b.length();
            while (true) {
                // Two literals on a live pair are the same character and the only move (to (i + 1, j + 1), live
                // too): a run of them is walked in this frame, each step entered as a call would enter it (the same
                // budget; nothing is emitted along it, so done() cannot change but by the budget).
                while (i < la && j < lb && a.kinds[i] == Glob.LIT && b.kinds[j] == Glob.LIT) {
                    kinds[n] = Glob.LIT;
                    chars[n] = a.chars[i];
                    n++;
                    i++;
                    j++;
                    // Come here by a character, not by advancing b's star.
                    afterB = false;
                    if (!enter()) {
                        return;
                    }
                }
                if (i == la && j == lb) {
                    emit(n);
                    return;
                }
                byte ka = i < la ? a.kinds[i] : -1;
                byte kb = j < lb ? b.kinds[j] : -1;
                boolean sa = ka >= 0 && isStar(ka);
                boolean sb = kb >= 0 && isStar(kb);
                boolean nc = noColon(ka) || noColon(kb);
                if (once && ka >= 0 && kb >= 0 && !(sa && sb)
                        && !(sa && !afterB && live.at(i + 1, j)) && !(sb && live.at(i, j + 1))) {
                    // No star to skip (or none that leads to the end): the one move is a character, taken in this
                    // frame as a call would take it (dead: nothing; live: entered).
                    int token = step(a, i, ka, b, j, kb, nc);
                    int ti = sa ? i : i + 1;
                    int tj = sb ? j : j + 1;
                    if (token < 0 || !live.at(ti, tj)) {
                        return;
                    }
                    kinds[n] = (byte) (token >>> 16);
                    chars[n] = (char) token;
                    n++;
                    i = ti;
                    j = tj;
                    afterB = false;
                    if (!enter()) {
                        return;
                    }
                    continue;
                }
                if (sa && !(once && afterB)) {
                    walk(i + 1, j, n, false);
                }
                if (sb) {
                    walk(i, j + 1, n, true);
                }
                if (ka < 0 || kb < 0) {
                    return;
                }
                if (sa && sb) {
                    // Both stars absorb the same string; afterwards either may end first. Written collapsed: a
                    // star right after a star adds nothing (collapse() keeps the first), so the path's tokens are
                    // its member as they stand.
                    int m = n;
                    if (n == 0 || !isStar(kinds[n - 1])) {
                        kinds[n] = nc ? Glob.STAR_NC : Glob.STAR;
                        chars[n] = '*';
                        m = n + 1;
                    } else if (once) {
                        // The two skips above, with the same tokens.
                        return;
                    }
                    walk(i + 1, j, m, false);
                    walk(i, j + 1, m, true);
                    return;
                }
                // One token consumes one character of the other side.
                int token = step(a, i, ka, b, j, kb, nc);
                if (token < 0) {
                    return;
                }
                kinds[n] = (byte) (token >>> 16);
                chars[n] = (char) token;
                walk(sa ? i : i + 1, sb ? j : j + 1, n + 1, false);
                return;
            }
        }
    }

    /** The members of the intersection as patterns, until {@code limit} distinct ones are met. */
    private static final class Patterns extends PathWalk {
        private final Set<Glob> out;
        private final int limit;

        Patterns(Glob a, Glob b, Live live, Set<Glob> out, int limit) {
            // Every path: the reference the others are tested against.
            super(a, b, live, false);
            this.out = out;
            this.limit = limit;
        }

        @Override
        boolean done() {
            return out.size() >= limit;
        }

        @Override
        void emit(int n) {
            out.add(collapse(kinds, chars, n));
        }
    }

    /**
     * The distinct members of the intersection met by walking the paths of the table (a {@link PathWalk}) until
     * more than {@code limit} are met, every path is walked, or {@code budget} steps are taken. Many paths may emit
     * the same member (a star of one side shared among several stars of the other), so the walk alone is not bounded
     * by its output: the budget bounds it, and {@link Members} answers when it runs out. Members are compared as
     * their collapsed tokens (written collapsed by the walk), without building a pattern per path.
     */
    private static final class PathMembers extends PathWalk {
        private final int limit;
        private int budget;
        boolean outOfBudget;
        /** The distinct members met, in order: their kinds here, their characters in {@link #foundChars}. */
        final List<byte[]> found = new ArrayList<>();
        final List<char[]> foundChars = new ArrayList<>();

        /** Steps allowed: a few per pair of a diagonal walk, so linear in the lengths. */
        static int budget(Glob a, Glob b) {
            return 8 * (a.length() + b.length() + 1);
        }

        PathMembers(Glob a, Glob b, Live live, int limit, int budget) {
            this(a, b, live, limit, budget, true);
        }

        PathMembers(Glob a, Glob b, Live live, int limit, int budget, boolean once) {
            super(a, b, live, once);
            this.limit = limit;
            this.budget = budget;
        }

        /** Steps taken (the budget spent). */
        int steps(int given) {
            return given - budget;
        }

        @Override
        boolean done() {
            return outOfBudget || found.size() > limit;
        }

        /**
         * {@link #walk} from (0, 0): the literal prefix both share is one step per token along the diagonal (from
         * (k, k) the only move is to (k + 1, k + 1)), so its tokens are written at once and the walk starts after
         * it, with the budget those steps would have taken spent (the same steps and answer as walking them).
         */
        void walkFromPrefix() {
            int p = sharedLiteralPrefix(a, b);
            if (p >= budget) {
                walk(0, 0, 0);
                return;
            }
            for (int k = 0; k < p; k++) {
                kinds[k] = Glob.LIT;
                chars[k] = a.chars[k];
            }
            budget -= p;
            walk(p, p, p);
        }

        @Override
        boolean enter() {
            if (--budget < 0) {
                outOfBudget = true;
                return false;
            }
            return true;
        }

        /** The path's member (its tokens are written collapsed, as {@link #collapse} does), added unless already met. */
        @Override
        void emit(int n) {
            for (int f = 0; f < found.size(); f++) {
                byte[] k = found.get(f);
                if (java.util.Arrays.equals(k, 0, k.length, kinds, 0, n)
                        && java.util.Arrays.equals(foundChars.get(f), 0, k.length, chars, 0, n)) {
                    return;
                }
            }
            found.add(java.util.Arrays.copyOf(kinds, n));
            foundChars.add(java.util.Arrays.copyOf(chars, n));
        }
    }

    /** {@link #smallIntersection} by the members of each pair of positions ({@link Members}). */
    static java.util.Optional<List<Glob>> smallIntersectionByPairs(Glob a, Glob b, int limit, Live live) {
        List<Glob> members = new ArrayList<>();
        if (live.start()) {
            // A literal prefix both share is the start of every member (from (k, k) the only move is to
            // (k + 1, k + 1)): the table is read from its end.
            int p = sharedLiteralPrefix(a, b);
            Members m = new Members(a, b, live, 2 * limit);
            List<Suffix> all = m.from(p, p);
            if (m.tooMany || all.size() > limit) {
                return java.util.Optional.empty();
            }
            for (Suffix x : all) {
                Glob.TokenBuffer tb = new Glob.TokenBuffer(a.length() + b.length());
                for (int k = 0; k < p; k++) {
                    tb.add(Glob.LIT, a.chars[k]);
                }
                for (Suffix t = x; t != m.end; t = t.next) {
                    tb.add(t.kind, t.ch);
                }
                members.add(rebuild(tb));
            }
        }
        return java.util.Optional.of(simplify(members));
    }

    /**
     * {@link #smallIntersection} by enumerating the paths of the intersection table until {@code limit + 1} distinct
     * members are seen: the reference the table of {@link Members} is tested against (its cost is not bounded by its
     * output, since many paths may emit the same member).
     */
    static java.util.Optional<List<Glob>> smallIntersectionByPaths(Glob a, Glob b, int limit) {
        Set<Glob> out = new LinkedHashSet<>();
        Live live = live(a, b);
        if (live.start()) {
            new Patterns(a, b, live, out, limit + 1).walk(0, 0, 0);
        }
        if (out.size() > limit) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(intersection(a, b, limit));
    }

    /**
     * A member's tokens from some pair of positions to the end, as a shared list: equal suffixes are one object
     * (interned by {@link Members}: each suffix keeps the suffixes made by prepending one token to it, usually one
     * or two), so comparing them is comparing references.
     */
    private static final class Suffix {
        final byte kind;
        final char ch;
        final Suffix next;
        /** The first suffix whose {@link #next} is this one; the others follow through {@link #sibling}. */
        Suffix prepended;
        Suffix sibling;

        Suffix(byte kind, char ch, Suffix next) {
            this.kind = kind;
            this.ch = ch;
            this.next = next;
        }
    }

    /**
     * The distinct members of the intersection of two patterns, by pairs of positions: from(i, j) lists the distinct
     * (collapsed) suffixes that the paths of a {@link PathWalk} from (i, j) emit, in the order the walk first emits them,
     * each pair computed once. So the work is bounded by the pairs times the members kept, not by the paths (many
     * paths emit the same member). Prepending a token to a suffix merges at most two suffixes into one (a star
     * before {@code x} and before {@code *x}), so a pair below the start with more than {@code 2 * limit} distinct
     * suffixes means the whole intersection has more than {@code limit}: that stops the walk ({@link #tooMany}; a
     * flag, not an exception, which would unwind a hundred compiled frames one by one).
     */
    private static final class Members {
        private final Glob a;
        private final Glob b;
        private final Live live;
        private final int cap;
        /** Some pair has more than {@link #cap} distinct suffixes: the lists are incomplete, the answer is "more". */
        boolean tooMany;
        private final List<Suffix>[][] memo;
        /** The empty suffix (one per table: suffixes are interned through the one they extend). */
        final Suffix end = new Suffix((byte) -1, '\0', null);

        @SuppressWarnings("unchecked")
        Members(Glob a, Glob b, Live live, int cap) {
            this.a = a;
            this.b = b;
            this.live = live;
            this.cap = cap;
            // Rows are made when first used: most pairs are never reached.
            this.memo = new List[a.length() + 1][];
        }

        private Suffix cons(byte kind, char ch, Suffix next) {
            // collapse(): a star right after a star is dropped, the first one kept.
            Suffix rest = isStar(kind) && next != end && isStar(next.kind) ? next.next : next;
            for (Suffix p = rest.prepended; p != null; p = p.sibling) {
                if (p.kind == kind && p.ch == ch) {
                    return p;
                }
            }
            Suffix made = new Suffix(kind, ch, rest);
            made.sibling = rest.prepended;
            rest.prepended = made;
            return made;
        }

        private void add(List<Suffix> out, Suffix s) {
            for (Suffix o : out) {
                if (o == s) {
                    return;
                }
            }
            if (out.size() == cap) {
                tooMany = true;
                return;
            }
            out.add(s);
        }

        /** Adds each of {@code next}, after the token ({@code kind}, {@code ch}) unless kind is -1. */
        private void addAll(List<Suffix> out, byte kind, char ch, List<Suffix> next) {
            for (int k = 0, n = next.size(); k < n && !tooMany; k++) {
                add(out, kind < 0 ? next.get(k) : cons(kind, ch, next.get(k)));
            }
        }

        @SuppressWarnings("unchecked")
        List<Suffix> from(int i, int j) {
            if (!live.at(i, j) || tooMany) {
                return List.of();
            }
            List<Suffix>[] row = memo[i];
            if (row == null) {
                row = new List[b.length() + 1];
                memo[i] = row;
            }
            List<Suffix> done = row[j];
            if (done != null) {
                return done;
            }
            List<Suffix> out = new ArrayList<>(cap);
            row[j] = out;
            int la = a.length();
            int lb = b.length();
            if (i == la && j == lb) {
                out.add(end);
                return out;
            }
            byte ka = i < la ? a.kinds[i] : -1;
            byte kb = j < lb ? b.kinds[j] : -1;
            if (ka >= 0 && isStar(ka)) {
                addAll(out, (byte) -1, '\0', from(i + 1, j));
            }
            if (kb >= 0 && isStar(kb)) {
                addAll(out, (byte) -1, '\0', from(i, j + 1));
            }
            if (ka < 0 || kb < 0) {
                return out;
            }
            boolean nc = noColon(ka) || noColon(kb);
            if (isStar(ka) && isStar(kb)) {
                byte star = nc ? Glob.STAR_NC : Glob.STAR;
                addAll(out, star, '*', from(i + 1, j));
                addAll(out, star, '*', from(i, j + 1));
                return out;
            }
            byte single;
            char ch;
            if (ka == Glob.LIT || kb == Glob.LIT) {
                if (ka == Glob.LIT && kb == Glob.LIT) {
                    if (a.chars[i] != b.chars[j]) {
                        return out;
                    }
                    ch = a.chars[i];
                } else {
                    ch = ka == Glob.LIT ? a.chars[i] : b.chars[j];
                    if (nc && ch == ':') {
                        return out;
                    }
                }
                single = Glob.LIT;
            } else {
                single = nc ? Glob.ONE_NC : Glob.ONE;
                ch = '?';
            }
            addAll(out, single, ch, from(isStar(ka) ? i : i + 1, isStar(kb) ? j : j + 1));
            return out;
        }
    }

    /**
     * Some string matches both, decided on pairs of positions (polynomial: the product of two linear automata).
     */
    public static boolean intersectsFast(Glob a, Glob b) {
        return live(a, b).start();
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
        return !unionLengthsRefute(union, g) && unionIncludesUnrefuted(union, g);
    }

    /**
     * g's shortest strings need a member of the union as short, and its longer ones a member with a star (see
     * {@link #lengthsRefute}).
     */
    static boolean unionLengthsRefute(List<Glob> union, Glob g) {
        int shortest = Integer.MAX_VALUE;
        boolean star = false;
        for (Glob u : union) {
            int su = u.stars();
            shortest = Math.min(shortest, u.length() - su);
            star |= su > 0;
        }
        int starsG = g.stars();
        return g.length() - starsG < shortest || (starsG > 0 && !star);
    }

    /**
     * {@link #unionIncludes} by witnesses, pairs of positions and exploration (tests call it to check the
     * refutation).
     */
    static boolean unionIncludesUnrefuted(List<Glob> union, Glob g) {
        List<Glob> check = new ArrayList<>(union);
        check.add(g);
        char f = GlobPairs.filler(check);
        int longest = 0;
        for (Glob u : union) {
            longest = Math.max(longest, u.length());
        }
        for (String w : GlobPairs.witnesses(g, f, longest)) {
            boolean some = false;
            for (Glob u : union) {
                some |= u.matches(w);
            }
            if (!some) {
                return false;
            }
        }
        for (Glob u : union) {
            if (GlobPairs.surelyIncludes(u, g)) {
                return true;
            }
        }
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

    /**
     * The member's token when token {@code ka} of {@code a} (at {@code i}) and {@code kb} of {@code b} (at {@code j}),
     * not both stars, consume one character together: its kind in the high half and its character in the low, or -1
     * when no character matches both ({@code nc}: a side that matches no colon).
     */
    private static int step(Glob a, int i, byte ka, Glob b, int j, byte kb, boolean nc) {
        if (ka != Glob.LIT && kb != Glob.LIT) {
            return ((nc ? Glob.ONE_NC : Glob.ONE) << 16) | '?';
        }
        char ch;
        if (ka == Glob.LIT && kb == Glob.LIT) {
            if (a.chars[i] != b.chars[j]) {
                return -1;
            }
            ch = a.chars[i];
        } else {
            ch = ka == Glob.LIT ? a.chars[i] : b.chars[j];
            if (nc && ch == ':') {
                return -1;
            }
        }
        return (Glob.LIT << 16) | ch;
    }

    /**
     * live(i, j): from token i of {@code a} and token j of {@code b} both patterns can still end together. Lets the
     * path enumeration skip dead ends, so its work is bounded by the paths it outputs. Exact for every pair after
     * the literal prefix the two share; in that prefix (one diagonal: from (k, k) the only move is to
     * (k + 1, k + 1)) only the diagonal is answered, which is all a walk from (0, 0) reaches there.
     *
     * <p>Bit-parallel: one row of the table (a's token i against every column j of b) is a few words, computed from
     * the row below with word operations. With l the row, below the row under it, compat(j) "a's token i and b's
     * token j can consume one character together" and star(j) "b's token j is a star":
     * <ul>
     * <li>a's token is a star: l(j) = below(j) | ((star(j) | compat(j)) &amp; l(j + 1)) (it absorbs nothing more,
     * or it and b's token consume a character, a's star staying);</li>
     * <li>otherwise: l(j) = (compat(j) &amp; (star(j) ? below(j) : below(j + 1))) | (star(j) &amp; l(j + 1));</li>
     * <li>past a's end: l(j) = star(j) &amp; l(j + 1), and l(end of b) is true.</li>
     * </ul>
     * The dependence on l(j + 1) within a row, a run of columns where the mask holds, is resolved by a
     * parallel-prefix pass per word (six shifts), words taken from the last column down. The tests compare every
     * pair with the recursion written out.
     */
    static Live live(Glob a, Glob b) {
        int la = a.length();
        int lb = b.length();
        int p = sharedLiteralPrefix(a, b);
        Live live = new Live(p, la, lb);
        int words = live.words;
        long[] t = live.bits;
        if (words == 1) {
            liveInOneWord(a, b, p, t);
            return live;
        }
        // Column masks over b's tokens p..lb - 1 (bit j - p); column lb - p, b's end, is in none of them. One
        // array holds them all, a row of words each (few allocations: most tables are small).
        int cols = Math.max(1, lb - p);
        long[] m = new long[(7 + cols) * words];
        int star = 0;
        int real = words;
        int wild = 2 * words;
        int wildNc = 3 * words;
        int colon = 4 * words;
        int base = 5 * words;
        int mask = 6 * words;
        // b's distinct literal characters; the columns of the d-th are at lits + d * words.
        int lits = 7 * words;
        char[] litChars = new char[cols];
        // Which of them an ASCII character is (its index + 1, 0 for none): looked up once per column and per row,
        // where a search of the list cost about half of the table on ARNs (twenty-odd distinct characters).
        byte[] ascii = new byte[128];
        int distinct = 0;
        for (int j = p; j < lb; j++) {
            int c = j - p;
            int w = c >>> 6;
            long bit = 1L << c;
            byte kb = b.kinds[j];
            m[real + w] |= bit;
            if (kb == Glob.LIT) {
                char ch = b.chars[j];
                int d = number(ch, ascii, litChars, distinct);
                distinct += d == distinct ? 1 : 0;
                m[lits + d * words + w] |= bit;
                if (ch == ':') {
                    m[colon + w] |= bit;
                }
            } else {
                if (isStar(kb)) {
                    m[star + w] |= bit;
                }
                m[(noColon(kb) ? wildNc : wild) + w] |= bit;
            }
        }
        // Past a's end.
        int row = (la - p) * words;
        m[base + ((lb - p) >>> 6)] = 1L << (lb - p);
        prefixOr(m, base, star, t, row, words);
        for (int i = la - 1; i >= p; i--) {
            int below = row;
            row -= words;
            byte ka = a.kinds[i];
            if (isStar(ka)) {
                // star | compat: a star matches any character (no colon if it is a no-colon one).
                for (int w = 0; w < words; w++) {
                    m[mask + w] = ka == Glob.STAR ? m[real + w] : m[real + w] & ~m[colon + w];
                    m[base + w] = t[below + w];
                }
                prefixOr(m, base, mask, t, row, words);
                continue;
            }
            int lit = -1;
            if (ka == Glob.LIT) {
                int d = litIndex(a.chars[i], ascii, litChars, distinct);
                lit = d < 0 ? -1 : lits + d * words;
            }
            for (int w = 0; w < words; w++) {
                long compat;
                if (ka == Glob.LIT) {
                    compat = (lit < 0 ? 0 : m[lit + w]) | m[wild + w] | (a.chars[i] != ':' ? m[wildNc + w] : 0);
                } else if (ka == Glob.ONE) {
                    compat = m[real + w];
                } else {
                    compat = m[real + w] & ~m[colon + w];
                }
                long under = t[below + w];
                long next = (under >>> 1) | (w + 1 < words ? t[below + w + 1] << 63 : 0);
                long st = m[star + w];
                m[base + w] = compat & ((st & under) | (~st & next));
            }
            prefixOr(m, base, star, t, row, words);
        }
        return live;
    }

    /**
     * {@link #live} when a row is one word (b has at most 63 tokens after the shared prefix: nearly every pair): the
     * same recurrences with the column masks in locals, where the general loop read them from an array per word.
     * The tests compare both with the recursion.
     */
    private static void liveInOneWord(Glob a, Glob b, int p, long[] t) {
        int la = a.length();
        int lb = b.length();
        int cols = lb - p;
        long star = 0;
        long wild = 0;
        long wildNc = 0;
        long colon = 0;
        long real = cols == 0 ? 0 : -1L >>> (64 - cols);
        long[] litMasks = new long[Math.max(1, cols)];
        char[] litChars = new char[Math.max(1, cols)];
        byte[] ascii = new byte[128];
        int distinct = 0;
        for (int j = p; j < lb; j++) {
            long bit = 1L << (j - p);
            byte kb = b.kinds[j];
            if (kb == Glob.LIT) {
                char ch = b.chars[j];
                int d = number(ch, ascii, litChars, distinct);
                distinct += d == distinct ? 1 : 0;
                litMasks[d] |= bit;
                if (ch == ':') {
                    colon |= bit;
                }
            } else {
                if (isStar(kb)) {
                    star |= bit;
                }
                if (noColon(kb)) {
                    wildNc |= bit;
                } else {
                    wild |= bit;
                }
            }
        }
        int row = la - p;
        t[row] = prefixOrInWord(1L << cols, star);
        for (int i = la - 1; i >= p; i--) {
            long under = t[row];
            row--;
            byte ka = a.kinds[i];
            if (isStar(ka)) {
                t[row] = prefixOrInWord(under, ka == Glob.STAR ? real : real & ~colon);
                continue;
            }
            long compat;
            if (ka == Glob.LIT) {
                char ch = a.chars[i];
                int d = litIndex(ch, ascii, litChars, distinct);
                compat = (d < 0 ? 0 : litMasks[d]) | wild | (ch != ':' ? wildNc : 0);
            } else if (ka == Glob.ONE) {
                compat = real;
            } else {
                compat = real & ~colon;
            }
            t[row] = prefixOrInWord(compat & ((star & under) | (~star & (under >>> 1))), star);
        }
    }

    /**
     * {@link #prefixOr} of one word: l(j) = base(j) | (mask(j) &amp; l(j + 1)), for {@code g} = base and {@code k} =
     * mask. Once no two masked columns are s apart the later steps change nothing: a row whose mask is b's stars (a's
     * token not a star) mostly stops after the first step.
     */
    private static long prefixOrInWord(long g, long k) {
        for (int shift = 1; k != 0 && shift < 64; shift <<= 1) {
            g |= k & (g >>> shift);
            k &= k >>> shift;
        }
        return g;
    }

    /**
     * The index of {@code ch} among the first {@code distinct} of {@code litChars}, numbered {@code distinct} (added
     * there and in {@code ascii}) when it is not among them: the caller counts it then.
     */
    private static int number(char ch, byte[] ascii, char[] litChars, int distinct) {
        int d = litIndex(ch, ascii, litChars, distinct);
        if (d < 0) {
            d = distinct;
            litChars[d] = ch;
            if (ch < 128 && d < 127) {
                ascii[ch] = (byte) (d + 1);
            }
        }
        return d;
    }

    /**
     * The index of {@code ch} among the first {@code distinct} of {@code litChars}, or -1: an ASCII character read
     * from {@code ascii} (index + 1, 0 for none), any other searched for.
     */
    private static int litIndex(char ch, byte[] ascii, char[] litChars, int distinct) {
        if (ch < 128) {
            int d = ascii[ch];
            if (d > 0 || distinct < 127) {
                return d - 1;
            }
        }
        for (int d = 0; d < distinct; d++) {
            if (litChars[d] == ch) {
                return d;
            }
        }
        return -1;
    }

    /**
     * Writes into {@code out} at {@code off} the row l with l(j) = base(j) | (mask(j) &amp; l(j + 1)), bit j of the
     * words being column j (base and mask are rows of {@code m} at those offsets): per word from the last, the
     * carry from the word after it folded into bit 63, then a parallel prefix (after the step of shift s each bit
     * has its answer over the next 2s columns).
     */
    private static void prefixOr(long[] m, int base, int mask, long[] out, int off, int words) {
        long carry = 0;
        for (int w = words - 1; w >= 0; w--) {
            long k = m[mask + w];
            long g = prefixOrInWord(m[base + w] | (k & (carry << 63)), k);
            out[off + w] = g;
            carry = g & 1L;
        }
    }

    /**
     * The table of {@link #live}: per pair of a's tokens after the shared literal prefix, a row of bits over b's
     * tokens after it and its end (one allocation).
     */
    static final class Live {
        /** Tokens of the literal prefix both patterns share. */
        private final int p;
        /** Words per row: b's tokens after the prefix, plus its end, one bit each. */
        final int words;
        final long[] bits;

        Live(int p, int la, int lb) {
            this.p = p;
            this.words = (lb - p + 1 + 63) >>> 6;
            this.bits = new long[(la - p + 1) * words];
        }

        /** Whether both patterns can still end together from (i, j), for pairs a walk from (0, 0) reaches. */
        boolean at(int i, int j) {
            if (i < p || j < p) {
                // In the shared prefix the only pairs reached are (k, k), which lead to (p, p).
                return i == j && start();
            }
            int c = j - p;
            return (bits[(i - p) * words + (c >>> 6)] & (1L << c)) != 0;
        }

        /** How many leading tokens are the same literal character in both patterns. */
        int prefix() {
            return p;
        }

        /** Some string matches both. */
        boolean start() {
            return (bits[0] & 1L) != 0;
        }
    }

    /** How many leading tokens are the same literal character in both. */
    private static int sharedLiteralPrefix(Glob a, Glob b) {
        int n = Math.min(a.length(), b.length());
        int p = 0;
        while (p < n && a.kinds[p] == Glob.LIT && b.kinds[p] == Glob.LIT && a.chars[p] == b.chars[p]) {
            p++;
        }
        return p;
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
        // Tokens already carry their final kinds (no-colon where needed); keep them as they are (what
        // Glob.of in PLAIN mode gives: the tokens copied, no ARN processing), copied once.
        byte[] kinds = java.util.Arrays.copyOf(b.kindsView(), b.size());
        char[] chars = java.util.Arrays.copyOf(b.charsView(), b.size());
        return new Glob(kinds, chars, arnColons(kinds, chars));
    }

    private static int[] arnColons(byte[] kinds, char[] chars) {
        int[] c = new int[5];
        int n = 0;
        for (int i = 0; i < kinds.length && n < 5; i++) {
            if (kinds[i] == Glob.LIT && chars[i] == ':') {
                c[n++] = i;
            }
        }
        if (n < 5) {
            return null;
        }
        if (startsWithArn(kinds, chars)) {
            return c;
        }
        for (byte k : kinds) {
            if (noColon(k)) {
                return c;
            }
        }
        return null;
    }

    private static boolean startsWithArn(byte[] kinds, char[] chars) {
        return kinds.length >= 4 && kinds[0] == Glob.LIT && chars[0] == 'a' && kinds[1] == Glob.LIT
                && chars[1] == 'r' && kinds[2] == Glob.LIT && chars[2] == 'n' && kinds[3] == Glob.LIT
                && chars[3] == ':';
    }
}

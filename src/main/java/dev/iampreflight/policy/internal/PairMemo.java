package dev.iampreflight.policy.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions one decision with unknown parts asks about pairs of patterns, each answered once. The same pair of
 * request pattern and policy pattern is asked about by the statuses (does any value match, does every value), the
 * witness walk (a value in common), the "allowed for" description (the members of the intersection) and the "every
 * value allowed" test of each candidate; each of those made its own table of pairs of positions
 * ({@link GlobAutomaton#live}). Here a pair's table is made once per decision and every answer read from it, and
 * the answers (never the tables) may also be kept across decisions in a {@link Store}: they depend on the two
 * patterns alone, not on the policy set or the request's other parts, so a kept answer is the one a fresh
 * computation gives (the tests compare them over random pairs).
 *
 * <p>Not thread-safe: one memo per decision. A {@link Store} is thread-safe.
 */
public final class PairMemo {

    private static final byte LIVE = 0;
    private static final byte INTERSECTS = 1;
    private static final byte SURELY_INCLUDES = 2;
    private static final byte COMMON = 3;
    private static final byte SMALL = 4;
    private static final byte INCLUDES = 5;
    private static final byte WITNESSES = 6;
    private static final byte MATCHES = 7;
    private static final byte REQUEST = 8;
    private static final byte FACTS = 9;

    /**
     * A question: the operation, its operands in order (two patterns, a pattern and a value, or a request's text)
     * and its parameters (filler, limit, length).
     */
    private static final class Question {
        private final byte op;
        private final Object a;
        private final Object b;
        private final int param;
        private final int param2;
        private final int hash;

        Question(byte op, Object a, Object b, int param) {
            this(op, a, b, param, 0);
        }

        Question(byte op, Object a, Object b, int param, int param2) {
            this.op = op;
            this.a = a;
            this.b = b;
            this.param = param;
            this.param2 = param2;
            this.hash = (((op * 31 + a.hashCode()) * 31 + java.util.Objects.hashCode(b)) * 31 + param) * 31 + param2;
        }

        // Written out (a record's generated equals goes through a method handle per call, a visible share of a
        // decision that reads kept answers), and operands compared by identity first: kept questions are mostly
        // asked again about the same pattern objects.
        @Override
        public boolean equals(Object o) {
            return o instanceof Question q && q.hash == hash && q.op == op && q.param == param && q.param2 == param2
                    && (q.a == a || q.a.equals(a)) && (q.b == b || (q.b != null && q.b.equals(b)));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The answer "no common member". */
    private static final Object NONE = new Object();

    /**
     * Answers kept across decisions, bounded: when full it is emptied (every answer can be made again, and which
     * answers are kept never changes one).
     */
    public static final class Store {
        private final int max;
        private final Map<Question, Object> answers = new java.util.concurrent.ConcurrentHashMap<>();

        public Store(int max) {
            this.max = max;
        }

        Object get(Question q) {
            return answers.get(q);
        }

        void put(Question q, Object answer) {
            // Two threads may both empty it or overfill it by a few: harmless, every answer is the same either way.
            if (answers.size() >= max) {
                answers.clear();
            }
            answers.put(q, answer);
        }

        /** How many answers are kept (for tests). */
        public int size() {
            return answers.size();
        }
    }

    private final Store store;
    /** The decision's own answers and tables, made on first use (a decision that reads kept answers needs none). */
    private Map<Question, Object> local;

    /** A memo for one decision; {@code store} (may be null) keeps the answers for later decisions. */
    public PairMemo(Store store) {
        this.store = store;
    }

    /** The answer already made, in the store when there is one (then the decision's own map holds only tables). */
    private Object known(Question q) {
        return store != null ? store.get(q) : local == null ? null : local.get(q);
    }

    private Map<Question, Object> local() {
        if (local == null) {
            local = new HashMap<>();
        }
        return local;
    }

    /** Keeps {@code v} as the answer to {@code q} and returns it. */
    private Object keep(Question q, Object v) {
        if (store != null) {
            store.put(q, v);
        } else {
            local().put(q, v);
        }
        return v;
    }

    /** The table of {@link GlobAutomaton#live} for the pair, made once per decision (never kept in the store). */
    private GlobAutomaton.Live live(Glob a, Glob b) {
        Question q = new Question(LIVE, a, b, 0);
        GlobAutomaton.Live t = (GlobAutomaton.Live) local().get(q);
        if (t == null) {
            t = GlobAutomaton.live(a, b);
            local.put(q, t);
        }
        return t;
    }

    /** {@link GlobAutomaton#intersectsFast}. */
    public boolean intersects(Glob a, Glob b) {
        if (a == b) {
            // Every pattern matches some string (the diagonal of its table with itself is a walk to the end).
            return true;
        }
        Question q = new Question(INTERSECTS, a, b, 0);
        Object v = known(q);
        return (Boolean) (v != null ? v : keep(q, live(a, b).start()));
    }

    /** {@link GlobPairs#surelyIncludes}. */
    public boolean surelyIncludes(Glob b, Glob a) {
        Question q = new Question(SURELY_INCLUDES, b, a, 0);
        Object v = known(q);
        return (Boolean) (v != null ? v : keep(q, GlobPairs.surelyIncludes(b, a)));
    }

    /** {@link GlobPairs#commonMember}. */
    public String commonMember(Glob a, Glob b, char filler) {
        Question q = new Question(COMMON, a, b, filler);
        Object v = known(q);
        if (v == null) {
            String w = GlobPairs.commonMember(a, b, filler, live(a, b));
            v = w == null ? NONE : w;
            keep(q, v);
        }
        return v == NONE ? null : (String) v;
    }

    /** {@link GlobAutomaton#smallIntersection}; the list is unmodifiable. */
    @SuppressWarnings("unchecked")
    public Optional<List<Glob>> smallIntersection(Glob a, Glob b, int limit) {
        Question q = new Question(SMALL, a, b, limit);
        Object v = known(q);
        return (Optional<List<Glob>>) (v != null ? v
                : keep(q, GlobAutomaton.smallIntersection(a, b, limit, live(a, b)).map(List::copyOf)));
    }

    /**
     * {@link GlobPairs#witnesses}: the same array (do not modify it) each time, so the values are the same strings
     * and {@link #matches} finds them at once.
     */
    public String[] witnesses(Glob g, char filler, int longest) {
        if (store == null) {
            // Asked once per list of patterns, which a decision's own memo makes once: nothing to share.
            return GlobPairs.witnesses(g, filler, longest);
        }
        Question q = new Question(WITNESSES, g, null, filler, longest);
        Object v = known(q);
        return (String[]) (v != null ? v : keep(q, GlobPairs.witnesses(g, filler, longest)));
    }

    /**
     * Witness {@code i} of {@link #witnesses}; {@code shortest} is witness 0 when the caller has made it already
     * (may be null). Without a store only that one value is written out.
     */
    public String witness(Glob g, char filler, int longest, int i, String shortest) {
        if (store != null) {
            return witnesses(g, filler, longest)[i];
        }
        return i == 0 && shortest != null ? shortest : GlobPairs.witness(g, filler, longest, i);
    }

    /** {@link Glob#matches}, for the values a decision tries (witnesses and common members). */
    public boolean matches(Glob g, String value) {
        if (store == null) {
            // Within one decision each value is matched against each pattern once (by its list's facts): a
            // question and a map entry cost more than the match.
            return g.matches(value);
        }
        Question q = new Question(MATCHES, g, value, 0);
        Object v = known(q);
        return (Boolean) (v != null ? v : keep(q, g.matches(value)));
    }

    /** {@link Glob#request}, a request's resource read as a pattern. */
    public Glob request(String resource, dev.iampreflight.policy.Wildcards.Mode mode) {
        if (store == null) {
            // Read once per decision.
            return Glob.request(resource, mode);
        }
        Question q = new Question(REQUEST, resource, mode, 0);
        Object v = known(q);
        return (Glob) (v != null ? v : keep(q, Glob.request(resource, mode)));
    }

    /**
     * The {@link SubjectFacts} of a list of patterns (the subject first), made once and kept like the other answers;
     * the list is copied when kept, so the caller may reuse it.
     */
    public SubjectFacts facts(List<Glob> globs) {
        Question q = new Question(FACTS, globs, null, 0);
        Object v = known(q);
        if (v == null) {
            List<Glob> copy = List.copyOf(globs);
            v = keep(new Question(FACTS, copy, null, 0), new SubjectFacts(copy, this));
        }
        return (SubjectFacts) v;
    }

    /** {@link GlobAutomaton#includes}. */
    public boolean includes(Glob b, Glob a) {
        Question q = new Question(INCLUDES, b, a, 0);
        Object v = known(q);
        return (Boolean) (v != null ? v : keep(q, GlobAutomaton.includes(b, a)));
    }
}

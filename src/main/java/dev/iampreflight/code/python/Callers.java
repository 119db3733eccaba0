package dev.iampreflight.code.python;

import dev.iampreflight.code.python.Index.ClassInfo;
import dev.iampreflight.code.python.Index.FunctionInfo;
import dev.iampreflight.code.python.Val.BoundV;
import dev.iampreflight.code.python.Val.ClassV;
import dev.iampreflight.code.python.Val.FuncV;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The inverse of a list of call sites (or decorations): which of them may call a given function. A parameter's values
 * are the arguments of its function's callers, and the candidates (every call by the function's name, every call
 * whose callee is a parameter, every decoration) grow with the project, so scanning them per parameter made the
 * analysis quadratic. Here each candidate's callee is evaluated when a query first meets it, as before; once its
 * value is final (memoised: it did not depend on a computation still under way) the candidate is filed under the
 * functions and classes it may call and never looked at again for other functions. Candidates whose callee is not
 * final yet are evaluated again by each query, exactly as the scan did.
 *
 * <p>A query visits its candidates in list order and evaluates the same things in the same order as the scan it
 * replaces, skipping only final candidates that cannot call the function (whose evaluation was a memo hit that
 * matched nothing): the values found are the same.
 */
final class Callers<T> {

    private final List<T> items;
    private final Function<T, Set<Val>> callees;
    private final Function<T, Boolean> isFinal;
    /** Candidates whose callee is final, by position. */
    private final BitSet resolved = new BitSet();
    /** Final candidates by what they may call: a {@link FunctionInfo} or (constructors) a {@link ClassInfo}. */
    private final Map<Object, BitSet> byCallee = new HashMap<>();
    /**
     * The same for candidates whose callee is not final but fixed for the rest of one call site (reused from the
     * evaluator's site memo), and the site they belong to.
     */
    private final BitSet siteResolved = new BitSet();
    private final Map<Object, BitSet> siteByCallee = new HashMap<>();
    private int site = -1;
    /** Candidates whose callee is being evaluated by a query of this list further up the stack, in that order. */
    private final BitSet pending = new BitSet();
    /** Made on first use: most lists are never queried while one of their candidates is being evaluated. */
    private java.util.ArrayDeque<Integer> pendingOrder;

    /** What the evaluator says about a candidate whose callee is not final. */
    interface Site<T> {
        /** Whether the callee's value is fixed until the evaluator starts another call site. */
        boolean fixed(T item);

        /** Which call site the evaluator is at (what {@link #fixed} holds for). */
        int site();

        /**
         * Records, as evaluating the callee would, that the computation under way depends on that callee, which is
         * being computed further up the stack (so it is not memoised as final).
         */
        void onStack(T item);
    }

    /**
     * @param callees what a candidate's callee evaluates to (memoised by the evaluator)
     * @param isFinal whether that value is final, asked right after {@code callees}
     * @param at the evaluator's call site and site memo, or null (candidates are then filed only when final)
     */
    Callers(List<T> items, Function<T, Set<Val>> callees, Function<T, Boolean> isFinal, Site<T> at) {
        this.items = items;
        this.callees = callees;
        this.isFinal = isFinal;
        this.at = at;
    }

    private final Site<T> at;

    /**
     * Calls {@code visit} with each candidate, in list order, that may call {@code f} or construct one of
     * {@code classes} (or whose callee is not final yet), and the candidate's callee values.
     *
     * <p>In a cycle (callbacks passed around, or methods of one name whose callers' receivers depend on each other)
     * each member's parameters are asked for once per call site, each time with the candidates of the whole cycle
     * unresolved, and each query's evaluation of the first of them asks the next member: a chain as long as the cycle,
     * every link of which walked every candidate again (members x candidates x sites). Two things found here skip
     * only candidates that the walk would have matched with nothing: a candidate whose callee is fixed for the rest
     * of the site and cannot call {@code f}, filed as final ones are (also when a query nested in this one filed it),
     * and a candidate whose callee is being evaluated further up (it evaluates to nothing here; the dependency on it
     * is still recorded, once, for the lowest of them, as the evaluation would have).
     */
    void forEach(FunctionInfo f, List<ClassInfo> classes, BiConsumer<T, Set<Val>> visit) {
        if (at != null && at.site() != site) {
            site = at.site();
            siteResolved.clear();
            siteByCallee.clear();
        }
        if (pendingOrder != null && !pendingOrder.isEmpty()) {
            at.onStack(items.get(pendingOrder.peekFirst()));
        }
        int size = items.size();
        for (int i = next(-1, size, f, classes); i >= 0; i = next(i, size, f, classes)) {
            T item = items.get(i);
            Set<Val> vs;
            boolean outer = at != null && !resolved.get(i) && !siteResolved.get(i);
            if (outer) {
                pending.set(i);
                if (pendingOrder == null) {
                    pendingOrder = new java.util.ArrayDeque<>();
                }
                pendingOrder.addLast(i);
            }
            try {
                vs = callees.apply(item);
            } finally {
                if (outer) {
                    pending.clear(i);
                    pendingOrder.removeLast();
                    if (pendingOrder.isEmpty()) {
                        // One deque per callee list lived to the end of the analysis (24 k at 1,000 modules).
                        pendingOrder = null;
                    }
                }
            }
            if (!resolved.get(i) && isFinal.apply(item)) {
                resolved.set(i);
                file(i, vs, byCallee);
            } else if (outer && at.fixed(item)) {
                siteResolved.set(i);
                file(i, vs, siteByCallee);
            }
            visit.accept(item, vs);
        }
    }

    /**
     * The next candidate after {@code i}: one not resolved (finally or for the site) and not pending, or one resolved
     * that may call {@code f} or construct one of {@code classes}. Read live, so what nested queries resolve counts.
     */
    private int next(int i, int size, FunctionInfo f, List<ClassInfo> classes) {
        int best = nextClear(i + 1, size);
        best = nextFiled(byCallee, i, best, f, classes);
        best = nextFiled(siteByCallee, i, best, f, classes);
        return best < size ? best : -1;
    }

    private int nextClear(int from, int size) {
        int j = from;
        while (j < size) {
            int a = resolved.nextClearBit(j);
            int b = siteResolved.nextClearBit(a);
            int c = pending.nextClearBit(b);
            if (a == j && b == j && c == j) {
                return j;
            }
            j = Math.max(a, Math.max(b, c));
        }
        return size;
    }

    private static int nextFiled(Map<Object, BitSet> filed, int i, int best, FunctionInfo f, List<ClassInfo> classes) {
        BitSet own = filed.get(f);
        if (own != null) {
            int j = own.nextSetBit(i + 1);
            if (j >= 0 && j < best) {
                best = j;
            }
        }
        for (ClassInfo c : classes) {
            BitSet ctor = filed.get(c);
            if (ctor != null) {
                int j = ctor.nextSetBit(i + 1);
                if (j >= 0 && j < best) {
                    best = j;
                }
            }
        }
        return best;
    }

    private static void file(int i, Set<Val> vs, Map<Object, BitSet> byCallee) {
        for (Val v : vs) {
            Object key = v instanceof FuncV fv ? fv.f() : v instanceof BoundV bv ? bv.f()
                    : v instanceof ClassV cv ? cv.c() : null;
            if (key != null) {
                byCallee.computeIfAbsent(key, k -> new BitSet()).set(i);
            }
        }
    }

    /** Lists of candidates by a key (a name), built on first use. */
    static final class ByKey<K, T> {
        private final Map<K, Callers<T>> lists = new HashMap<>();
        private final Function<K, List<T>> items;
        private final Function<T, Set<Val>> callees;
        private final Function<T, Boolean> isFinal;
        private final Site<T> stable;

        ByKey(Function<K, List<T>> items, Function<T, Set<Val>> callees, Function<T, Boolean> isFinal,
              Site<T> stable) {
            this.items = items;
            this.callees = callees;
            this.isFinal = isFinal;
            this.stable = stable;
        }

        Site<T> stable() {
            return stable;
        }

        Function<T, Set<Val>> callees() {
            return callees;
        }

        Function<T, Boolean> isFinal() {
            return isFinal;
        }

        Callers<T> of(K key) {
            // The index's lists are immutable once it is sealed: List.copyOf keeps them as they are, not a copy each.
            return lists.computeIfAbsent(key, k -> new Callers<>(List.copyOf(items.apply(k)), callees, isFinal,
                    stable));
        }
    }
}

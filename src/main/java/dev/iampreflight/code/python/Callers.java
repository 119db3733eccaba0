package dev.iampreflight.code.python;

import dev.iampreflight.code.python.Index.ClassInfo;
import dev.iampreflight.code.python.Index.FunctionInfo;
import dev.iampreflight.code.python.Val.BoundV;
import dev.iampreflight.code.python.Val.ClassV;
import dev.iampreflight.code.python.Val.FuncV;

import java.util.ArrayList;
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
     * @param callees what a candidate's callee evaluates to (memoised by the evaluator)
     * @param isFinal whether that value is final, asked right after {@code callees}
     */
    Callers(List<T> items, Function<T, Set<Val>> callees, Function<T, Boolean> isFinal) {
        this.items = items;
        this.callees = callees;
        this.isFinal = isFinal;
    }

    /**
     * Calls {@code visit} with each candidate, in list order, that may call {@code f} or construct one of
     * {@code classes} (or whose callee is not final yet), and the candidate's callee values.
     */
    void forEach(FunctionInfo f, List<ClassInfo> classes, BiConsumer<T, Set<Val>> visit) {
        int size = items.size();
        BitSet todo = new BitSet(size);
        todo.set(0, size);
        todo.andNot(resolved);
        BitSet own = byCallee.get(f);
        if (own != null) {
            todo.or(own);
        }
        for (ClassInfo c : classes) {
            BitSet ctor = byCallee.get(c);
            if (ctor != null) {
                todo.or(ctor);
            }
        }
        for (int i = todo.nextSetBit(0); i >= 0; i = todo.nextSetBit(i + 1)) {
            T item = items.get(i);
            Set<Val> vs = callees.apply(item);
            if (!resolved.get(i) && isFinal.apply(item)) {
                resolved.set(i);
                for (Val v : vs) {
                    Object key = v instanceof FuncV fv ? fv.f() : v instanceof BoundV bv ? bv.f()
                            : v instanceof ClassV cv ? cv.c() : null;
                    if (key != null) {
                        byCallee.computeIfAbsent(key, k -> new BitSet()).set(i);
                    }
                }
            }
            visit.accept(item, vs);
        }
    }

    /** Lists of candidates by a key (a name), built on first use. */
    static final class ByKey<K, T> {
        private final Map<K, Callers<T>> lists = new HashMap<>();
        private final Function<K, List<T>> items;
        private final Function<T, Set<Val>> callees;
        private final Function<T, Boolean> isFinal;

        ByKey(Function<K, List<T>> items, Function<T, Set<Val>> callees, Function<T, Boolean> isFinal) {
            this.items = items;
            this.callees = callees;
            this.isFinal = isFinal;
        }

        Function<T, Set<Val>> callees() {
            return callees;
        }

        Function<T, Boolean> isFinal() {
            return isFinal;
        }

        Callers<T> of(K key) {
            return lists.computeIfAbsent(key, k -> new Callers<>(new ArrayList<>(items.apply(k)), callees, isFinal));
        }
    }
}

package dev.iampreflight.code.python;

import dev.iampreflight.code.python.Index.Binding;
import dev.iampreflight.code.python.Index.Scope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reaching definitions of one module or function body: for every name read in the body, the bindings of the scope
 * that can reach the read, each with the branch conditions under which it does (a guard).
 *
 * <p>Purely syntactic (no value is evaluated while it runs, so it cannot re-enter itself) and computed once per
 * scope: statements in order, a binding replaces the name's earlier ones, {@code if}/{@code elif}/{@code else} and
 * {@code match} branches join, {@code return}/{@code raise}/{@code break}/{@code continue} end their path, loops are
 * iterated to a fixed point (reaching definitions over structured code settle in a few passes), {@code try} handlers
 * start from every state the {@code try} body passes through. Cost is linear in the body times the loop nesting; a
 * budget ends pathological bodies, whose reads then take the union of the scope's bindings (the flow-insensitive
 * answer, never fewer values).
 *
 * <p>A read inside a loop remembers which bindings reached it on the first pass (before any back edge): the
 * {@link Evaluator} widens values that come around the loop from themselves ({@code key += "/x"}) instead of
 * enumerating iterations.
 */
final class Flow {

    /** One branch condition on a path: the condition expression, and whether the path took its true side. */
    record Lit(PyNode cond, Scope scope, boolean positive) {
    }

    /** What reaches one read: on the first pass, and on any pass. */
    static final class Use {
        final Map<Binding, List<Lit>> first;
        final Map<Binding, List<Lit>> all;

        Use(Map<Binding, List<Lit>> first, Map<Binding, List<Lit>> all) {
            this.first = first;
            this.all = all;
        }
    }

    /** Guards longer than this keep their first conditions only (a shorter guard is weaker, so still sound). */
    private static final int MAX_GUARD = 6;
    /** Loop passes before giving up on a fixed point (the flow then falls back to the flow-insensitive union). */
    private static final int MAX_PASSES = 8;
    /** Nodes visited per scope, loop passes included. */
    static final int BUDGET = Integer.getInteger("iampreflight.flowBudget", 2_000_000);

    /**
     * Per read, what reaches it: the map itself when every pass saw the same (nearly all reads: a loop changes few),
     * else a {@link Use}; a {@code Use} object for each of the millions of reads of a large project was 24 bytes each.
     */
    private final FlatMap<PyNode, Object> uses = new FlatMap<>();
    /** For every call in the body, the conditions that hold on every path reaching it (met over loop passes). */
    final FlatMap<PyNode, List<Lit>> callGuards = new FlatMap<>();
    /** Bindings the walk placed; the scope's others (made elsewhere, e.g. through {@code global}) are unordered. */
    final FlatSet<Binding> seen = new FlatSet<>();
    /** What reaches the end of a module's body: what its functions see of its globals (empty for a function). */
    Map<String, Map<Binding, List<Lit>>> end = Map.of();
    /** Whether some path reaches the end of the body (else {@link #end} says nothing). */
    boolean endReached;
    /** Whether the walk ran out of budget or did not settle: then every read takes the union. */
    boolean failed;

    private final Index index;
    private final Scope scope;
    private int steps;

    private Flow(Index index, Scope scope) {
        this.index = index;
        this.scope = scope;
    }

    /** The flow of a module scope or a function scope. */
    static Flow of(Index index, Scope scope) {
        Flow f = new Flow(index, scope);
        try {
            State s = new State();
            PyNode body;
            if (scope.function != null) {
                PyNode params = scope.function.def.child("parameters");
                if (params != null) {
                    s = f.gen(params, s);
                }
                body = scope.function.def.child("body");
            } else {
                body = scope.module.file.root();
            }
            State out = body == null ? s : f.block(body, s);
            if (out != null) {
                // Only a module's end is read (what its functions and importers see of its globals): a function's
                // end state, one map of names per function, is not kept.
                f.end = scope.function == null ? out.defs : Map.of();
                f.endReached = true;
            }
        } catch (Abort e) {
            f.failed = true;
        }
        f.loops = null;
        return f;
    }

    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    // ------------------------------------------------------------------------------------------------------ state

    /** Per name, the bindings that may be current and their guards; inner maps are never changed once shared. */
    private static final class State {
        final Map<String, Map<Binding, List<Lit>>> defs;
        final List<Lit> guard;

        State() {
            this(new HashMap<>(), List.of());
        }

        State(Map<String, Map<Binding, List<Lit>>> defs, List<Lit> guard) {
            this.defs = defs;
            this.guard = guard;
        }

        State copy() {
            return new State(new HashMap<>(defs), guard);
        }

        State withGuard(Lit lit) {
            return new State(new HashMap<>(defs), extend(guard, lit));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.defs.equals(defs) && s.guard.equals(guard);
        }

        @Override
        public int hashCode() {
            return defs.hashCode();
        }
    }

    private static List<Lit> extend(List<Lit> guard, Lit lit) {
        if (guard.size() >= MAX_GUARD || guard.contains(lit)) {
            return guard;
        }
        List<Lit> out = new ArrayList<>(guard);
        out.add(lit);
        return List.copyOf(out);
    }

    /** The conditions both guards share: a binding reaching by either path is guarded by what holds on both. */
    private static List<Lit> meet(List<Lit> a, List<Lit> b) {
        if (a.equals(b)) {
            return a;
        }
        List<Lit> out = new ArrayList<>();
        for (Lit l : a) {
            if (b.contains(l)) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    /** Paths joining; {@code null} is a path that ended (return, raise, break, continue). */
    private static State join(State a, State b) {
        return joinIf(a, b, null);
    }

    /**
     * Joins the two sides of a branch on {@code cond}: a binding that reaches only through one side also carries
     * that side's condition (an old value overridden in the {@code then} side reaches only when it was not taken).
     */
    private static State joinIf(State a, State b, Lit thenLit) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Map<String, Map<Binding, List<Lit>>> out = new HashMap<>(a.defs);
        Set<String> names = new HashSet<>(a.defs.keySet());
        names.addAll(b.defs.keySet());
        for (String name : names) {
            Map<Binding, List<Lit>> da = a.defs.getOrDefault(name, Map.of());
            Map<Binding, List<Lit>> db = b.defs.getOrDefault(name, Map.of());
            if (da.equals(db)) {
                continue;
            }
            Map<Binding, List<Lit>> m = new LinkedHashMap<>();
            for (Map.Entry<Binding, List<Lit>> e : da.entrySet()) {
                List<Lit> other = db.get(e.getKey());
                m.put(e.getKey(), other != null ? meet(e.getValue(), other)
                        : thenLit == null ? e.getValue() : extend(e.getValue(), thenLit));
            }
            for (Map.Entry<Binding, List<Lit>> e : db.entrySet()) {
                if (!da.containsKey(e.getKey())) {
                    m.put(e.getKey(), thenLit == null ? e.getValue()
                            : extend(e.getValue(), new Lit(thenLit.cond(), thenLit.scope(), !thenLit.positive())));
                }
            }
            out.put(name, java.util.Collections.unmodifiableMap(m));
        }
        return new State(out, meet(a.guard, b.guard));
    }

    /** Places the bindings made at {@code node}: each replaces what its name had. */
    private State gen(PyNode node, State s) {
        Object kept = index.defsAt.get(node);
        if (kept == null) {
            return s;
        }
        if (kept instanceof Index.Def d) {
            place(d, s);
            return s;
        }
        for (Index.Def d : Index.defs(kept)) {
            place(d, s);
        }
        return s;
    }

    private void place(Index.Def d, State s) {
        if (d.scope() != scope) {
            return;
        }
        seen.add(d.b());
        s.defs.put(d.name(), Map.of(d.b(), s.guard));
    }

    private void step() {
        if (++steps > BUDGET) {
            throw new Abort();
        }
    }

    // ------------------------------------------------------------------------------------------------- statements

    /** Where {@code break} and {@code continue} of the innermost loop go. */
    private static final class Loop {
        State breaks;
        State continues;
    }

    /** The loops around the walk's position; dropped when the walk ends (one deque per scope outlived it). */
    private Deque<Loop> loops = new ArrayDeque<>();

    private State block(PyNode block, State s) {
        for (PyNode c : block.children()) {
            if (s == null) {
                // Unreachable code after return/raise: its reads still get an answer (the union).
                return null;
            }
            if (c.named() && !c.is("comment")) {
                s = stmt(c, s);
            }
        }
        return s;
    }

    private State stmt(PyNode n, State s) {
        step();
        switch (n.type()) {
            case "return_statement", "raise_statement" -> {
                exprs(n, s);
                return null;
            }
            case "break_statement" -> {
                if (!loops.isEmpty()) {
                    loops.peek().breaks = join(loops.peek().breaks, s);
                }
                return null;
            }
            case "continue_statement" -> {
                if (!loops.isEmpty()) {
                    loops.peek().continues = join(loops.peek().continues, s);
                }
                return null;
            }
            case "if_statement" -> {
                return ifChain(n.child("condition"), n.child("consequence"), n.childrenOf("alternative"), 0, s);
            }
            case "for_statement" -> {
                expr(n.child("right"), s);
                return loop(n, null, s);
            }
            case "while_statement" -> {
                return loop(n, n.child("condition"), s);
            }
            case "try_statement" -> {
                return tryStmt(n, s);
            }
            case "with_statement" -> {
                for (PyNode c : n.children()) {
                    if (c.is("with_clause")) {
                        for (PyNode item : c.namedChildren()) {
                            expr(item.child("value") != null && item.child("value").is("as_pattern")
                                    ? item.child("value").namedChildren().get(0) : item.child("value"), s);
                            s = gen(item, s);
                        }
                    }
                }
                PyNode body = n.child("body");
                return body == null ? s : block(body, s);
            }
            case "match_statement" -> {
                PyNode subject = n.child("subject");
                expr(subject, s);
                State out = s;
                PyNode body = n.child("body");
                for (PyNode c : body == null ? n.namedChildren() : body.namedChildren()) {
                    if (c.is("case_clause")) {
                        PyNode cb = c.child("consequence");
                        out = join(out, cb == null ? s.copy() : block(cb, s.copy()));
                    }
                }
                return out;
            }
            case "decorated_definition" -> {
                for (PyNode c : n.children()) {
                    if (c.is("decorator")) {
                        exprs(c, s);
                    }
                }
                PyNode def = n.child("definition");
                return def == null ? s : stmt(def, s);
            }
            case "function_definition" -> {
                PyNode params = n.child("parameters");
                if (params != null) {
                    for (PyNode p : params.namedChildren()) {
                        expr(p.child("value"), s);
                    }
                }
                return gen(n, s);
            }
            case "class_definition" -> {
                expr(n.child("superclasses"), s);
                return gen(n, s);
            }
            case "delete_statement" -> {
                for (PyNode t : n.namedChildren()) {
                    for (PyNode x : t.is("expression_list") ? t.namedChildren() : List.of(t)) {
                        if (x.is("identifier")) {
                            s.defs.remove(x.text());
                        } else {
                            expr(x, s);
                        }
                    }
                }
                return s;
            }
            case "global_statement", "nonlocal_statement", "pass_statement", "import_statement",
                 "import_from_statement", "future_import_statement" -> {
                return gen(n, s);
            }
            case "block", "module" -> {
                return block(n, s);
            }
            default -> {
                // expression_statement, assert, print, exec ...: expressions left to right.
                return exprs(n, s);
            }
        }
    }

    private State ifChain(PyNode cond, PyNode then, List<PyNode> alternatives, int next, State s) {
        expr(cond, s);
        Lit lit = cond == null ? null : new Lit(cond, scope, true);
        State thenOut = then == null ? s.copy() : block(then, lit == null ? s.copy() : s.withGuard(lit));
        State elseIn = lit == null ? s.copy() : s.withGuard(new Lit(cond, scope, false));
        State elseOut;
        if (next < alternatives.size()) {
            PyNode alt = alternatives.get(next);
            if (alt.is("elif_clause")) {
                elseOut = ifChain(alt.child("condition"), alt.child("consequence"), alternatives, next + 1, elseIn);
            } else {
                PyNode body = alt.child("body");
                elseOut = body == null ? elseIn : block(body, elseIn);
            }
        } else {
            elseOut = elseIn;
        }
        if (thenOut == null || elseOut == null) {
            return join(thenOut, elseOut);
        }
        return joinIf(thenOut, elseOut, lit);
    }

    private State loop(PyNode n, PyNode cond, State entry) {
        PyNode body = n.child("body");
        State head = entry;
        State exit = null;
        for (int pass = 0; ; pass++) {
            if (pass == MAX_PASSES) {
                throw new Abort();
            }
            if (cond != null) {
                expr(cond, head);
            }
            State in = gen(n, head.copy());
            Loop l = new Loop();
            loops.push(l);
            State out;
            try {
                out = body == null ? in : block(body, in);
            } finally {
                loops.pop();
            }
            State next = join(head, join(out, l.continues));
            exit = l.breaks;
            if (next.equals(head)) {
                break;
            }
            head = next;
        }
        PyNode alt = n.child("alternative");
        State normal = head.copy();
        if (alt != null) {
            PyNode ab = alt.child("body");
            normal = ab == null ? normal : block(ab, normal);
        }
        return join(normal, exit);
    }

    private State tryStmt(PyNode n, State s) {
        PyNode body = n.child("body");
        // A handler may start after any statement of the body has run (or none).
        State handlerIn = s.copy();
        State cur = s.copy();
        if (body != null) {
            for (PyNode c : body.children()) {
                if (cur == null) {
                    break;
                }
                if (c.named() && !c.is("comment")) {
                    cur = stmt(c, cur);
                    handlerIn = join(handlerIn, cur);
                }
            }
        }
        State out = cur;
        PyNode fin = null;
        for (PyNode c : n.namedChildren()) {
            switch (c.type()) {
                case "except_clause", "except_group_clause" -> {
                    State h = handlerIn.copy();
                    PyNode hb = null;
                    for (PyNode x : c.namedChildren()) {
                        if (x.is("block")) {
                            hb = x;
                        } else {
                            expr(x, h);
                        }
                    }
                    out = join(out, hb == null ? h : block(hb, h));
                }
                case "else_clause" -> {
                    PyNode eb = c.child("body");
                    if (cur != null && eb != null) {
                        State e = block(eb, cur.copy());
                        out = join(e, out == cur ? null : out);
                    }
                }
                case "finally_clause" -> fin = c;
                default -> {
                }
            }
        }
        if (fin != null) {
            PyNode fb = fin.namedChildren().isEmpty() ? null : fin.namedChildren().get(fin.namedChildren().size() - 1);
            State finIn = join(out == null ? null : out.copy(), handlerIn.copy());
            State finOut = fb == null ? finIn : block(fb, finIn);
            // The finally block runs on the way out; the paths that go on are those that reached it normally.
            return out == null || finOut == null ? null : join(finOut, null);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ expressions

    private State exprs(PyNode n, State s) {
        if (n == null) {
            return s;
        }
        for (PyNode c : n.children()) {
            if (c.named()) {
                expr(c, s);
            }
        }
        return s;
    }

    /**
     * Records the reads of an expression and places its bindings (assignments, walrus), in evaluation order; nested
     * expressions are walked with an explicit stack so a deep expression cannot overflow the thread's.
     */
    private void expr(PyNode root, State s) {
        if (root == null) {
            return;
        }
        // Post-order work items: a node to expand, or a node whose bindings to place after its children.
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[]{root, Boolean.FALSE});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            PyNode n = (PyNode) item[0];
            if (item[1] == Boolean.TRUE) {
                gen(n, s);
                continue;
            }
            step();
            if (n.is("call")) {
                List<Lit> prev = callGuards.get(n);
                callGuards.put(n, prev == null ? s.guard : meet(prev, s.guard));
            }
            switch (n.type()) {
                case "identifier" -> read(n, s);
                case "attribute" -> pushAll(work, List.of(n.child("object")));
                case "keyword_argument" -> pushAll(work, List.of(n.child("value")));
                case "lambda", "comment", "string_content", "escape_sequence", "function_definition",
                     "class_definition" -> {
                    // A lambda's body runs later: its reads take the union (not recorded).
                }
                case "assignment" -> {
                    work.push(new Object[]{n, Boolean.TRUE});
                    List<PyNode> kids = new ArrayList<>();
                    kids.add(n.child("right"));
                    PyNode left = n.child("left");
                    if (left != null && !isTarget(left)) {
                        kids.add(left);
                    } else if (left != null) {
                        kids.addAll(targetReads(left));
                    }
                    pushAll(work, kids);
                }
                case "augmented_assignment" -> {
                    work.push(new Object[]{n, Boolean.TRUE});
                    pushAll(work, List.of(n.child("left"), n.child("right")));
                }
                case "named_expression" -> {
                    work.push(new Object[]{n, Boolean.TRUE});
                    pushAll(work, List.of(n.child("value")));
                }
                case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression" ->
                        comprehension(n, s);
                default -> {
                    List<PyNode> kids = new ArrayList<>();
                    for (PyNode c : n.children()) {
                        if (c.named()) {
                            kids.add(c);
                        }
                    }
                    pushAll(work, kids);
                }
            }
        }
    }

    /** Pushes nodes so they pop in source order. */
    private static void pushAll(Deque<Object[]> work, List<PyNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i) != null) {
                work.push(new Object[]{nodes.get(i), Boolean.FALSE});
            }
        }
    }

    private static boolean isTarget(PyNode left) {
        return switch (left.type()) {
            case "identifier", "pattern_list", "tuple_pattern", "list_pattern" -> true;
            default -> false;
        };
    }

    /** The reads inside an assignment target ({@code a[i], b.x = ...} reads a, i and b). */
    private static List<PyNode> targetReads(PyNode left) {
        List<PyNode> out = new ArrayList<>();
        if (left.is("identifier")) {
            return out;
        }
        for (PyNode c : left.namedChildren()) {
            if (!c.is("identifier")) {
                out.add(c);
            }
        }
        return out;
    }

    private void comprehension(PyNode n, State outer) {
        // Python 3: the loop variables are local to the comprehension; the first iterable is read outside it.
        State s = outer.copy();
        boolean firstClause = true;
        for (PyNode c : n.namedChildren()) {
            if (c.is("for_in_clause")) {
                expr(c.child("right"), firstClause ? outer : s);
                firstClause = false;
                gen(c, s);
            } else if (c.is("if_clause")) {
                exprs(c, s);
            }
        }
        // The body (and a dict comprehension's pair) reads the loop variables.
        PyNode body = n.child("body");
        if (body != null) {
            expr(body, s);
        }
    }

    private void read(PyNode id, State s) {
        Map<Binding, List<Lit>> defs = s.defs.getOrDefault(id.text(), Map.of());
        Object u = uses.get(id);
        if (u == null) {
            uses.put(id, defs);
            return;
        }
        Map<Binding, List<Lit>> first = u instanceof Use x ? x.first : map(u);
        Map<Binding, List<Lit>> all = u instanceof Use x ? x.all : first;
        if (!all.equals(defs)) {
            Map<Binding, List<Lit>> m = new LinkedHashMap<>(all);
            for (Map.Entry<Binding, List<Lit>> e : defs.entrySet()) {
                List<Lit> prev = m.get(e.getKey());
                m.put(e.getKey(), prev == null ? e.getValue() : meet(prev, e.getValue()));
            }
            uses.put(id, new Use(first, java.util.Collections.unmodifiableMap(m)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Binding, List<Lit>> map(Object o) {
        return (Map<Binding, List<Lit>>) o;
    }

    /** What reaches the read {@code id}, or null if the walk did not see it. */
    Use use(PyNode id) {
        Object u = uses.get(id);
        return u == null || u instanceof Use ? (Use) u : new Use(map(u), map(u));
    }
}

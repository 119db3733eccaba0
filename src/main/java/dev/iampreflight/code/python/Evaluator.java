package dev.iampreflight.code.python;

import dev.iampreflight.core.Condition;
import dev.iampreflight.code.Credentials;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.code.python.Index.Binding;
import dev.iampreflight.code.python.Index.ClassInfo;
import dev.iampreflight.code.python.Index.FunctionInfo;
import dev.iampreflight.code.python.Index.Scope;
import dev.iampreflight.code.python.Val.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes what expressions may evaluate to: a context-insensitive abstract interpreter over the {@link Index}, flow-
 * sensitive within a function or module body ({@link Flow}: a read takes the bindings that reach it, a branch's
 * bindings carry the branch's condition). Parameters take the union of the arguments at every call site in the
 * project (a client passed to a constructor reaches {@code self.client}); calls return the union of the function's
 * returns. Results are memoised per node; a cycle (recursion) yields the values found so far, and a value that a loop
 * builds from itself is widened to its entering value followed by an unknown part.
 *
 * <p>Targets: the scan runs once for all deploy targets, so a branch on the environment ({@code if os.environ["STAGE"]
 * == "prod"}) is not decided here; the strings assigned under it carry the condition ({@link SymbolicValue.Guarded})
 * and each target decides it from its own environment when its requirements are built ({@link
 * SymbolicValue#resolve}). Conditions on constants are decided here. Anything else keeps both sides.
 */
final class Evaluator {

    /** A cap on value sets, so pathological code cannot blow up the analysis. */
    private static final int MAX_VALUES = 24;
    /** At most this many alternative strings are kept (each may become its own resource); more are unknown. */
    private static final int MAX_OPTIONS = 6;
    private static final Set<String> EXTERNAL_MODULES = Set.of("boto3", "boto3.session", "botocore",
            "botocore.session", "os", "os.path", "aioboto3", "aioboto3.session", "aiobotocore", "aiobotocore.session");

    private final Index index;
    private final Boto3Models models;
    private final LibraryModels libraries = LibraryModels.bundled();
    /**
     * Evaluation steps (computations not answered from the memo) one call site may take. Nested cycles are memoised
     * only once their head completes, so pathological code can otherwise take time exponential in its size.
     */
    static final int SITE_BUDGET = 200_000;
    private int steps;
    /**
     * Steps of memoised (final) work given back to the site budgets, and the most the whole run gives back: fifty
     * sites' budgets, about four times what a 5,000-module project computes in all.
     */
    private long refunded;
    /** {@link #SITE_BUDGET}, read when the evaluator is made (so a test can lower it), and its refund allowance. */
    private final int budget = Integer.getInteger("iampreflight.siteBudget", SITE_BUDGET);
    private final long refundAllowance = 50L * budget;

    int budget() {
        return budget;
    }

    /** Thrown when a call site's evaluation uses up {@link #SITE_BUDGET}. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("analysis budget used up", null, false, false);
        }
    }

    /**
     * Results that depended on a cycle still being computed: not final, so not in {@link #memo}, but reused for the
     * rest of one call site's evaluation, so that a key is computed at most once per site instead of once per path
     * through the cycles around it.
     */
    private final FlatMap<Object, Set<Val>> siteMemo = new FlatMap<>();

    /** Starts a call site: its budget, and its memo of cycle-dependent results. */
    void startSite() {
        steps = 0;
        siteMemo.clear();
        site++;
    }

    /** Counts {@link #startSite} calls: what {@link #siteMemo} holds belongs to this one. */
    private int site;

    /** What {@link Callers} asks about a candidate whose callee's value, under {@code key}, is not final. */
    private final class SiteStable<T> implements Callers.Site<T> {
        private final java.util.function.Function<T, Object> key;

        SiteStable(java.util.function.Function<T, Object> key) {
            this.key = key;
        }

        @Override
        public boolean fixed(T item) {
            return siteMemo.containsKey(key.apply(item));
        }

        @Override
        public int site() {
            return site;
        }

        @Override
        public void onStack(T item) {
            // What guarded does when it meets a key being computed.
            metOnStack(key.apply(item));
        }
    }

    /**
     * Final results: a one-value result is kept as the value itself (a {@link Val}), anything else as its set. Most
     * results are one value, and a one-element set cost 24 bytes more for each (1.4 M sets at 5,000 modules).
     */
    private final FlatMap<Object, Object> memo = new FlatMap<>();
    private final Map<Object, Integer> depthOf = new HashMap<>();
    /** Per stack frame: the lowest depth its computation met again (a cycle), MAX_VALUE if none. */
    private int[] lows = new int[256];
    private int lowTop = -1;

    Evaluator(Index index, Boto3Models models) {
        this(index, models, null, Map.of());
    }

    /**
     * The environment of one deploy-time evaluation ({@link DeployTimeValues}), or null for the scan (for every
     * target at once). When set, a variable it holds reads as its value, one it knows to be absent
     * ({@link dev.iampreflight.core.RuntimeEnvironment}) as its default, and conditions it decides are decided here.
     */
    private final Map<String, String> env;
    /** Loop variables pinned to one element ({@code for q in LIST}: the iterable's node to that element's values). */
    private final Map<PyNode, Set<Val>> pins;

    Evaluator(Index index, Boto3Models models, Map<String, String> env, Map<PyNode, Set<Val>> pins) {
        this(index, models, env, pins, FLOW_CACHE);
    }

    /** With the flows of the last {@code flowCache} functions read kept (tests: a small cache, the same results). */
    Evaluator(Index index, Boto3Models models, Map<String, String> env, Map<PyNode, Set<Val>> pins, int flowCache) {
        this.flowCache = flowCache;
        this.index = index;
        index.seal();
        this.models = models;
        this.env = env;
        this.pins = pins;
        this.callsNamed = new Callers.ByKey<>(name -> index.callsByName.getOrDefault(name, List.of()),
                site -> eval(site.call().child("function"), site.scope()),
                site -> isFinal(site.call().child("function")),
                new SiteStable<>(site -> site.call().child("function")));
        this.dynamicCallers = new Callers<>(index.dynamicCalls, callsNamed.callees(), callsNamed.isFinal(),
                callsNamed.stable());
        this.decorators = new Callers<>(index.decorations, d -> eval(d.decorator(), d.scope()),
                d -> isFinal(d.decorator()), new SiteStable<>(Index.Decoration::decorator));
        this.wrappedBy = new Callers<>(index.decorations, d -> decorated(d.function()),
                d -> d.function().decorators.isEmpty() || d.function().owner != null
                        || isFinal(new DecoratedKey(d.function())),
                new SiteStable<>(d -> new DecoratedKey(d.function())));
    }

    /** Forgets an evaluation abandoned by an exception, so later ones memoise again. */
    void abandon() {
        depthOf.clear();
        lowTop = -1;
        symbolicDepth = 0;
    }

    Boto3Models models() {
        return models;
    }

    Index index() {
        return index;
    }

    // ---------------------------------------------------------------------------------------------------- expressions

    Set<Val> eval(PyNode n, Scope scope) {
        if (n == null) {
            return Set.of();
        }
        return guarded(n, () -> compute(n, scope));
    }

    /**
     * Memoised evaluation with a cycle guard. A key met again while it is being computed yields no values. A result
     * that depended on such a cycle through a frame still below it on the stack is incomplete, so it is not memoised;
     * the cycle's head (the lowest frame involved) is, once complete. Each frame tracks the lowest stack depth its
     * computation reached back to (as in Tarjan's algorithm), so unrelated work inside a cycle is still memoised.
     */
    /**
     * Whether {@code key} is being computed further up the stack; if so, records that the computation under way
     * depends on it (a cycle: the frame's result is then not memoised as final).
     */
    private boolean metOnStack(Object key) {
        Integer onStack = depthOf.get(key);
        if (onStack == null) {
            return false;
        }
        if (lowTop >= 0) {
            lows[lowTop] = Math.min(lows[lowTop], onStack);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Set<Val> guarded(Object key, java.util.function.Supplier<Set<Val>> compute) {
        Object kept = memo.get(key);
        Set<Val> cached = kept instanceof Val v ? Set.of(v) : (Set<Val>) kept;
        if (cached == null) {
            cached = siteMemo.get(key);
        }
        if (cached != null) {
            return cached;
        }
        if (metOnStack(key)) {
            return Set.of();
        }
        if (++steps > budget) {
            throw new BudgetExceeded();
        }
        int stepsBefore = steps - 1;
        int depth = depthOf.size();
        depthOf.put(key, depth);
        if (++lowTop == lows.length) {
            lows = java.util.Arrays.copyOf(lows, lows.length * 2);
        }
        lows[lowTop] = Integer.MAX_VALUE;
        Set<Val> out;
        int low;
        try {
            out = compute.get();
        } finally {
            depthOf.remove(key);
            low = lows[lowTop--];
        }
        out = compact(out);
        if (low >= depth) {
            memo.put(key, out.size() == 1 ? out.iterator().next() : out);
            // Final: this result is not computed again, at this site or any other, so the work under it is not
            // charged to the site's budget (which bounds the work a site may repeat) while the whole run's
            // allowance for such refunds lasts: a helper with thousands of callers (5,000 callers of one
            // put_json at 5,000 modules) no longer runs the one site that first asks for its parameter out of
            // budget, and a project whose memoised keys themselves explode still ends.
            int done = steps - stepsBefore;
            if (refunded + done <= refundAllowance) {
                refunded += done;
                steps = stepsBefore;
            }
        } else {
            siteMemo.put(key, out);
            if (lowTop >= 0) {
                lows[lowTop] = Math.min(lows[lowTop], low);
            }
        }
        return out;
    }

    /**
     * A result as kept in the memo: most are empty or one value (about nine in ten on generated projects), and an
     * empty or one-element {@code LinkedHashSet} costs 70-190 bytes where the immutable set costs 0 or 24; larger
     * sets keep their insertion order (immutable sets of two or more would not), as an {@link ArraySet} up to its
     * size.
     */
    private static Set<Val> compact(Set<Val> out) {
        if (out.isEmpty()) {
            return Set.of();
        }
        return out.size() == 1 ? Set.of(out.iterator().next()) : ArraySet.compact(out);
    }

    private Set<Val> compute(PyNode n, Scope scope) {
        switch (n.type()) {
            case "identifier":
                return lookupAt(n, scope);
            case "attribute": {
                PyNode attr = n.child("attribute");
                return attr == null ? Set.of() : attribute(eval(n.child("object"), scope), attr.text());
            }
            case "call":
                return call(n, scope);
            case "string":
                return Set.of(new StrV(string(n, scope)));
            case "concatenated_string": {
                List<SymbolicValue> parts = new ArrayList<>();
                for (PyNode s : n.namedChildren()) {
                    parts.add(string(s, scope));
                }
                return Set.of(new StrV(SymbolicValue.concat(parts)));
            }
            case "true", "false", "none":
                // Python spells them True/False/None; SDK parameters such as WithDecryption=True read them so.
                return n.is("none") ? Set.of() : Set.of(new StrV(SymbolicValue.literal(n.is("true") ? "True" : "False")));
            case "integer", "float":
                return Set.of(new StrV(SymbolicValue.literal(n.text())));
            case "binary_operator": {
                PyNode left = n.child("left");
                PyNode right = n.child("right");
                if (left == null || right == null) {
                    return Set.of();
                }
                // Anonymous tokens are not copied from clean trees: the operator is the text between the operands.
                String op = PyNode.between(left, right);
                if (op.equals("+")) {
                    return plusChain(n, scope);
                }
                if (op.equals("%") && isString(eval(left, scope))) {
                    return Set.of(new StrV(percentFormat(left, right, scope)));
                }
                return Set.of();
            }
            case "parenthesized_expression", "await":
                return n.namedChildren().isEmpty() ? Set.of() : eval(n.namedChildren().get(0), scope);
            case "conditional_expression": {
                // a if cond else b: each side carries its condition, like an if statement's branches.
                List<PyNode> parts = n.namedChildren();
                Set<Val> out = new LinkedHashSet<>();
                PyNode cond = parts.size() >= 3 ? parts.get(1) : null;
                if (parts.size() >= 1) {
                    out.addAll(cond == null ? eval(parts.get(0), scope)
                            : applyGuard(eval(parts.get(0), scope), List.of(new Flow.Lit(cond, scope, true))));
                }
                if (parts.size() >= 3) {
                    out.addAll(applyGuard(eval(parts.get(2), scope), List.of(new Flow.Lit(cond, scope, false))));
                }
                return cap(out);
            }
            case "boolean_operator": {
                Set<Val> left = eval(n.child("left"), scope);
                Set<Val> right = eval(n.child("right"), scope);
                // os.environ.get('X') or 'default': the variable with a fallback, as os.environ.get('X', 'default').
                if (left.size() == 1 && right.size() == 1 && left.iterator().next() instanceof StrV l
                        && l.value() instanceof SymbolicValue.EnvVar env && env.fallback().isEmpty()
                        && right.iterator().next() instanceof StrV r && PyNode.between(n.child("left"),
                        n.child("right")).equals("or")) {
                    return Set.of(new StrV(new SymbolicValue.EnvVar(env.name(), java.util.Optional.of(r.value()))));
                }
                Set<Val> out = new LinkedHashSet<>(left);
                out.addAll(right);
                return cap(out);
            }
            case "subscript":
                return subscript(n, scope);
            case "dictionary":
                return Set.of(new DictV(n, scope));
            case "list", "tuple", "expression_list":
                return Set.of(new ListV(n, scope));
            case "list_comprehension", "set_comprehension", "generator_expression":
                return Set.of(new CompV(n.child("body"), scope));
            case "named_expression":
                return eval(n.child("value"), scope);
            default:
                return Set.of();
        }
    }

    private static boolean isString(Set<Val> vals) {
        for (Val v : vals) {
            if (v instanceof StrV) {
                return true;
            }
        }
        return false;
    }

    /** A string literal; f-string interpolations become the symbolic values of their expressions. */
    SymbolicValue string(PyNode s, Scope scope) {
        if (!s.is("string")) {
            return symbolic(eval(s, scope));
        }
        List<SymbolicValue> parts = new ArrayList<>();
        for (PyNode c : s.children()) {
            switch (c.type()) {
                case "string_content" -> parts.add(SymbolicValue.literal(unescape(c.text())));
                case "escape_sequence" -> parts.add(SymbolicValue.literal(unescape(c.text())));
                case "interpolation" -> {
                    PyNode e = c.child("expression");
                    boolean formatted = c.child("format_specifier") != null || c.child("type_conversion") != null;
                    parts.add(formatted || e == null ? SymbolicValue.unknown("formatted value")
                            : symbolic(eval(e, scope)));
                }
                default -> {
                }
            }
        }
        return SymbolicValue.concat(parts);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\'", "'").replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }

    /**
     * {@code a + b}: strings concatenate (each pair of alternatives while they are few, so a guarded value keeps its
     * guard), lists join; anything else is not tracked.
     */
    private Set<Val> plus(Set<Val> l, Set<Val> r) {
        if (isString(l) || isString(r)) {
            List<SymbolicValue> ls = strings(l);
            List<SymbolicValue> rs = strings(r);
            if (ls.size() * rs.size() <= MAX_OPTIONS) {
                Set<Val> out = new LinkedHashSet<>();
                for (SymbolicValue a : ls) {
                    for (SymbolicValue b : rs) {
                        out.add(new StrV(SymbolicValue.concat(List.of(a, b))));
                    }
                }
                return out;
            }
            return Set.of(new StrV(SymbolicValue.concat(List.of(symbolic(l), symbolic(r)))));
        }
        if (isList(l) || isList(r)) {
            List<Set<Val>> parts = new ArrayList<>();
            listParts(l, parts);
            listParts(r, parts);
            return Set.of(new JoinedListV(parts));
        }
        return Set.of();
    }

    /**
     * {@code a + b + c + ...}: the left spine is walked with a loop, not recursion, and when every operand is one
     * string the concatenation is built once (a long chain is linear, not one copy of the prefix per operand).
     */
    private Set<Val> plusChain(PyNode n, Scope scope) {
        java.util.ArrayDeque<PyNode> operands = new java.util.ArrayDeque<>();
        PyNode x = n;
        while (x.is("binary_operator") && x.child("left") != null && x.child("right") != null
                && PyNode.between(x.child("left"), x.child("right")).equals("+")) {
            operands.push(x.child("right"));
            x = x.child("left");
        }
        operands.push(x);
        List<Set<Val>> values = new ArrayList<>();
        boolean allOneString = true;
        for (PyNode o : operands) {
            Set<Val> v = eval(o, scope);
            values.add(v);
            allOneString &= v.size() == 1 && v.iterator().next() instanceof StrV;
        }
        if (allOneString) {
            List<SymbolicValue> parts = new ArrayList<>();
            for (Set<Val> v : values) {
                parts.add(((StrV) v.iterator().next()).value());
            }
            return Set.of(new StrV(SymbolicValue.concat(parts)));
        }
        Set<Val> acc = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            acc = plus(acc, values.get(i));
        }
        return acc;
    }

    /** At most this many parts are kept of a list built by + or +=; more become one part of unknown items. */
    private static final int MAX_LIST_PARTS = 16;

    /**
     * The parts of one operand of a list {@code +}, flat: a joined list contributes its parts; an operand that may be
     * several lists (branches) is one part of unknown items, so joined lists never nest (bounded depth and size).
     */
    private static void listParts(Set<Val> operand, List<Set<Val>> parts) {
        if (operand.size() == 1 && operand.iterator().next() instanceof JoinedListV j) {
            for (Set<Val> p : j.parts()) {
                addPart(p, parts);
            }
        } else {
            addPart(operand.size() == 1 ? operand : Set.of(), parts);
        }
    }

    private static void addPart(Set<Val> part, List<Set<Val>> parts) {
        if (parts.size() < MAX_LIST_PARTS - 1) {
            parts.add(part);
        } else if (parts.size() == MAX_LIST_PARTS - 1) {
            parts.add(Set.of());
        }
    }

    /** The string alternatives of a value set; a set with none is one unknown (or non-string symbolic) value. */
    private List<SymbolicValue> strings(Set<Val> vals) {
        List<SymbolicValue> out = new ArrayList<>();
        for (Val v : vals) {
            if (v instanceof StrV s && !out.contains(s.value())) {
                out.add(s.value());
            }
        }
        if (out.isEmpty()) {
            out.add(symbolic(vals));
        }
        return out;
    }

    private static boolean isList(Set<Val> vals) {
        for (Val v : vals) {
            if (v instanceof ListV || v instanceof JoinedListV || v instanceof StrListV || v instanceof CompV) {
                return true;
            }
        }
        return false;
    }

    /** {@code "%s-orders" % env}: the format with each placeholder replaced by its argument. */
    private SymbolicValue percentFormat(PyNode left, PyNode right, Scope scope) {
        SymbolicValue fmt = symbolic(eval(left, scope));
        List<SymbolicValue> args = new ArrayList<>();
        if (right != null && (right.is("tuple") || right.is("parenthesized_expression"))) {
            for (PyNode a : right.namedChildren()) {
                args.add(symbolic(eval(a, scope)));
            }
        } else {
            args.add(symbolic(eval(right, scope)));
        }
        if (!(fmt instanceof SymbolicValue.Literal l)) {
            return SymbolicValue.unknown("format");
        }
        List<SymbolicValue> parts = new ArrayList<>();
        String f = l.value();
        int argi = 0;
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '%' && i + 1 < f.length()) {
                char t = f.charAt(i + 1);
                if (t == '%') {
                    lit.append('%');
                    i++;
                    continue;
                }
                if (t == 's' || t == 'd' || t == 'r') {
                    parts.add(SymbolicValue.literal(lit.toString()));
                    lit.setLength(0);
                    parts.add(argi < args.size() ? args.get(argi) : SymbolicValue.unknown("format"));
                    argi++;
                    i++;
                    continue;
                }
                return SymbolicValue.unknown("format");
            }
            lit.append(ch);
        }
        parts.add(SymbolicValue.literal(lit.toString()));
        return SymbolicValue.concat(parts);
    }

    private Set<Val> subscript(PyNode n, Scope scope) {
        Set<Val> base = eval(n.child("value"), scope);
        PyNode sub = n.child("subscript");
        Set<Val> out = new LinkedHashSet<>();
        for (Val b : base) {
            if (b instanceof EnvironV) {
                SymbolicValue key = symbolic(eval(sub, scope));
                out.add(new StrV(key instanceof SymbolicValue.Literal l
                        ? envValue(new SymbolicValue.EnvVar(l.value(), java.util.Optional.empty()))
                        : SymbolicValue.unknown("environment variable with a computed name")));
            } else if (b instanceof CredsV) {
                // response["Credentials"]["AccessKeyId"]: part of the same credentials.
                out.add(b);
            } else if (b instanceof KnownDictV k) {
                SymbolicValue key = symbolic(eval(sub, scope));
                if (key instanceof SymbolicValue.Literal l && k.entries().containsKey(l.value())) {
                    out.add(new StrV(k.entries().get(l.value())));
                }
            } else if (b instanceof DictV d) {
                SymbolicValue key = symbolic(eval(sub, scope));
                if (key instanceof SymbolicValue.Literal l) {
                    PyNode v = dictEntry(d.node(), d.scope(), l.value());
                    out.addAll(eval(v, d.scope()));
                }
            } else if (b instanceof ListV l && index(sub) != null) {
                List<PyNode> items = l.node().namedChildren();
                int i = index(sub) < 0 ? items.size() + index(sub) : index(sub);
                if (i >= 0 && i < items.size()) {
                    out.addAll(eval(items.get(i), l.scope()));
                }
            } else if (b instanceof StrListV l && index(sub) != null) {
                int i = index(sub) < 0 ? l.items().size() + index(sub) : index(sub);
                out.add(new StrV(i >= 0 && i < l.items().size() ? l.items().get(i)
                        : SymbolicValue.unknown("index out of range")));
            } else if (b instanceof StrV sv && sub != null && sv.value().asLiteral().isPresent()) {
                String str = sv.value().asLiteral().get();
                String sliced = sub.is("slice") ? slice(str, sub.text()) : null;
                if (sliced != null) {
                    out.add(new StrV(SymbolicValue.literal(sliced)));
                } else if (index(sub) != null) {
                    int i = index(sub) < 0 ? str.length() + index(sub) : index(sub);
                    out.add(new StrV(i >= 0 && i < str.length() ? SymbolicValue.literal(String.valueOf(str.charAt(i)))
                            : SymbolicValue.unknown("index out of range")));
                } else {
                    out.add(new StrV(SymbolicValue.unknown("part of a string")));
                }
            } else if (b instanceof StrV) {
                out.add(new StrV(SymbolicValue.unknown("part of a string")));
            }
        }
        PyNode obj = n.child("value");
        if (obj != null && obj.is("identifier") && sub != null && index.stores.containsKey(obj.text())) {
            out.addAll(stored(obj.text(), sub, scope));
        }
        return cap(out);
    }

    /** Stores by the scope that binds their name: grouped once, so a read looks only at its own binding's. */
    private Map<Scope, Map<String, List<Index.Store>>> storesByOwner;

    private Map<String, List<Index.Store>> storesOf(Scope owner) {
        if (storesByOwner == null) {
            storesByOwner = new HashMap<>();
            index.stores.forEach((name, list) -> list.forEach(st -> storesByOwner
                    .computeIfAbsent(Index.owner(name, st.scope()), k -> new HashMap<>())
                    .computeIfAbsent(name, k -> new ArrayList<>()).add(st)));
        }
        return storesByOwner.getOrDefault(owner, Map.of());
    }

    /**
     * What {@code NAME[sub]} may read from stores into the same NAME ({@code _clients[name] = boto3.client(name)}):
     * each store whose key may equal the read's key. A store keyed by the name its value is built from
     * ({@code boto3.client(name)}) read with a known key gives that key's client only.
     */
    private Set<Val> stored(String name, PyNode sub, Scope scope) {
        List<Index.Store> mine = storesOf(Index.owner(name, scope)).get(name);
        if (mine == null) {
            return Set.of();
        }
        java.util.Optional<String> key = symbolic(eval(sub, scope)).asLiteral();
        Set<Val> out = new LinkedHashSet<>();
        for (Index.Store st : mine) {
            if (key.isPresent()) {
                List<SymbolicValue> keys = symbolic(eval(st.key(), st.scope())).alternatives();
                if (keys.stream().allMatch(k -> k.asLiteral().isPresent() && !k.asLiteral().equals(key))) {
                    continue;
                }
            }
            PyNode args = st.value().is("call") ? st.value().child("arguments") : null;
            boolean keyedBy = key.isPresent() && st.key().is("identifier") && args != null
                    && !args.namedChildren().isEmpty() && args.namedChildren().get(0).text().equals(st.key().text());
            for (Val v : eval(st.value(), st.scope())) {
                String service = v instanceof ClientV c ? c.service() : v instanceof ResV r && r.type() == null
                        ? r.service() : null;
                if (!keyedBy || service == null || service.equals(key.get())) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** A literal integer index ({@code 0}, {@code -1}), else null. */
    private static Integer index(PyNode sub) {
        if (sub == null) {
            return null;
        }
        String t = sub.text().replace(" ", "");
        return t.matches("-?\\d{1,6}") ? Integer.valueOf(t) : null;
    }

    /** Python's {@code s[a:b]} (no step) on a known string; null for other slices. */
    private static String slice(String s, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d{1,6})?:(-?\\d{1,6})?")
                .matcher(text.replace(" ", ""));
        if (!m.matches()) {
            return null;
        }
        int n = s.length();
        int a = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int b = m.group(2) == null ? n : Integer.parseInt(m.group(2));
        a = Math.max(0, Math.min(n, a < 0 ? n + a : a));
        b = Math.max(0, Math.min(n, b < 0 ? n + b : b));
        return a >= b ? "" : s.substring(a, b);
    }

    private static boolean hasSplat(PyNode dict) {
        for (PyNode pair : dict.namedChildren()) {
            if (!pair.is("pair")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code str} method on a string the scanner follows. Methods that matter for ARNs and keys are computed when the
     * string is known ({@code format}, {@code join}, {@code replace}, {@code lower}/{@code upper}, {@code strip},
     * {@code split}); anything else, or on a string not fully known, is unknown (never a guess).
     */
    private Val stringMethod(SymbolicValue v, String name, PyNode call, Scope scope) {
        java.util.Optional<String> lit = v.asLiteral();
        switch (name) {
            case "format" -> {
                return new StrV(lit.isPresent() ? format(lit.get(), call, scope)
                        : SymbolicValue.unknown("format of a string not known"));
            }
            case "join" -> {
                return new StrV(join(v, eval(argument(call, 0, "iterable"), scope)));
            }
            case "lower", "upper" -> {
                // Part by part: a known part changes case, an unknown part stays unknown.
                List<SymbolicValue> parts = new ArrayList<>();
                for (SymbolicValue p : v instanceof SymbolicValue.Concat c ? c.parts() : List.of(v)) {
                    parts.add(p instanceof SymbolicValue.Literal l ? SymbolicValue.literal(name.equals("lower")
                            ? l.value().toLowerCase(java.util.Locale.ROOT) : l.value().toUpperCase(java.util.Locale.ROOT))
                            : SymbolicValue.unknown("case of a value not known"));
                }
                return new StrV(SymbolicValue.concat(parts));
            }
            case "strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "replace" -> {
                List<String> args = new ArrayList<>();
                PyNode argList = call.child("arguments");
                if (lit.isPresent() && argList != null) {
                    for (PyNode a : argList.namedChildren()) {
                        java.util.Optional<String> al = a.is("keyword_argument") ? java.util.Optional.empty()
                                : symbolic(eval(a, scope)).asLiteral();
                        if (al.isEmpty()) {
                            return new StrV(SymbolicValue.unknown("string method " + name));
                        }
                        args.add(al.get());
                    }
                    String r = strMethod(lit.get(), name, args);
                    if (r != null) {
                        return new StrV(SymbolicValue.literal(r));
                    }
                }
                return new StrV(SymbolicValue.unknown("string method " + name));
            }
            case "split", "rsplit" -> {
                PyNode sep = argument(call, 0, "sep");
                PyNode max = argument(call, 1, "maxsplit");
                java.util.Optional<String> sepLit = sep == null ? java.util.Optional.empty()
                        : symbolic(eval(sep, scope)).asLiteral();
                if (lit.isPresent() && max == null && (sep == null || sepLit.filter(x -> !x.isEmpty()).isPresent())) {
                    List<SymbolicValue> items = new ArrayList<>();
                    if (sep == null) {
                        for (String p : lit.get().strip().split("\\s+")) {
                            if (!p.isEmpty()) {
                                items.add(SymbolicValue.literal(p));
                            }
                        }
                    } else {
                        for (String p : lit.get().split(java.util.regex.Pattern.quote(sepLit.get()), -1)) {
                            items.add(SymbolicValue.literal(p));
                        }
                    }
                    return new StrListV(items);
                }
                return new StrV(SymbolicValue.unknown("split of a string not known"));
            }
            default -> {
                return new StrV(SymbolicValue.unknown("string method " + name));
            }
        }
    }

    /** Python's {@code strip}-family and {@code replace} on known strings; null when the arguments do not fit. */
    private static String strMethod(String s, String name, List<String> args) {
        switch (name) {
            case "strip", "lstrip", "rstrip" -> {
                if (args.size() > 1) {
                    return null;
                }
                String chars = args.isEmpty() ? null : args.get(0);
                int from = 0;
                int to = s.length();
                if (!name.equals("rstrip")) {
                    while (from < to && strippable(s.charAt(from), chars)) {
                        from++;
                    }
                }
                if (!name.equals("lstrip")) {
                    while (to > from && strippable(s.charAt(to - 1), chars)) {
                        to--;
                    }
                }
                return s.substring(from, to);
            }
            case "removeprefix" -> {
                return args.size() != 1 ? null : s.startsWith(args.get(0)) ? s.substring(args.get(0).length()) : s;
            }
            case "removesuffix" -> {
                return args.size() != 1 ? null : s.endsWith(args.get(0)) && !args.get(0).isEmpty()
                        ? s.substring(0, s.length() - args.get(0).length()) : s;
            }
            case "replace" -> {
                return args.size() != 2 || args.get(0).isEmpty() ? null : s.replace(args.get(0), args.get(1));
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /**
     * {@code "{}-{stage}".format(a, stage=b)}: fields replaced by the arguments' values; a field with a conversion,
     * a format spec, an attribute or an index is unknown.
     */
    private SymbolicValue format(String f, PyNode call, Scope scope) {
        List<SymbolicValue> positional = positional(call, scope);
        Map<String, SymbolicValue> keywords = keywords(call, scope);
        PyNode args = call.child("arguments");
        if (args != null) {
            for (PyNode a : args.namedChildren()) {
                if (a.is("list_splat") || a.is("dictionary_splat")) {
                    return SymbolicValue.unknown("format with unpacked arguments");
                }
            }
        }
        List<SymbolicValue> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if ((ch == '{' || ch == '}') && i + 1 < f.length() && f.charAt(i + 1) == ch) {
                lit.append(ch);
                i++;
                continue;
            }
            if (ch == '}') {
                return SymbolicValue.unknown("format");
            }
            if (ch != '{') {
                lit.append(ch);
                continue;
            }
            int close = f.indexOf('}', i);
            if (close < 0) {
                return SymbolicValue.unknown("format");
            }
            String field = f.substring(i + 1, close);
            i = close;
            parts.add(SymbolicValue.literal(lit.toString()));
            lit.setLength(0);
            SymbolicValue v;
            if (field.isEmpty()) {
                v = auto < positional.size() ? positional.get(auto) : null;
                auto++;
            } else if (field.matches("\\d{1,3}")) {
                int k = Integer.parseInt(field);
                v = k < positional.size() ? positional.get(k) : null;
            } else if (field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                v = keywords.get(field);
            } else {
                v = SymbolicValue.unknown("formatted field");
            }
            parts.add(v == null ? SymbolicValue.unknown("format argument") : v);
        }
        parts.add(SymbolicValue.literal(lit.toString()));
        return SymbolicValue.concat(parts);
    }

    /** {@code sep.join(items)} for a list the scanner knows item by item; else unknown. */
    private SymbolicValue join(SymbolicValue sep, Set<Val> items) {
        if (items.size() != 1) {
            return SymbolicValue.unknown("join of items not known");
        }
        Val v = items.iterator().next();
        if (!(v instanceof ListV || v instanceof JoinedListV || v instanceof StrListV)
                || !(symbolic(items) instanceof SymbolicValue.ListValue lv)) {
            return SymbolicValue.unknown("join of items not known");
        }
        List<SymbolicValue> parts = new ArrayList<>();
        for (int i = 0; i < lv.items().size(); i++) {
            if (i > 0) {
                parts.add(sep);
            }
            parts.add(lv.items().get(i));
        }
        return SymbolicValue.concat(parts);
    }

    PyNode dictEntry(PyNode dict, Scope scope, String key) {
        for (PyNode pair : dict.namedChildren()) {
            if (pair.is("pair")) {
                SymbolicValue k = symbolic(eval(pair.child("key"), scope));
                if (k instanceof SymbolicValue.Literal l && l.value().equals(key)) {
                    return pair.child("value");
                }
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------- names

    /**
     * The values of the name read at {@code id}. A read of a name of its own function (or of module-level code) takes
     * the bindings that reach it ({@link Flow}); a function's read of a module global takes what the module leaves
     * at its end plus what functions assign through {@code global}; a closure's read of an enclosing function's name
     * takes all of that function's bindings (the inner function may run at any time).
     */
    private Set<Val> lookupAt(PyNode id, Scope scope) {
        String name = id.text();
        if (!scope.globals.contains(name) && scope.classBody == null && scope.bindings.containsKey(name)) {
            Flow f = flow(scope);
            Flow.Use u = f.failed ? null : f.use(id);
            if (u != null) {
                return reaching(u, name, scope, f);
            }
        }
        return lookup(name, scope);
    }

    /**
     * The flows of the last {@link #FLOW_CACHE} functions read, the least recently read dropped (computed again if
     * read again: a flow is a pure function of its scope's syntax, so the same one comes back). Keeping every
     * function's flow for the whole analysis held each read's reaching bindings and each call's guards of the whole
     * project, about an eighth of the live data at the analysis's peak (a heap dump of 1,000 modules); with the last
     * 2,048 kept, about half as many flows again are computed (p5000: 172 k for 115 k scopes), at no CPU cost
     * measurable beside main's (docs/performance.md, eleventh session, "#### mem"). A module's flow is kept: every
     * function reading its globals reads its end.
     */
    static final int FLOW_CACHE = Integer.getInteger("iampreflight.flowCache", 2048);
    private final int flowCache;
    private final Map<Scope, Flow> flows = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Scope, Flow> eldest) {
            return size() > flowCache;
        }
    };
    private final Map<Scope, Flow> moduleFlows = new HashMap<>();

    private Flow flow(Scope scope) {
        Map<Scope, Flow> m = scope.function == null ? moduleFlows : flows;
        Flow f = m.get(scope);
        if (f == null) {
            f = Flow.of(index, scope);
            m.put(scope, f);
        }
        return f;
    }

    /** Whether the flow of {@code scope} ordered its bindings (a module or function, not a class body). */
    private static boolean hasFlow(Scope scope) {
        return scope.classBody == null;
    }

    /**
     * The values the reaching bindings give a read. Bindings that reach it only around a loop and depend on
     * themselves ({@code key += "/" + part}) are not enumerated per iteration: what they build is widened to the
     * values that enter the loop followed by an unknown part when each binding only appends, else to unknown.
     */
    private Set<Val> reaching(Flow.Use u, String name, Scope scope, Flow f) {
        Set<Val> out = new LinkedHashSet<>();
        for (Binding b : scope.bindings.get(name)) {
            if (!f.seen.contains(b)) {
                out.addAll(binding(b));
            }
        }
        for (Map.Entry<Binding, List<Flow.Lit>> e : u.first.entrySet()) {
            out.addAll(guardedValues(e.getKey(), e.getValue()));
        }
        boolean widen = false;
        boolean appendOnly = true;
        boolean strings = false;
        for (Map.Entry<Binding, List<Flow.Lit>> e : u.all.entrySet()) {
            if (u.first.containsKey(e.getKey())) {
                continue;
            }
            int saved = lows[lowTop];
            lows[lowTop] = Integer.MAX_VALUE;
            Set<Val> vs = guardedValues(e.getKey(), e.getValue());
            boolean cyclic = lows[lowTop] != Integer.MAX_VALUE;
            lows[lowTop] = Math.min(saved, lows[lowTop]);
            if (!cyclic) {
                out.addAll(vs);
                continue;
            }
            widen = true;
            appendOnly &= appendsTo(e.getKey(), name);
            for (Val v : vs) {
                if (v instanceof StrV) {
                    strings = true;
                } else {
                    out.add(v);
                }
            }
        }
        if (widen) {
            List<SymbolicValue> entering = new ArrayList<>();
            for (Val v : out) {
                if (v instanceof StrV sv) {
                    entering.add(sv.value());
                }
            }
            if (appendOnly) {
                for (SymbolicValue v : entering) {
                    out.add(new StrV(SymbolicValue.concat(List.of(v, SymbolicValue.unknown("appended in a loop")))));
                }
            }
            if ((!appendOnly || entering.isEmpty()) && (strings || !entering.isEmpty())) {
                out.add(new StrV(SymbolicValue.unknown("changed in a loop")));
            }
        }
        return cap(out);
    }

    /** Whether a binding of {@code name} only appends to its old value: {@code name += ...}, {@code name = name + ...}. */
    private static boolean appendsTo(Binding b, String name) {
        if (b instanceof Index.AugB a) {
            PyNode left = a.node().child("left");
            PyNode right = a.node().child("right");
            return left != null && right != null && PyNode.between(left, right).equals("+=");
        }
        if (b instanceof Index.ExprB e) {
            PyNode x = e.expr();
            while (x != null && x.is("binary_operator") && x.child("left") != null && x.child("right") != null
                    && PyNode.between(x.child("left"), x.child("right")).equals("+")) {
                x = x.child("left");
            }
            if (x != null && x.is("identifier") && x.text().equals(name)) {
                return !x.equals(e.expr());
            }
            if (x != null && x.is("string")) {
                // f"{name}/..." starts with the old value.
                for (PyNode c : x.children()) {
                    if (c.is("interpolation")) {
                        PyNode ie = c.child("expression");
                        return ie != null && ie.is("identifier") && ie.text().equals(name)
                                && c.child("format_specifier") == null && c.child("type_conversion") == null
                                && PyNode.between(x.children().get(0), c).isEmpty();
                    }
                    if (c.is("string_content") || c.is("escape_sequence")) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A binding's values on the paths its guard describes: dropped when a condition is false whatever the target
     * (a module constant), kept with the conditions that only a deploy target decides (its environment).
     */
    private Set<Val> guardedValues(Binding b, List<Flow.Lit> guard) {
        return applyGuard(binding(b), guard);
    }

    private Set<Val> applyGuard(Set<Val> vs, List<Flow.Lit> guard) {
        if (guard.isEmpty() || vs.isEmpty()) {
            return vs;
        }
        Condition when = guardCondition(guard);
        if (when == NEVER) {
            return Set.of();
        }
        if (when == null) {
            return vs;
        }
        Set<Val> out = new LinkedHashSet<>();
        for (Val v : vs) {
            out.add(v instanceof StrV sv ? new StrV(new SymbolicValue.Guarded(when, sv.value())) : v);
        }
        return out;
    }

    /**
     * Whether the test {@code cond} holds, when the code's constants or the known environment ({@link #env}) decide
     * it; empty when they do not.
     */
    java.util.Optional<Boolean> decide(PyNode cond, Scope scope) {
        Condition c = condition(cond, scope, 0);
        if (c == null) {
            return java.util.Optional.empty();
        }
        return c.isStatic() ? c.decide(Map.of()) : env == null ? java.util.Optional.empty() : c.decide(env);
    }

    /** A guard that is false whatever the target (a branch on a module constant that is not taken). */
    static final Condition NEVER = new Condition.Truthy(SymbolicValue.literal(""));

    /**
     * The condition a path's guard stands for: {@code null} when nothing on it is followed or every condition holds
     * whatever the target, {@link #NEVER} when one is false whatever the target, else the conditions only a deploy
     * target decides (its environment).
     */
    private Condition guardCondition(List<Flow.Lit> guard) {
        List<Condition> conds = new ArrayList<>();
        for (Flow.Lit l : guard) {
            Condition c = condition(l.cond(), l.scope(), 0);
            if (c == null) {
                continue;
            }
            if (!l.positive()) {
                c = c instanceof Condition.Not not ? not.c() : c instanceof Condition.Equals e
                        ? new Condition.Equals(e.left(), e.right(), !e.negated()) : new Condition.Not(c);
            }
            if (c.isStatic()) {
                if (!c.decide(Map.of()).orElse(true)) {
                    return NEVER;
                }
                continue;
            }
            java.util.Optional<Boolean> known = env == null ? java.util.Optional.empty() : c.decide(env);
            if (known.isPresent()) {
                if (!known.get()) {
                    return NEVER;
                }
                continue;
            }
            conds.add(c);
        }
        return conds.isEmpty() ? null : conds.size() == 1 ? conds.get(0) : new Condition.All(conds);
    }

    /**
     * The branch condition a call is written under within its function or module body, as {@link #guardCondition};
     * {@code null} also when the body's flow was not followed (the call then counts on every path).
     */
    Condition callGuard(PyNode call, Scope scope) {
        if (!hasFlow(scope)) {
            return null;
        }
        Flow f = flow(scope);
        List<Flow.Lit> g = f.failed ? null : f.callGuards.get(call);
        Condition c = g == null || g.isEmpty() ? null : guardCondition(g);
        // Only the environment tells targets apart: a guard on run-time data alone is no guard for them.
        return c == null || c == NEVER || c.readsEnvironment() ? c : null;
    }

    private final Map<PyNode, java.util.Optional<Condition>> conditions = new HashMap<>();

    /**
     * The condition an expression tests, when it compares strings the scanner follows (an environment variable, a
     * constant, a name assigned such a comparison); {@code null} when it tests anything else (both sides are kept).
     * A condition whose operands depend on a computation still under way is not decided (and not remembered).
     */
    private Condition condition(PyNode e, Scope scope, int depth) {
        if (e == null || depth > 4) {
            return null;
        }
        java.util.Optional<Condition> known = conditions.get(e);
        if (known != null) {
            return known.orElse(null);
        }
        int saved = lowTop >= 0 ? lows[lowTop] : 0;
        if (lowTop >= 0) {
            lows[lowTop] = Integer.MAX_VALUE;
        }
        Condition c = computeCondition(e, scope, depth);
        boolean cyclic = lowTop >= 0 && lows[lowTop] != Integer.MAX_VALUE;
        if (lowTop >= 0) {
            lows[lowTop] = Math.min(saved, lows[lowTop]);
        }
        if (cyclic) {
            return null;
        }
        conditions.put(e, java.util.Optional.ofNullable(c));
        return c;
    }

    private Condition computeCondition(PyNode e, Scope scope, int depth) {
        switch (e.type()) {
            case "parenthesized_expression" -> {
                return e.namedChildren().isEmpty() ? null : condition(e.namedChildren().get(0), scope, depth);
            }
            case "true", "false" -> {
                return new Condition.Truthy(SymbolicValue.literal(e.is("true") ? "True" : ""));
            }
            case "not_operator" -> {
                Condition c = condition(e.child("argument"), scope, depth + 1);
                return c == null ? null : new Condition.Not(c);
            }
            case "boolean_operator" -> {
                PyNode l = e.child("left");
                PyNode r = e.child("right");
                if (l == null || r == null) {
                    return null;
                }
                Condition a = orUnknown(condition(l, scope, depth + 1));
                Condition b = orUnknown(condition(r, scope, depth + 1));
                return PyNode.between(l, r).equals("and") ? new Condition.All(List.of(a, b))
                        : new Condition.Any(List.of(a, b));
            }
            case "comparison_operator" -> {
                List<PyNode> ops = e.namedChildren();
                if (ops.size() != 2) {
                    return null;
                }
                String op = PyNode.between(ops.get(0), ops.get(1)).replaceAll("\\s+", " ");
                Condition defined = defined(ops.get(0), op, ops.get(1), scope);
                if (defined != null) {
                    return defined;
                }
                SymbolicValue left = oneString(eval(ops.get(0), scope));
                if (left == null) {
                    return null;
                }
                List<SymbolicValue> right = new ArrayList<>();
                if (op.equals("in") || op.equals("not in")) {
                    PyNode coll = ops.get(1);
                    Scope collScope = scope;
                    if (!(coll.is("list") || coll.is("tuple") || coll.is("set")) && env != null) {
                        // Under a known environment, a name or attribute bound to one list literal is that list.
                        Set<Val> c = eval(coll, scope);
                        if (c.size() == 1 && c.iterator().next() instanceof ListV l) {
                            coll = l.node();
                            collScope = l.scope();
                        }
                    }
                    if (!(coll.is("list") || coll.is("tuple") || coll.is("set"))) {
                        return null;
                    }
                    for (PyNode item : coll.namedChildren()) {
                        SymbolicValue v = oneString(eval(item, collScope));
                        if (v == null) {
                            return null;
                        }
                        right.add(v);
                    }
                } else if (op.equals("==") || op.equals("!=")) {
                    SymbolicValue v = oneString(eval(ops.get(1), scope));
                    if (v == null) {
                        return null;
                    }
                    right.add(v);
                } else {
                    return null;
                }
                return new Condition.Equals(left, right, op.equals("!=") || op.equals("not in"));
            }
            case "identifier" -> {
                // is_prod = os.environ["STAGE"] == "prod"; if is_prod: ... (one binding reaching the test).
                if (hasFlow(scope) && scope.bindings.containsKey(e.text()) && !scope.globals.contains(e.text())) {
                    Flow.Use u = flow(scope).use(e);
                    if (u != null && u.all.size() == 1
                            && u.all.keySet().iterator().next() instanceof Index.ExprB x && u.all.values().iterator()
                            .next().isEmpty() && isTest(x.expr())) {
                        return condition(x.expr(), x.scope(), depth + 1);
                    }
                }
                // IS_PROD = os.environ["STAGE"] == "prod" at module level, read in a function: its one binding.
                Scope m = scope.module.scope;
                List<Binding> global = m.bindings.getOrDefault(e.text(), List.of());
                if (scope != m && !scope.bindings.containsKey(e.text()) && global.size() == 1
                        && global.get(0) instanceof Index.ExprB x && isTest(x.expr())) {
                    return condition(x.expr(), x.scope(), depth + 1);
                }
                return truthy(e, scope);
            }
            case "call" -> {
                Condition c = env == null ? null : isString(e, scope);
                return c != null ? c : truthy(e, scope);
            }
            default -> {
                return truthy(e, scope);
            }
        }
    }

    /**
     * {@code isinstance(os.environ.get('X'), str)}: whether the variable is set ({@code get} gives a string or None);
     * true of a string the scanner computed. Only under a known environment ({@link #env}), which decides it.
     */
    private Condition isString(PyNode call, Scope scope) {
        PyNode fn = call.child("function");
        PyNode args = call.child("arguments");
        if (fn == null || !fn.is("identifier") || !fn.text().equals("isinstance") || args == null
                || args.namedChildren().size() != 2 || !args.namedChildren().get(1).text().equals("str")) {
            return null;
        }
        SymbolicValue v = oneString(eval(args.namedChildren().get(0), scope));
        if (v instanceof SymbolicValue.EnvVar e && e.fallback().isEmpty()) {
            return new Condition.Defined(e.name());
        }
        return v instanceof SymbolicValue.Literal ? new Condition.Truthy(SymbolicValue.literal("True")) : null;
    }

    /**
     * {@code 'X' in os.environ} ({@code not in}), {@code os.environ.get('X') is None} ({@code is not None}, also
     * {@code os.getenv}): whether the variable is set, which a target's whole environment decides.
     */
    private Condition defined(PyNode left, String op, PyNode right, Scope scope) {
        if (op.equals("in") || op.equals("not in")) {
            Set<Val> coll = eval(right, scope);
            SymbolicValue key = oneString(eval(left, scope));
            if (coll.size() == 1 && coll.iterator().next() instanceof EnvironV
                    && key instanceof SymbolicValue.Literal l) {
                Condition d = new Condition.Defined(l.value());
                return op.equals("in") ? d : new Condition.Not(d);
            }
            return null;
        }
        if ((op.equals("is") || op.equals("is not")) && right.is("none")) {
            SymbolicValue v = oneString(eval(left, scope));
            if (v instanceof SymbolicValue.EnvVar e && e.fallback().isEmpty()) {
                Condition d = new Condition.Defined(e.name());
                return op.equals("is not") ? d : new Condition.Not(d);
            }
        }
        return null;
    }

    private static Condition orUnknown(Condition c) {
        return c != null ? c : new Condition.Truthy(SymbolicValue.unknown("a condition not followed"));
    }

    private static boolean isTest(PyNode x) {
        return x.is("comparison_operator") || x.is("boolean_operator") || x.is("not_operator")
                || x.is("parenthesized_expression") || x.is("true") || x.is("false");
    }

    /** {@code if os.environ.get("FEATURE"):}: a string from the environment tested for being non-empty. */
    private Condition truthy(PyNode e, Scope scope) {
        SymbolicValue v = oneString(eval(e, scope));
        return v instanceof SymbolicValue.EnvVar ? new Condition.Truthy(v) : null;
    }

    /** The one string an operand has (literal, environment variable, concatenation), else null. */
    private SymbolicValue oneString(Set<Val> vals) {
        if (vals.size() != 1 || !(vals.iterator().next() instanceof StrV s)) {
            return null;
        }
        SymbolicValue v = s.value();
        while (env != null && v instanceof SymbolicValue.Guarded g) {
            // Under a known environment: the one value that reaches the read was made on a path that was taken
            // (its guard held there, or the read is not reached at all), as after an `if ...: raise` not decided.
            v = g.value();
        }
        return v instanceof SymbolicValue.Literal || v instanceof SymbolicValue.EnvVar
                || v instanceof SymbolicValue.Concat ? v : null;
    }

    Set<Val> lookup(String name, Scope scope) {
        Scope s = scope;
        if (s.globals.contains(name)) {
            s = s.module.scope;
        }
        while (s != null) {
            List<Binding> bs = s.bindings.get(name);
            if (bs != null) {
                if (s.parent == null && s.classBody == null && s.function == null) {
                    return moduleGlobal(name, s, bs);
                }
                Set<Val> out = new LinkedHashSet<>();
                for (Binding b : bs) {
                    out.addAll(binding(b));
                }
                return cap(out);
            }
            if (s.parent == null) {
                for (String w : s.wildcards) {
                    Index.ModuleInfo m = index.module(w);
                    if (m != null && m.scope != s && m.scope.bindings.containsKey(name)) {
                        return lookup(name, m.scope);
                    }
                }
            }
            s = s.parent;
        }
        return builtin(name);
    }

    /**
     * A module global read from a function, a class body or another module: what the module's own code leaves at
     * its end (a function runs once the module is loaded), plus what functions assign through {@code global}.
     */
    private Set<Val> moduleGlobal(String name, Scope module, List<Binding> bs) {
        Flow f = flow(module);
        Set<Val> out = new LinkedHashSet<>();
        if (f.failed || !f.endReached) {
            for (Binding b : bs) {
                out.addAll(binding(b));
            }
            return cap(out);
        }
        for (Binding b : bs) {
            if (!f.seen.contains(b)) {
                out.addAll(binding(b));
            }
        }
        for (Map.Entry<Binding, List<Flow.Lit>> e : f.end.getOrDefault(name, Map.of()).entrySet()) {
            out.addAll(guardedValues(e.getKey(), e.getValue()));
        }
        return cap(out);
    }

    private static Set<Val> builtin(String name) {
        return Set.of();
    }

    private Set<Val> binding(Binding b) {
        return guarded(b, () -> computeBinding(b));
    }

    private Set<Val> computeBinding(Binding b) {
        if (b instanceof Index.ExprB e) {
            return eval(e.expr(), e.scope());
        }
        if (b instanceof Index.IterB it) {
            Set<Val> pinned = pins.get(it.iterable());
            return pinned != null ? pinned : iterate(eval(it.iterable(), it.scope()));
        }
        if (b instanceof Index.UnpackB u) {
            Set<Val> out = new LinkedHashSet<>();
            for (Val v : eval(u.expr(), u.scope())) {
                if (v instanceof ListV l) {
                    List<PyNode> items = l.node().namedChildren();
                    if (u.index() < items.size()) {
                        out.addAll(eval(items.get(u.index()), l.scope()));
                    }
                }
            }
            return cap(out);
        }
        if (b instanceof Index.AugB a) {
            PyNode left = a.node().child("left");
            PyNode right = a.node().child("right");
            if (left == null || right == null) {
                return Set.of();
            }
            Set<Val> old = eval(left, a.scope());
            if (PyNode.between(left, right).equals("+=")) {
                return plus(old, eval(right, a.scope()));
            }
            // Other operators: a string becomes unknown; a dict or list is the same object, changed in place.
            return isString(old) ? Set.of(new StrV(SymbolicValue.unknown("changed by an operator"))) : old;
        }
        if (b instanceof Index.ParamB p) {
            return param(p.f(), p.p());
        }
        if (b instanceof Index.ImportB im) {
            return importValue(im.module(), im.attr());
        }
        if (b instanceof Index.DefB d) {
            return decorated(d.f());
        }
        if (b instanceof Index.ClassB c) {
            return Set.of(new ClassV(c.c()));
        }
        return Set.of();
    }

    private record DecoratedKey(FunctionInfo f) {
    }

    /**
     * What a decorated module-level function's name is bound to: a project decorator that returns a function it
     * defines ({@code def staged(fn): def wrapper(...): ...; return wrapper}) replaces it by that wrapper, so calls of
     * the name run the wrapper (which calls the original through its parameter). Any other decorator (a library's,
     * one that returns its argument) leaves the function itself.
     */
    private Set<Val> decorated(FunctionInfo f) {
        if (f.decorators.isEmpty() || f.owner != null) {
            return Set.of(new FuncV(f));
        }
        return guarded(new DecoratedKey(f), () -> {
            Set<Val> cur = Set.of(new FuncV(f));
            for (int i = f.decorators.size() - 1; i >= 0; i--) {
                Set<Val> next = new LinkedHashSet<>();
                for (Val dv : eval(f.decorators.get(i), f.scope.parent)) {
                    if (dv instanceof FuncV df) {
                        for (Val r : returns(df.f())) {
                            if (r instanceof FuncV w && w.f().scope.parent == df.f().scope) {
                                next.add(r);
                            }
                        }
                    }
                }
                if (!next.isEmpty()) {
                    cur = next;
                }
            }
            return cur;
        });
    }

    Set<Val> iterate(Set<Val> iterable) {
        Set<Val> out = new LinkedHashSet<>();
        for (Val v : iterable) {
            if (v instanceof ListV l) {
                for (PyNode item : l.node().namedChildren()) {
                    out.addAll(eval(item, l.scope()));
                }
            } else if (v instanceof CompV c) {
                out.addAll(eval(c.body(), c.scope()));
            } else if (v instanceof StrListV l) {
                l.items().forEach(i -> out.add(new StrV(i)));
            } else if (v instanceof LibV lib) {
                out.add(lib);
            } else if (v instanceof JoinedListV j) {
                for (Set<Val> part : j.parts()) {
                    out.addAll(iterate(part));
                }
            } else if (v instanceof CollV c) {
                models.collection(c.service(), c.parentType(), c.collection()).ifPresent(coll -> coll.resource()
                        .ifPresent(ref -> out.add(new ResV(c.service(), ref.type(),
                                identifiers(c.service(), ref, c.parentIds(), List.of(), Map.of()), c.creds(),
                                coll.withData()))));
            } else if (v instanceof DictV d) {
                for (PyNode pair : d.node().namedChildren()) {
                    if (pair.is("pair")) {
                        out.addAll(eval(pair.child("key"), d.scope()));
                    }
                }
            }
        }
        return cap(out);
    }

    private Set<Val> importValue(String module, String attr) {
        if (attr == null) {
            Index.ModuleInfo m = index.module(module);
            return Set.of(new ModuleV(m != null ? m.file.module() : module));
        }
        Index.ModuleInfo m = index.module(module);
        if (m != null) {
            if (m.scope.bindings.containsKey(attr)) {
                return lookup(attr, m.scope);
            }
            Index.ModuleInfo sub = index.module(m.file.module().isEmpty() ? attr : m.file.module() + "." + attr);
            if (sub != null) {
                return Set.of(new ModuleV(sub.file.module()));
            }
            return Set.of();
        }
        Index.ModuleInfo sub = index.module(module + "." + attr);
        if (sub != null) {
            return Set.of(new ModuleV(sub.file.module()));
        }
        return external(module, attr);
    }

    private static Set<Val> external(String module, String attr) {
        String q = module + "." + attr;
        if (q.equals("os.environ")) {
            return Set.of(new EnvironV());
        }
        if (EXTERNAL_MODULES.contains(q)) {
            return Set.of(new ModuleV(q));
        }
        if (EXTERNAL_MODULES.contains(module)) {
            return Set.of(new ExtFnV(q));
        }
        // Another library: remember the name so declared wrappers can match it.
        return Set.of(new ExtFnV(q));
    }

    // ------------------------------------------------------------------------------------------------- parameters

    private Set<Val> param(FunctionInfo f, Index.Param p) {
        Set<Val> out = new LinkedHashSet<>();
        if (p.index() == 0 && f.takesSelf() && !p.star()) {
            if (f.hasDecorator("classmethod")) {
                out.add(new ClassV(f.owner));
            } else {
                out.add(new InstV(f.owner));
                for (ClassInfo sub : subclasses(f.owner)) {
                    out.add(new InstV(sub));
                }
            }
            return out;
        }
        if (p.star()) {
            return out;
        }
        if (p.defaultValue() != null) {
            out.addAll(eval(p.defaultValue(), f.scope.parent));
        }
        if (p.index() == 0 && f.owner == null) {
            chaliceS3Event(f, out);
        }
        if (f.owner == null && index.usedAsValue(f.name)) {
            contextRunArguments(f, p, out);
        }
        List<Callers<Index.CallSite>> lists = new ArrayList<>();
        String siteName = f.name.equals("__init__") && f.owner != null ? f.owner.name : f.name;
        lists.add(callsNamed.of(siteName));
        List<ClassInfo> constructed = List.of();
        if (f.name.equals("__init__") && f.owner != null) {
            for (ClassInfo sub : subclasses(f.owner)) {
                lists.add(callsNamed.of(sub.name));
            }
            lists.add(callsNamed.of("__init__"));
            constructed = new ArrayList<>();
            constructed.add(f.owner);
            constructed.addAll(subclasses(f.owner));
        }
        if (passedAround(f, constructed)) {
            lists.add(dynamicCallers);
        }
        if (f.owner == null && f.scope.parent != null && f.scope.parent.function != null) {
            // A decorator's wrapper is called by the name of each function it decorates.
            wrappedBy.forEach(f, List.of(), (d, vs) -> {
                if (d.function().owner == null && vs.contains(new FuncV(f))) {
                    lists.add(callsNamed.of(d.function().name));
                }
            });
        }
        for (Callers<Index.CallSite> list : lists) {
            list.forEach(f, constructed, (site, callees) -> {
                for (Val callee : callees) {
                    int offset = -1;
                    if (callee instanceof FuncV fv && fv.f() == f) {
                        // A method called on the class (Base.__init__(self, x)) passes self explicitly.
                        offset = 0;
                    } else if (callee instanceof BoundV bv && bv.f() == f) {
                        offset = 1;
                    } else if (callee instanceof ClassV cv && f.name.equals("__init__") && init(cv.c()) == f) {
                        offset = 1;
                    }
                    if (offset >= 0) {
                        PyNode arg = argument(site.call(), p.index() - offset, p.name());
                        if (arg != null) {
                            out.addAll(eval(arg, site.scope()));
                        }
                    }
                }
            });
        }
        // Decorators receive the function they decorate as their first argument.
        if (p.index() == 0) {
            decorators.forEach(f, List.of(), (d, vs) -> {
                for (Val v : vs) {
                    if (v instanceof FuncV fv && fv.f() == f) {
                        out.add(new FuncV(d.function()));
                    }
                }
            });
        }
        return cap(out);
    }

    /**
     * The event of a function that a Chalice app or blueprint subscribes to a bucket
     * ({@code @app.on_s3_event(bucket=B)}): chalice configures that bucket's notifications to invoke the function, so
     * the event's {@code bucket} is B (chalice docs, API reference: {@code Chalice.on_s3_event} and {@code S3Event}).
     */
    private void chaliceS3Event(FunctionInfo f, Set<Val> out) {
        for (PyNode d : f.decorators) {
            PyNode fn = d.is("call") ? d.child("function") : null;
            PyNode attr = fn != null && fn.is("attribute") ? fn.child("attribute") : null;
            if (attr == null || !attr.text().equals("on_s3_event")) {
                continue;
            }
            boolean chalice = false;
            for (Val v : eval(fn.child("object"), f.scope.parent)) {
                chalice |= v instanceof ExtFnV e && CHALICE_APPS.contains(e.qname());
            }
            PyNode bucket = argument(d, 0, "bucket");
            if (chalice && bucket != null) {
                out.add(new ChaliceS3EventV(symbolic(eval(bucket, f.scope.parent))));
            }
        }
    }

    /**
     * What {@code var.get(default)} may give: the value of any {@code var.set(value)} in the project (a context
     * variable is set in one place and read in another, typically per request: tenant credentials, a request id),
     * the variable's {@code default=}, and the default passed to this {@code get}. Which set ran first is not followed.
     */
    private void contextVarValues(ContextVarV cv, PyNode get, Scope scope, Set<Val> out) {
        for (Index.CallSite site : index.callsByName.getOrDefault("set", List.of())) {
            for (Val callee : eval(site.call().child("function"), site.scope())) {
                if (callee instanceof MethodV mv && mv.receiver().equals(cv)) {
                    out.addAll(eval(argument(site.call(), 0, "value"), site.scope()));
                }
            }
        }
        out.addAll(eval(argument(cv.creation(), -1, "default"), cv.scope()));
        out.addAll(eval(argument(get, 0, "default"), scope));
    }

    /**
     * The values {@code Context.run(callable, *args)} passes to parameter {@code p} of {@code f} (contextvars: it
     * calls {@code callable(*args)} in that context), for runs whose callable may be {@code f}.
     */
    private void contextRunArguments(FunctionInfo f, Index.Param p, Set<Val> out) {
        for (Index.CallSite site : index.callsByName.getOrDefault("run", List.of())) {
            boolean contextRun = false;
            for (Val callee : eval(site.call().child("function"), site.scope())) {
                contextRun |= callee instanceof ExtFnV e && CONTEXT_RUNS.contains(e.qname());
            }
            if (!contextRun || !eval(argument(site.call(), 0, null), site.scope()).contains(new FuncV(f))) {
                continue;
            }
            PyNode arg = argument(site.call(), p.index() + 1, null);
            if (arg != null) {
                out.addAll(eval(arg, site.scope()));
            }
        }
    }

    private static final Set<String> CONTEXT_RUNS = Set.of("contextvars.copy_context().run",
            "contextvars.Context().run");

    /** What {@code Chalice(...)} and {@code Blueprint(...)} evaluate to (see {@link #call}). */
    private static final Set<String> CHALICE_APPS = Set.of("chalice.Chalice()", "chalice.app.Chalice()",
            "chalice.Blueprint()", "chalice.app.Blueprint()");

    /** The callers of functions, resolved once per call site (see {@link Callers}): by the name called, ... */
    private final Callers.ByKey<String, Index.CallSite> callsNamed;
    /** ... calls whose callee is a parameter, ... */
    private final Callers<Index.CallSite> dynamicCallers;
    /** ... decorators (which receive the function they decorate), ... */
    private final Callers<Index.Decoration> decorators;
    /** ... and what a decorated function's name is bound to (a wrapper is called by that name). */
    private final Callers<Index.Decoration> wrappedBy;

    /**
     * Whether a call through a parameter ({@code fn(...)} in a decorator or a retry helper) may reach {@code f}: only
     * when {@code f} (or, for a constructor, one of its classes) is passed around as a value somewhere, is decorated
     * (its decorator receives it) or is nested (a decorator's wrapper), or when a class method's {@code cls} may
     * construct it. Otherwise those calls cannot give its parameters values, and looking at them anyway made every
     * parameter depend on every such call: one cycle through the whole project, recomputed per call site.
     */
    private boolean passedAround(FunctionInfo f, List<ClassInfo> constructed) {
        if (decoratedFunctions == null) {
            decoratedFunctions = new java.util.HashSet<>();
            for (Index.Decoration d : index.decorations) {
                decoratedFunctions.add(d.function());
            }
        }
        if (index.usedAsValue(f.name) || decoratedFunctions.contains(f)
                || (f.scope.parent != null && f.scope.parent.function != null)) {
            return true;
        }
        for (ClassInfo c : constructed) {
            if (index.usedAsValue(c.name)) {
                return true;
            }
            for (FunctionInfo m : c.methods.values()) {
                if (m.hasDecorator("classmethod")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<FunctionInfo> decoratedFunctions;

    /** Whether the value of {@code key} is final: memoised, not dependent on a computation still under way. */
    private boolean isFinal(Object key) {
        return key == null || memo.containsKey(key);
    }

    private List<ClassInfo> subclasses(ClassInfo c) {
        if (subclasses == null) {
            subclasses = new HashMap<>();
            for (ClassInfo other : index.classes) {
                for (ClassInfo base : bases(other)) {
                    subclasses.computeIfAbsent(base, k -> new ArrayList<>()).add(other);
                }
            }
        }
        return subclasses.getOrDefault(c, List.of());
    }

    private Map<ClassInfo, List<ClassInfo>> subclasses;

    /** The project classes a class derives from, transitively. */
    private Set<ClassInfo> bases(ClassInfo c) {
        // get/put, not computeIfAbsent: collecting the bases evaluates code, which may ask for other classes' bases
        // (a HashMap must not be changed inside its own computeIfAbsent).
        Set<ClassInfo> known = basesOf.get(c);
        if (known != null) {
            return known;
        }
        Set<ClassInfo> out = new LinkedHashSet<>();
        collectBases(c, out);
        out.remove(c);
        basesOf.put(c, out);
        return out;
    }

    private final Map<ClassInfo, Set<ClassInfo>> basesOf = new HashMap<>();

    /** The modelled library class a project class subclasses, directly or through project classes. */
    java.util.Optional<String> libraryBase(ClassInfo c) {
        // get/put, not computeIfAbsent: evaluating the bases may ask for another class's library base. A class whose
        // answer is being computed answers "none" to a cycle back to it.
        java.util.Optional<String> known = libraryBaseOf.get(c);
        if (known != null) {
            return known;
        }
        libraryBaseOf.put(c, java.util.Optional.empty());
        java.util.Optional<String> found = java.util.Optional.empty();
        Set<ClassInfo> chain = new LinkedHashSet<>(bases(c));
        chain.add(c);
        search:
        for (ClassInfo x : chain) {
            for (PyNode b : x.bases) {
                for (Val v : eval(b, x.definingScope)) {
                    if (v instanceof ExtFnV ext && libraries.type(ext.qname()).filter(
                            LibraryModels.Type::subclassed).isPresent()) {
                        found = java.util.Optional.of(libraries.type(ext.qname()).get().name());
                        break search;
                    }
                }
            }
        }
        libraryBaseOf.put(c, found);
        return found;
    }

    private final Map<ClassInfo, java.util.Optional<String>> libraryBaseOf = new HashMap<>();

    private void collectBases(ClassInfo c, Set<ClassInfo> out) {
        if (!out.add(c)) {
            return;
        }
        for (PyNode b : c.bases) {
            for (Val v : eval(b, c.definingScope)) {
                if (v instanceof ClassV cv) {
                    collectBases(cv.c(), out);
                }
            }
        }
    }

    private FunctionInfo init(ClassInfo c) {
        FunctionInfo f = c.methods.get("__init__");
        if (f != null) {
            return f;
        }
        for (ClassInfo b : bases(c)) {
            if (b.methods.containsKey("__init__")) {
                return b.methods.get("__init__");
            }
        }
        return null;
    }

    /** The argument node for a parameter: positional {@code index} or keyword {@code name}. */
    static PyNode argument(PyNode call, int index, String name) {
        PyNode args = call.child("arguments");
        if (args == null) {
            return null;
        }
        int pos = 0;
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument")) {
                PyNode n = a.child("name");
                if (n != null && n.text().equals(name)) {
                    return a.child("value");
                }
            } else if (a.is("list_splat") || a.is("dictionary_splat")) {
                pos = Integer.MIN_VALUE / 2;
            } else {
                if (pos == index && index >= 0) {
                    return a;
                }
                pos++;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------- attributes

    Set<Val> attribute(Set<Val> objects, String attr) {
        Set<Val> out = new LinkedHashSet<>();
        for (Val o : objects) {
            attributeOf(o, attr, out);
        }
        return cap(out);
    }

    private void attributeOf(Val o, String attr, Set<Val> out) {
        if (o instanceof ModuleV m) {
            Index.ModuleInfo mi = index.module(m.name());
            if (mi != null) {
                out.addAll(importValue(mi.file.module(), attr));
            } else {
                out.addAll(external(m.name(), attr));
            }
        } else if (o instanceof ClientV || o instanceof SessionV || o instanceof BotocoreSessionV
                || o instanceof PaginatorV || o instanceof WaiterV || o instanceof BatchWriterV || o instanceof StrV) {
            if (attr.equals("meta") && o instanceof ClientV) {
                return;
            }
            out.add(new MethodV(o, attr));
        } else if (o instanceof ExtFnV ext) {
            // A name from another library used as a namespace (parameters.get_parameters): keep the dotted name so
            // declared wrappers can match it.
            out.add(new ExtFnV(ext.qname() + "." + attr));
        } else if (o instanceof CredsV) {
            // creds.access_key, creds.token, creds.get_frozen_credentials(): parts of the same credentials.
            out.add(o);
        } else if (o instanceof EnvironV || o instanceof LibV || o instanceof ContextVarV) {
            out.add(new MethodV(o, attr));
        } else if (o instanceof MetaV meta) {
            if (attr.equals("client")) {
                out.add(new ClientV(meta.service(), null, meta.creds()));
            }
        } else if (o instanceof ResV r) {
            resourceAttribute(r, attr, out);
        } else if (o instanceof CollV c) {
            out.add(new MethodV(c, attr));
        } else if (o instanceof InstV inst) {
            int before = out.size();
            instanceAttribute(inst.c(), attr, out);
            if (out.size() == before) {
                libraryBase(inst.c()).ifPresent(t -> out.add(new MethodV(new LibV(t, inst.c(), false, Map.of()), attr)));
            }
        } else if (o instanceof ClassV cv) {
            if (!classAttribute(cv.c(), attr, out, false)) {
                libraryBase(cv.c()).ifPresent(t -> out.add(new MethodV(new LibV(t, cv.c(), true, Map.of()), attr)));
            }
        } else if (o instanceof DictV || o instanceof ListV) {
            out.add(new MethodV(o, attr));
        } else if (o instanceof ChaliceS3EventV e && attr.equals("bucket")) {
            out.add(new StrV(e.bucket()));
        }
    }

    private void resourceAttribute(ResV r, String attr, Set<Val> out) {
        if (attr.equals("meta")) {
            out.add(new MetaV(r.service(), r.creds()));
            return;
        }
        var has = models.has(r.service(), r.type(), attr);
        if (has.isPresent()) {
            out.add(new ResCtorV(r.service(), has.get(), r.ids(), r.creds()));
            return;
        }
        if (models.collection(r.service(), r.type(), attr).isPresent()) {
            out.add(new CollV(r.service(), r.type(), r.ids(), attr, r.creds()));
            return;
        }
        if (r.type() != null) {
            for (Map.Entry<String, SymbolicValue> id : r.ids().entrySet()) {
                if (Boto3Models.snake(id.getKey()).equals(attr)) {
                    out.add(new StrV(id.getValue()));
                    return;
                }
            }
        }
        out.add(new MethodV(r, attr));
    }

    private void instanceAttribute(ClassInfo c, String attr, Set<Val> out) {
        Set<ClassInfo> chain = new LinkedHashSet<>();
        chain.add(c);
        chain.addAll(bases(c));
        for (ClassInfo k : chain) {
            List<Binding> bs = k.selfAttrs.get(attr);
            if (bs != null) {
                for (Binding b : bs) {
                    out.addAll(binding(b));
                }
            }
        }
        if (c.isDataclass() && c.fields().contains(attr) && !dataclassField(c, attr, out)) {
            return;
        }
        for (ClassInfo k : chain) {
            if (classAttribute(k, attr, out, true)) {
                return;
            }
        }
    }

    /**
     * A dataclass field set by the constructor: the arguments given for it where the class is called. Returns whether
     * the class-body default may apply too (some call omits the field, or no call is seen).
     */
    private boolean dataclassField(ClassInfo c, String attr, Set<Val> out) {
        int position = c.fields().indexOf(attr);
        boolean omitted = false;
        boolean any = false;
        for (Index.CallSite site : index.callsByName.getOrDefault(c.name, List.of())) {
            boolean constructs = false;
            for (Val v : eval(site.call().child("function"), site.scope())) {
                constructs |= v instanceof ClassV cv && cv.c() == c;
            }
            if (!constructs) {
                continue;
            }
            any = true;
            PyNode arg = argument(site.call(), position, attr);
            if (arg != null) {
                out.addAll(eval(arg, site.scope()));
            } else {
                omitted = true;
            }
        }
        return omitted || !any;
    }

    /** Class-body attributes and methods; through an instance, methods are bound and properties are read. */
    private boolean classAttribute(ClassInfo c, String attr, Set<Val> out, boolean viaInstance) {
        FunctionInfo m = c.methods.get(attr);
        if (m != null) {
            if (viaInstance && (m.hasDecorator("property") || m.hasDecorator("cached_property"))) {
                out.addAll(returns(m));
            } else if (viaInstance && m.takesSelf()) {
                out.add(new BoundV(m));
            } else {
                out.add(new FuncV(m));
            }
            return true;
        }
        List<Binding> bs = c.bodyScope.bindings.get(attr);
        if (bs != null) {
            for (Binding b : bs) {
                if (!notTaken(b, c)) {
                    out.addAll(binding(b));
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether a class-body binding sits in the body of an {@code if} that the known environment ({@link #env})
     * decides false (class bodies have no flow of their own; under an environment their branches are decided).
     */
    private boolean notTaken(Binding b, ClassInfo c) {
        if (env == null) {
            return false;
        }
        PyNode at = b instanceof Index.ExprB e ? e.expr() : b instanceof Index.AugB a ? a.node() : null;
        for (PyNode x = at; x != null && x.parent() != null && !x.is("class_definition"); x = x.parent()) {
            PyNode p = x.parent();
            if (p.is("block") && p.parent() != null && p.parent().is("if_statement")
                    && p.equals(p.parent().child("consequence"))) {
                Condition cond = condition(p.parent().child("condition"), c.bodyScope, 0);
                if (cond != null && !cond.decide(env).orElse(true)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------ calls

    Set<Val> returns(FunctionInfo f) {
        return guarded(f, () -> {
            Set<Val> out = new LinkedHashSet<>();
            for (PyNode r : f.returns) {
                out.addAll(eval(r, f.scope));
            }
            return cap(out);
        });
    }

    private Set<Val> call(PyNode n, Scope scope) {
        PyNode fnNode = n.child("function");
        if (fnNode != null && fnNode.is("identifier") && fnNode.text().equals("super")
                && lookup("super", scope).isEmpty()) {
            // super() in a method: the base classes' attributes, bound to the instance.
            Set<Val> out = new LinkedHashSet<>();
            for (Scope s = scope; s != null; s = s.parent) {
                if (s.function != null && s.function.owner != null) {
                    for (ClassInfo base : bases(s.function.owner)) {
                        out.add(new InstV(base));
                    }
                    ClassInfo owner = s.function.owner;
                    boolean isClass = s.function.hasDecorator("classmethod");
                    libraryBase(owner).ifPresent(t -> out.add(new LibV(t, owner, isClass, Map.of())));
                    break;
                }
            }
            return out;
        }
        Set<Val> callees = eval(fnNode, scope);
        if (callees.isEmpty() && fnNode != null && fnNode.is("identifier") && fnNode.text().equals("str")) {
            // The builtin str() of a string is the string.
            Set<Val> arg = eval(argument(n, 0, "object"), scope);
            return !arg.isEmpty() && arg.stream().allMatch(v -> v instanceof StrV) ? arg
                    : Set.of(new StrV(SymbolicValue.unknown("str() of a value")));
        }
        Set<Val> out = new LinkedHashSet<>();
        for (Val c : callees) {
            if (c instanceof FuncV f) {
                out.addAll(returns(f.f()));
            } else if (c instanceof BoundV b) {
                out.addAll(returns(b.f()));
            } else if (c instanceof ClassV cv) {
                out.add(new InstV(cv.c()));
            } else if (c instanceof ExtFnV ext) {
                int before = out.size();
                external(ext.qname(), n, scope, out);
                libraries.type(ext.qname()).filter(t -> !t.subclassed()).ifPresent(t -> out.add(new LibV(t.name(),
                        null, false, LibraryCalls.constructed(this, t, n, scope))));
                if (out.size() == before) {
                    // What another library's function returns: named after the call so declared wrappers can match
                    // methods of the objects it returns (chalice.Chalice().websocket_api.send).
                    out.add(new ExtFnV(ext.qname() + "()"));
                }
            } else if (c instanceof CredsV) {
                out.add(c);
            } else if (c instanceof MethodV m) {
                method(m, n, scope, out);
            } else if (c instanceof ResCtorV ctor) {
                out.add(new ResV(ctor.service(), ctor.ref().type(),
                        identifiers(ctor.service(), ctor.ref(), ctor.parentIds(), positional(n, scope), keywords(n, scope)),
                        ctor.creds()));
            }
        }
        return cap(out);
    }

    private void external(String q, PyNode n, Scope scope, Set<Val> out) {
        switch (q) {
            case "contextvars.ContextVar" -> out.add(new ContextVarV(n, scope));
            case "boto3.client", "boto3.session.Session.client" -> services(n, scope, "service_name")
                    .forEach(s -> out.add(new ClientV(s, endpoint(n, scope), credentials(n, scope, Credentials.DEFAULT))));
            case "boto3.resource" -> services(n, scope, "service_name")
                    .forEach(s -> out.add(new ResV(s, null, Map.of(), credentials(n, scope, Credentials.DEFAULT))));
            // aioboto3/aiobotocore mirror boto3/botocore (their clients are async context managers).
            case "boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session" ->
                    out.add(new SessionV(credentials(n, scope, Credentials.DEFAULT)));
            case "botocore.session.get_session", "botocore.session.Session", "aiobotocore.session.get_session",
                 "aiobotocore.session.AioSession" -> out.add(new BotocoreSessionV());
            case "os.getenv", "os.environ.get" -> out.add(new StrV(env(n, scope)));
            // python-decouple: config("X", default=...) is the environment variable X when it is set; otherwise a
            // .env or settings.ini found at run time, then the default, so the fallback is unknown here
            // (decouple.py Config.get). With a cast the value is no longer the string.
            case "decouple.config", "decouple.AutoConfig.__call__" -> {
                if (argument(n, 2, "cast") == null) {
                    SymbolicValue name = symbolic(eval(argument(n, 0, "option"), scope));
                    out.add(new StrV(name instanceof SymbolicValue.Literal l ? new SymbolicValue.EnvVar(l.value(),
                            java.util.Optional.of(SymbolicValue.unknown("python-decouple falls back to .env or "
                                    + "settings.ini, then its default")))
                            : SymbolicValue.unknown("environment variable with a computed name")));
                }
            }
            default -> {
            }
        }
    }

    private SymbolicValue env(PyNode n, Scope scope) {
        SymbolicValue name = symbolic(eval(argument(n, 0, "key"), scope));
        PyNode dflt = argument(n, 1, "default");
        if (name instanceof SymbolicValue.Literal l) {
            return envValue(new SymbolicValue.EnvVar(l.value(),
                    dflt == null ? java.util.Optional.empty() : java.util.Optional.of(symbolic(eval(dflt, scope)))));
        }
        return SymbolicValue.unknown("environment variable with a computed name");
    }

    /**
     * A variable read under a known environment ({@link #env}): its value when set, its default when known to be
     * absent; otherwise (no environment, no default, or not known) the variable itself.
     */
    private SymbolicValue envValue(SymbolicValue.EnvVar v) {
        if (env == null) {
            return v;
        }
        String value = env.get(v.name());
        if (value != null && !v.name().equals(dev.iampreflight.core.RuntimeEnvironment.COMPLETE)) {
            return SymbolicValue.literal(value);
        }
        if (v.fallback().isPresent() && dev.iampreflight.core.RuntimeEnvironment.absent(env, v.name())) {
            return v.fallback().get();
        }
        return v;
    }

    /**
     * STS and Cognito operations whose response holds credentials of another principal, with the kind they are
     * (STS API reference: AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML; Cognito identity
     * GetCredentialsForIdentity).
     */
    private static final Map<String, Credentials.Kind> STS_CREDENTIALS = Map.of(
            "sts.assume_role", Credentials.Kind.ASSUMED_ROLE,
            "sts.assume_role_with_web_identity", Credentials.Kind.FEDERATED_ROLE,
            "sts.assume_role_with_saml", Credentials.Kind.FEDERATED_ROLE,
            "cognito-identity.get_credentials_for_identity", Credentials.Kind.COGNITO);

    /** The credentials an STS/Cognito call returns: the role it names, and the session features it uses. */
    private Credentials assumed(String op, PyNode call, Scope scope) {
        Map<String, SymbolicValue> kw = keywords(call, scope);
        Credentials.Kind kind = STS_CREDENTIALS.get(op);
        SymbolicValue role = kw.getOrDefault("RoleArn", SymbolicValue.unknown("role"));
        Set<String> extras = new LinkedHashSet<>();
        for (String feature : List.of("Tags", "TransitiveTagKeys", "SourceIdentity")) {
            if (kw.containsKey(feature)) {
                extras.add(feature);
            }
        }
        Map<String, SymbolicValue> session = new java.util.LinkedHashMap<>();
        for (String p : List.of("Policy", "PolicyArns")) {
            if (kw.containsKey(p)) {
                session.put(p, kw.get(p));
            }
        }
        return new Credentials(kind, kind == Credentials.Kind.COGNITO ? null : role, location(call), extras, session);
    }

    private static dev.iampreflight.core.SourceLocation location(PyNode n) {
        return new dev.iampreflight.core.SourceLocation(n.file().path(), n.line(), n.column());
    }

    /**
     * The credentials a client, resource or session factory call gives: those passed as {@code aws_access_key_id}
     * (assumed-role credentials when they come from {@code assume_role}, else explicit keys), a named profile, a
     * local {@code endpoint_url}, or {@code inherited} (the session's, or the default chain). Keys or profiles that
     * are {@code None} mean "not given" to boto3; values read from the environment are decided per target
     * ({@link Credentials#resolve}).
     */
    private Credentials credentials(PyNode call, Scope scope, Credentials inherited) {
        Credentials out = inherited;
        ArgNode key = keywordOrSplat(call, scope, "aws_access_key_id");
        if (key != null && !key.node().is("none")) {
            Set<Val> vals = eval(key.node(), key.scope());
            Credentials assumed = null;
            for (Val v : vals) {
                if (v instanceof CredsV c) {
                    assumed = c.creds();
                    break;
                }
            }
            out = assumed != null ? assumed
                    : Credentials.of(Credentials.Kind.KEYS, vals.isEmpty() ? SymbolicValue.unknown("keys")
                    : symbolic(vals), location(call));
        }
        ArgNode profile = keywordOrSplat(call, scope, "profile_name");
        if (profile != null && out.isDefault()) {
            Set<Val> vals = eval(profile.node(), profile.scope());
            if (!vals.isEmpty()) {
                out = Credentials.of(Credentials.Kind.PROFILE, symbolic(vals), location(call));
            }
        }
        ArgNode endpoint = keywordOrSplat(call, scope, "endpoint_url");
        if (endpoint != null && out.isDefault()) {
            Set<Val> vals = eval(endpoint.node(), endpoint.scope());
            if (!vals.isEmpty()) {
                // Whether it is local is decided per target, once environment variables are known.
                out = Credentials.of(Credentials.Kind.LOCAL_ENDPOINT, symbolic(vals), location(call));
            }
        }
        return out;
    }

    private record ArgNode(PyNode node, Scope scope) {
    }

    /** A keyword argument's value node, also from a {@code **{...}} dict literal splatted into the call. */
    private ArgNode keywordOrSplat(PyNode call, Scope scope, String name) {
        PyNode direct = argument(call, -1, name);
        if (direct != null) {
            return new ArgNode(direct, scope);
        }
        PyNode args = call.child("arguments");
        if (args == null) {
            return null;
        }
        for (PyNode a : args.namedChildren()) {
            if (a.is("dictionary_splat") && !a.namedChildren().isEmpty()) {
                for (Val v : eval(a.namedChildren().get(0), scope)) {
                    if (v instanceof DictV d) {
                        PyNode e = dictEntry(d.node(), d.scope(), name);
                        if (e != null) {
                            return new ArgNode(e, d.scope());
                        }
                    }
                }
            }
        }
        return null;
    }

    private SymbolicValue endpoint(PyNode call, Scope scope) {
        PyNode e = argument(call, -1, "endpoint_url");
        return e == null ? null : symbolic(eval(e, scope));
    }

    /** The literal service names a client/resource factory call may create. */
    private List<String> services(PyNode n, Scope scope, String keyword) {
        List<String> out = new ArrayList<>();
        for (Val v : eval(argument(n, 0, keyword), scope)) {
            if (v instanceof StrV s && s.value() instanceof SymbolicValue.Literal l) {
                out.add(l.value());
            }
        }
        return out;
    }

    private void method(MethodV m, PyNode n, Scope scope, Set<Val> out) {
        Val r = m.receiver();
        String name = m.name();
        if (r instanceof ContextVarV cv) {
            if (name.equals("get")) {
                contextVarValues(cv, n, scope, out);
            }
        } else if (r instanceof LibV lib) {
            // What a modelled method returns: an object of the same class (PynamoDB Model.get) or the receiver.
            libraries.type(lib.type()).map(t -> t.methods().get(name)).ifPresent(e -> {
                if (e.returns().equals("instance")) {
                    out.add(new LibV(lib.type(), lib.cls(), false, lib.ids()));
                } else if (e.returns().equals("self")) {
                    out.add(lib);
                } else if (e.returns().equals("holder") && lib.cls() != null) {
                    LibraryCalls.holders(this, lib.cls()).forEach(h -> libraryBase(h).ifPresent(t ->
                            out.add(new LibV(t, h, false, Map.of()))));
                }
            });
        } else if (r instanceof ClientV c) {
            if (name.equals("get_paginator")) {
                for (Val v : eval(argument(n, 0, "operation_name"), scope)) {
                    if (v instanceof StrV s && s.value() instanceof SymbolicValue.Literal l) {
                        out.add(new PaginatorV(c.service(), l.value(), c.creds()));
                    }
                }
            } else if (c.service().equals("sqs") && name.equals("get_queue_url")) {
                out.add(new KnownDictV(Map.of("QueueUrl", queueUrl(keywords(n, scope).get("QueueName")))));
            } else if (STS_CREDENTIALS.containsKey(c.service() + "." + name)) {
                out.add(new CredsV(assumed(c.service() + "." + name, n, scope)));
            } else if (name.equals("get_waiter")) {
                for (Val v : eval(argument(n, 0, "waiter_name"), scope)) {
                    if (v instanceof StrV s && s.value() instanceof SymbolicValue.Literal l) {
                        out.add(new WaiterV(c.service(), l.value(), c.creds()));
                    }
                }
            }
        } else if ((r instanceof SessionV || r instanceof BotocoreSessionV) && name.equals("get_credentials")) {
            // The session's own credentials (the default chain unless it was built with others): a signer given
            // them signs as the session would (botocore Session.get_credentials).
            out.add(new CredsV(r instanceof SessionV sv ? sv.creds() : Credentials.DEFAULT));
        } else if (r instanceof SessionV sv) {
            if (name.equals("client")) {
                services(n, scope, "service_name").forEach(s -> out.add(new ClientV(s, endpoint(n, scope),
                        credentials(n, scope, sv.creds()))));
            } else if (name.equals("resource")) {
                services(n, scope, "service_name").forEach(s -> out.add(new ResV(s, null, Map.of(),
                        credentials(n, scope, sv.creds()))));
            }
        } else if (r instanceof BotocoreSessionV && name.equals("create_client")) {
            services(n, scope, "service_name").forEach(s -> out.add(new ClientV(s)));
        } else if (r instanceof EnvironV && name.equals("get")) {
            out.add(new StrV(env(n, scope)));
        } else if (r instanceof StrV sv) {
            out.add(stringMethod(sv.value(), name, n, scope));
        } else if (r instanceof ResV res) {
            if (name.equals("batch_writer") && res.type() != null) {
                out.add(new BatchWriterV(res.ids(), res.creds()));
            } else {
                var action = models.action(res.service(), res.type(), name);
                action.flatMap(Boto3Models.Action::resource).ifPresent(ref -> {
                    Map<String, SymbolicValue> ids = identifiers(res.service(), ref, res.ids(), positional(n, scope),
                            keywords(n, scope));
                    if (res.service().equals("sqs") && action.get().request().operation().equals("GetQueueUrl")) {
                        ids = Map.of("Url", queueUrl(keywords(n, scope).get("QueueName")));
                    }
                    out.add(new ResV(res.service(), ref.type(), ids, res.creds(), action.get().withData()));
                });
            }
        } else if (r instanceof CredsV && (name.equals("get") || name.equals("copy"))) {
            // response.get("Credentials"), creds.get("AccessKeyId"): still the same credentials.
            out.add(r);
        } else if (r instanceof CollV c && Set.of("all", "filter", "limit", "page_size").contains(name)) {
            out.add(c);
        } else if (r instanceof BatchWriterV b && (name.equals("__enter__"))) {
            out.add(b);
        } else if (r instanceof SessionV && name.equals("__aenter__")) {
            out.add(r);
        } else if ((r instanceof DictV || r instanceof ListV) && (name.equals("get") || name.equals("copy"))) {
            if (r instanceof DictV d && name.equals("get")) {
                // An empty literal gives the default for any literal key, so when the default gives nothing (None,
                // or none given) the key is not evaluated: a cache ({} filled by subscript stores) looked up by a
                // parameter would otherwise tie that parameter's callers into the lookup, and through every call
                // of the method's name (dict.get included) put all methods named get in one cycle that each call
                // site computes again (issue #10, the same-name family).
                Set<Val> dflt = d.node().namedChildren().isEmpty() ? eval(argument(n, 1, "default"), scope) : null;
                SymbolicValue key = dflt != null && dflt.isEmpty() ? null
                        : symbolic(eval(argument(n, 0, "key"), scope));
                if (key instanceof SymbolicValue.Literal l) {
                    PyNode entry = dictEntry(d.node(), d.scope(), l.value());
                    if (entry != null) {
                        out.addAll(eval(entry, d.scope()));
                    } else if (!hasSplat(d.node())) {
                        // A key the literal does not have: the default (None when not given).
                        out.addAll(dflt != null ? dflt : eval(argument(n, 1, "default"), scope));
                    }
                }
            } else {
                out.add(r);
            }
        }
    }

    /**
     * The URL SQS returns for a queue name: https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, region and account
     * unknown here (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html).
     */
    private static SymbolicValue queueUrl(SymbolicValue name) {
        return SymbolicValue.concat(List.of(SymbolicValue.literal("https://sqs."), SymbolicValue.unknown("region"),
                SymbolicValue.literal(".amazonaws.com/"), SymbolicValue.unknown("account"), SymbolicValue.literal("/"),
                name == null ? SymbolicValue.unknown("queue name") : name));
    }

    /**
     * The identifiers of a resource built from a {@code has} reference or an action: from the parent's identifiers,
     * the call's positional/keyword inputs, constants, or unknown (taken from a response).
     */
    Map<String, SymbolicValue> identifiers(String service, Boto3Models.ResourceRef ref,
                                           Map<String, SymbolicValue> parentIds, List<SymbolicValue> positional,
                                           Map<String, SymbolicValue> keywords) {
        Map<String, SymbolicValue> ids = new LinkedHashMap<>();
        int pos = 0;
        for (Boto3Models.Param p : ref.identifiers()) {
            SymbolicValue v;
            switch (p.source()) {
                case "identifier" -> v = parentIds.getOrDefault(p.name(), SymbolicValue.unknown("identifier"));
                case "input" -> {
                    SymbolicValue kw = keywords.get(Boto3Models.snake(p.target()));
                    v = kw != null ? kw : pos < positional.size() ? positional.get(pos) : SymbolicValue.unknown("input");
                    pos++;
                }
                case "string" -> v = SymbolicValue.literal(p.value() == null ? "" : p.value());
                case "requestParameter" -> {
                    SymbolicValue kw = keywords.get(p.path());
                    v = kw != null ? kw : SymbolicValue.unknown("request parameter");
                }
                default -> v = SymbolicValue.unknown("from the response");
            }
            ids.put(p.target(), v);
        }
        // Keep the resource's own identifier order (Object: BucketName, Key).
        Map<String, SymbolicValue> ordered = new LinkedHashMap<>();
        for (String name : models.identifiers(service, ref.type())) {
            ordered.put(name, ids.getOrDefault(name, SymbolicValue.unknown("identifier")));
        }
        return ordered.isEmpty() ? ids : ordered;
    }

    List<SymbolicValue> positional(PyNode call, Scope scope) {
        List<SymbolicValue> out = new ArrayList<>();
        PyNode args = call.child("arguments");
        if (args == null) {
            return out;
        }
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument") || a.is("list_splat") || a.is("dictionary_splat")) {
                continue;
            }
            out.add(symbolic(eval(a, scope)));
        }
        return out;
    }

    Map<String, SymbolicValue> keywords(PyNode call, Scope scope) {
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        PyNode args = call.child("arguments");
        if (args == null) {
            return out;
        }
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument")) {
                PyNode name = a.child("name");
                if (name != null) {
                    out.put(name.text(), symbolic(eval(a.child("value"), scope)));
                }
            } else if (a.is("dictionary_splat")) {
                for (Val v : eval(a.namedChildren().isEmpty() ? null : a.namedChildren().get(0), scope)) {
                    if (v instanceof DictV d && symbolic(Set.of(d)) instanceof SymbolicValue.MapValue mv) {
                        mv.entries().forEach(out::putIfAbsent);
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ conversions

    /** The symbolic value of an expression's value set: one string, a dict, a list, or unknown. */
    SymbolicValue symbolic(Set<Val> vals) {
        // Lazy values (dicts, lists, comprehensions) are converted through their elements, which may contain them
        // again (a comprehension over its own name in a loop): a depth cap, not the thread's stack, ends that.
        if (symbolicDepth >= MAX_SYMBOLIC_DEPTH) {
            return SymbolicValue.unknown("nested too deeply");
        }
        if (++steps > budget) {
            throw new BudgetExceeded();
        }
        symbolicDepth++;
        try {
            return symbolicOf(vals);
        } finally {
            symbolicDepth--;
        }
    }

    private static final int MAX_SYMBOLIC_DEPTH = 32;
    private int symbolicDepth;

    private SymbolicValue symbolicOf(Set<Val> vals) {
        Set<SymbolicValue> strs = new LinkedHashSet<>();
        for (Val v : vals) {
            if (v instanceof StrV s) {
                strs.add(s.value());
            } else if (v instanceof DictV d) {
                Map<String, SymbolicValue> entries = new LinkedHashMap<>();
                for (PyNode pair : d.node().namedChildren()) {
                    if (pair.is("pair")) {
                        SymbolicValue k = symbolic(eval(pair.child("key"), d.scope()));
                        if (k instanceof SymbolicValue.Literal l) {
                            entries.put(l.value(), symbolic(eval(pair.child("value"), d.scope())));
                        }
                    } else if (pair.is("dictionary_splat")) {
                        PyNode inner = pair.namedChildren().isEmpty() ? null : pair.namedChildren().get(0);
                        if (symbolic(eval(inner, d.scope())) instanceof SymbolicValue.MapValue mv) {
                            mv.entries().forEach(entries::putIfAbsent);
                        }
                    }
                }
                return new SymbolicValue.MapValue(entries);
            } else if (v instanceof ListV l) {
                List<SymbolicValue> items = new ArrayList<>();
                for (PyNode item : l.node().namedChildren()) {
                    items.add(symbolic(eval(item, l.scope())));
                }
                return new SymbolicValue.ListValue(items);
            } else if (v instanceof CompV c) {
                return new SymbolicValue.ListValue(List.of(symbolic(eval(c.body(), c.scope()))));
            } else if (v instanceof StrListV l) {
                return new SymbolicValue.ListValue(l.items());
            } else if (v instanceof JoinedListV j) {
                List<SymbolicValue> items = new ArrayList<>();
                for (Set<Val> part : j.parts()) {
                    if (symbolic(part) instanceof SymbolicValue.ListValue lv) {
                        items.addAll(lv.items());
                    } else {
                        items.add(SymbolicValue.unknown("items not known"));
                    }
                }
                return new SymbolicValue.ListValue(items);
            }
        }
        if (strs.size() == 1) {
            return strs.iterator().next();
        }
        if (strs.size() > 1 && strs.size() <= MAX_OPTIONS) {
            return new SymbolicValue.OneOf(new ArrayList<>(strs));
        }
        return SymbolicValue.unknown(strs.isEmpty() ? "not a constant" : "one of many values");
    }

    private static Set<Val> cap(Set<Val> s) {
        if (s.size() <= MAX_VALUES) {
            return s;
        }
        Set<Val> out = new LinkedHashSet<>();
        for (Val v : s) {
            if (out.size() >= MAX_VALUES) {
                break;
            }
            out.add(v);
        }
        return out;
    }
}

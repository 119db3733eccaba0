package dev.iampreflight.code.python;

import dev.iampreflight.code.ModuleFacts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads, per unit of a file (and for its module-level code), what must have happened for a point of the code to be
 * reached ({@link ModuleFacts.Assumptions}): an {@code os.environ['X']} evaluated earlier on every path, which raises
 * {@code KeyError} when {@code X} is not set, and a call {@code Name(...)} evaluated earlier, which does not return
 * when {@code Name}'s body cannot. A deploy target whose whole environment is known decides these
 * ({@link dev.iampreflight.code.Reachability}).
 *
 * <p>Syntactic and linear: statements in order, a fact holds after the statement that evaluates it unconditionally,
 * until the end of the block; a compound statement passes on the facts all its normal ways out share ({@code if}
 * branches; a {@code try} body only when no handler may catch the error; never a loop or {@code with} body, which may
 * not run or may swallow the error). Every mention in a statement is taken as made before the statement's own facts
 * (earlier than it may be: fewer facts, never more). Expressions are walked with an explicit stack.
 */
final class EnvAssumptions {

    private static final Pattern IDENTIFIER_STRING = Pattern.compile("^[rRbBuU]?(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1$");
    private static final Pattern PLAIN_STRING = Pattern.compile("^[rRuU]?(['\"])([^'\"\\\\{}]*)\\1$");

    /** Names assigned anywhere in the file other than by def, class or import: a call of one may call anything. */
    private final Set<String> rebound = new HashSet<>();
    /** Whether the file reads {@code os.environ} as {@code environ} ({@code from os import environ}). */
    private final boolean environImported;

    private Set<String> exit;
    private final Map<String, Set<String>> mentions = new HashMap<>();
    private final Map<String, Set<String>> calls = new HashMap<>();

    private EnvAssumptions(PyFile file) {
        boolean imported = false;
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(file.root());
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            switch (n.type()) {
                case "assignment", "augmented_assignment", "for_statement", "for_in_clause" -> targets(n.child("left"));
                case "as_pattern_target", "global_statement", "nonlocal_statement", "parameters", "lambda_parameters"
                        -> targets(n);
                case "import_from_statement" -> imported |= n.text().matches("(?s)from\\s+os\\s+import\\b.*\\benviron\\b.*");
                default -> {
                }
            }
            n.children().forEach(stack::push);
        }
        this.environImported = imported;
    }

    private void targets(PyNode n) {
        if (n == null) {
            return;
        }
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(n);
        while (!stack.isEmpty()) {
            PyNode x = stack.pop();
            if (x.is("identifier")) {
                rebound.add(x.text());
            } else if (!x.is("attribute") && !x.is("subscript")) {
                x.children().forEach(stack::push);
            }
        }
    }

    /** The assumptions of each unit ({@code qualified name}) and of module-level code ({@code <module>}). */
    static Map<String, ModuleFacts.Assumptions> of(PyFile file) {
        EnvAssumptions shared = new EnvAssumptions(file);
        Map<String, ModuleFacts.Assumptions> out = new LinkedHashMap<>();
        // Module-level code, class bodies included; unit bodies are walked on their own.
        Map<String, PyNode> units = new LinkedHashMap<>();
        out.put(dev.iampreflight.code.Reachability.MODULE, shared.walk(file.root(), "", units));
        units.forEach((name, body) -> {
            if (body == null) {
                // Defined twice (in two branches): the unit holds both bodies, so nothing is assumed of it.
                out.put(name, ModuleFacts.Assumptions.NONE);
                return;
            }
            ModuleFacts.Assumptions a = shared.walk(body, null, null);
            if (deferred(body.parent())) {
                // Calling a generator or a coroutine function runs none of its body yet.
                a = new ModuleFacts.Assumptions(Set.of(), Set.of(), a.guardedNames(), a.guardedCalls());
            }
            out.put(name, a);
        });
        return out;
    }

    /** Whether calling the function returns before its body runs: {@code async def}, or a body that yields. */
    private static boolean deferred(PyNode def) {
        if (def == null) {
            return true;
        }
        if (!def.children().isEmpty() && def.children().get(0).is("async")) {
            return true;
        }
        Deque<PyNode> stack = new ArrayDeque<>();
        PyNode body = def.child("body");
        if (body != null) {
            stack.push(body);
        }
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            if (n.is("yield")) {
                return true;
            }
            if (n.is("function_definition") || n.is("lambda") || n.is("class_definition")) {
                continue;
            }
            n.children().forEach(stack::push);
        }
        return false;
    }

    /** Library calls that set variables not named in the code. */
    private static final Set<String> BULK_WRITES = Set.of("os.environ.update", "environ.update", "os.putenv",
            "putenv", "load_dotenv", "dotenv.load_dotenv", "read_env", "os.environ.__setitem__");

    /**
     * The environment variables the file's code sets ({@code os.environ['X'] = v}, {@code os.environ.setdefault('X',
     * v)}), with {@code *} when it may set others: {@code os.environ.update(...)}, {@code load_dotenv()},
     * {@code os.putenv}, a name that is not a literal. A variable the code sets may be present in any target.
     */
    static Set<String> writes(PyFile file) {
        Set<String> out = new HashSet<>();
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(file.root());
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            if ((n.is("assignment") || n.is("augmented_assignment")) && n.child("left") != null) {
                PyNode left = n.child("left");
                if (left.is("subscript") && environ(left.child("value"))) {
                    out.add(literal(left.child("subscript")));
                } else if (environ(left)) {
                    out.add("*");
                }
            } else if (n.is("call") && n.child("function") != null) {
                String fn = n.child("function").text().replaceAll("\\s+", "");
                String last = fn.substring(fn.lastIndexOf('.') + 1);
                if (BULK_WRITES.contains(fn) || BULK_WRITES.contains(last) && !last.equals("update")) {
                    out.add("*");
                } else if (fn.endsWith("environ.setdefault")) {
                    PyNode args = n.child("arguments");
                    out.add(args == null || args.namedChildren().isEmpty() ? "*" : literal(args.namedChildren().get(0)));
                }
            }
            n.children().forEach(stack::push);
        }
        return out;
    }

    private static boolean environ(PyNode n) {
        if (n == null) {
            return false;
        }
        String t = n.text().replaceAll("\\s+", "");
        return t.equals("os.environ") || t.equals("environ");
    }

    private static String literal(PyNode n) {
        if (n == null || !n.is("string")) {
            return "*";
        }
        var m = PLAIN_STRING.matcher(n.text());
        return m.matches() && !m.group(2).isEmpty() ? m.group(2) : "*";
    }

    /**
     * Walks a module (when {@code units} is given: function bodies at module or class level are collected into it,
     * under {@code classPrefix}) or a unit's body.
     */
    private ModuleFacts.Assumptions walk(PyNode body, String classPrefix, Map<String, PyNode> units) {
        exit = null;
        mentions.clear();
        calls.clear();
        Set<String> end = block(body, Set.of(), classPrefix, units);
        if (end != null) {
            exitWith(end);
        }
        Set<String> env = new HashSet<>();
        Set<String> called = new HashSet<>();
        for (String f : exit == null ? Set.<String>of() : exit) {
            (f.startsWith(ModuleFacts.Assumptions.ENV) ? env : called).add(f.substring(f.indexOf(':') + 1));
        }
        Map<String, Set<String>> guarded = new HashMap<>();
        mentions.forEach((k, v) -> {
            if (!v.isEmpty()) {
                guarded.put(k, shared(v));
            }
        });
        Map<String, Set<String>> guardedCalls = new HashMap<>();
        calls.forEach((k, v) -> {
            if (!v.isEmpty()) {
                guardedCalls.put(k, shared(v));
            }
        });
        return new ModuleFacts.Assumptions(env, called, guarded, guardedCalls);
    }

    /** One immutable copy of each set of facts of the file, its facts interned (see {@link #shared}). */
    private final Map<Set<String>, Set<String>> factSets = new HashMap<>();

    /**
     * The facts kept for the whole run as one shared immutable set per distinct set in the file: the same few sets
     * guard most names of a unit, and each name's own {@code HashSet} of fresh strings was about a tenth of the
     * live data at the analysis's peak (a heap dump of 1,000 modules, docs/performance.md, tenth session). Readers
     * only look facts up or sort them, so the immutable set's order does not matter.
     */
    private Set<String> shared(Set<String> facts) {
        Set<String> s = factSets.get(facts);
        if (s == null) {
            List<String> interned = new ArrayList<>(facts.size());
            for (String f : facts) {
                interned.add(f.intern());
            }
            s = Set.copyOf(interned);
            factSets.put(s, s);
        }
        return s;
    }

    private void exitWith(Set<String> facts) {
        if (exit == null) {
            exit = new HashSet<>(facts);
        } else {
            exit.retainAll(facts);
        }
    }

    /** The facts after a block, or null when no path falls through its end. */
    private Set<String> block(PyNode block, Set<String> in, String classPrefix, Map<String, PyNode> units) {
        Set<String> facts = in;
        for (PyNode s : block.namedChildren()) {
            if (facts == null) {
                // Unreachable after return/raise: its mentions still count (as unguarded, the safe side).
                facts = Set.of();
            }
            facts = statement(s, facts, classPrefix, units);
        }
        return facts;
    }

    private Set<String> statement(PyNode s, Set<String> in, String classPrefix, Map<String, PyNode> units) {
        switch (s.type()) {
            case "return_statement" -> {
                exitWith(union(in, expr(s, in)));
                return null;
            }
            case "raise_statement", "break_statement", "continue_statement" -> {
                expr(s, in);
                return null;
            }
            case "if_statement" -> {
                Set<String> c = union(in, expr(s.child("condition"), in));
                Set<String> out = null;
                boolean hasElse = false;
                out = meet(out, body(s.child("consequence"), c, classPrefix, units));
                for (PyNode alt : s.childrenOf("alternative")) {
                    if (alt.is("else_clause")) {
                        hasElse = true;
                        out = meet(out, body(alt.child("body"), c, classPrefix, units));
                    } else {
                        Set<String> ec = union(c, expr(alt.child("condition"), c));
                        out = meet(out, body(alt.child("consequence"), ec, classPrefix, units));
                    }
                }
                return hasElse ? out : meet(out, c);
            }
            case "for_statement" -> {
                Set<String> c = union(in, expr(s.child("right"), in));
                expr(s.child("left"), c);
                body(s.child("body"), c, classPrefix, units);
                s.childrenOf("alternative").forEach(a -> body(a.child("body"), c, classPrefix, units));
                return c;
            }
            case "while_statement" -> {
                Set<String> c = union(in, expr(s.child("condition"), in));
                body(s.child("body"), c, classPrefix, units);
                s.childrenOf("alternative").forEach(a -> body(a.child("body"), c, classPrefix, units));
                return c;
            }
            case "try_statement" -> {
                Set<String> b = body(s.child("body"), in, classPrefix, units);
                boolean handlers = false;
                Set<String> out = null;
                Set<String> fin = Set.of();
                for (PyNode c : s.namedChildren()) {
                    switch (c.type()) {
                        case "except_clause", "except_group_clause" -> {
                            handlers = true;
                            // The handler runs from any point of the body: only what held before it.
                            Set<String> h = in;
                            for (PyNode x : c.namedChildren()) {
                                if (x.is("block")) {
                                    h = h == null ? null : block(x, h, classPrefix, units);
                                } else {
                                    expr(x, in);
                                }
                            }
                            out = meet(out, h);
                        }
                        case "else_clause" -> b = b == null ? null : body(c.child("body"), b, classPrefix, units);
                        case "finally_clause" -> {
                            for (PyNode x : c.namedChildren()) {
                                if (x.is("block")) {
                                    Set<String> f = block(x, in, classPrefix, units);
                                    fin = f == null ? Set.of() : diff(f, in);
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
                out = meet(out, b);
                if (!handlers) {
                    out = b;
                }
                return out == null ? null : union(out, fin);
            }
            case "with_statement" -> {
                Set<String> c = in;
                for (PyNode x : s.namedChildren()) {
                    if (x.is("block")) {
                        // A context manager may swallow the error: the body's facts stay inside.
                        block(x, c, classPrefix, units);
                    } else {
                        c = union(c, expr(x, c));
                    }
                }
                return c;
            }
            case "match_statement" -> {
                Set<String> c = in;
                for (PyNode x : s.namedChildren()) {
                    if (x.is("block")) {
                        for (PyNode cs : x.namedChildren()) {
                            expr(cs, c);
                        }
                    } else {
                        c = union(c, expr(x, c));
                    }
                }
                return c;
            }
            case "decorated_definition" -> {
                Set<String> c = in;
                for (PyNode x : s.children()) {
                    if (x.is("decorator")) {
                        c = union(c, expr(x, c));
                    }
                }
                PyNode def = s.child("definition");
                return def == null ? c : statement(def, c, classPrefix, units);
            }
            case "function_definition" -> {
                PyNode name = s.child("name");
                if (units != null && name != null) {
                    // A unit: its signature runs now, its body when called (walked on its own).
                    for (PyNode x : s.children()) {
                        if (x.is("block")) {
                            String q = classPrefix + name.text();
                            units.put(q, units.containsKey(q) ? null : x);
                        } else {
                            expr(x, in);
                        }
                    }
                    return in;
                }
                expr(s, in);
                return in;
            }
            case "class_definition" -> {
                PyNode name = s.child("name");
                if (units != null && name != null) {
                    Set<String> c = in;
                    for (PyNode x : s.children()) {
                        if (x.is("block")) {
                            Set<String> after = block(x, c, classPrefix + name.text() + ".", units);
                            c = after == null ? c : after;
                        } else {
                            c = union(c, expr(x, c));
                        }
                    }
                    return c;
                }
                expr(s, in);
                return in;
            }
            case "block" -> {
                return block(s, in, classPrefix, units);
            }
            default -> {
                return union(in, expr(s, in));
            }
        }
    }

    private Set<String> body(PyNode b, Set<String> in, String classPrefix, Map<String, PyNode> units) {
        if (b == null) {
            return in;
        }
        return b.is("block") ? block(b, in, classPrefix, units) : statement(b, in, classPrefix, units);
    }

    /**
     * Records every name an expression (or simple statement) mentions as mentioned under {@code in}, and returns the
     * facts its evaluation establishes on every way it completes: {@code os.environ['X']} and {@code Name(...)}
     * outside conditional parts ({@code a if c else b}, {@code and}/{@code or}, lambdas, comprehensions).
     */
    private Set<String> expr(PyNode e, Set<String> in) {
        Set<String> added = new HashSet<>();
        if (e == null) {
            return added;
        }
        Deque<PyNode> stack = new ArrayDeque<>();
        Deque<Boolean> must = new ArrayDeque<>();
        stack.push(e);
        must.push(true);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            boolean m = must.pop();
            switch (n.type()) {
                case "identifier" -> mention(n.text(), in);
                case "attribute" -> {
                    PyNode attr = n.child("attribute");
                    PyNode object = n.child("object");
                    if (attr != null) {
                        // Name().attr: the attribute is read only once Name() has returned.
                        PyNode fn = object != null && object.is("call") ? object.child("function") : null;
                        mention(attr.text(), fn != null && fn.is("identifier") && !rebound.contains(fn.text())
                                ? union(in, Set.of(ModuleFacts.Assumptions.CALL + fn.text())) : in);
                    }
                }
                case "string" -> {
                    var id = IDENTIFIER_STRING.matcher(n.text());
                    if (id.matches()) {
                        mention(id.group(2), in);
                    }
                }
                case "call" -> {
                    PyNode fn = n.child("function");
                    PyNode at = fn != null && fn.is("attribute") && fn.child("attribute") != null
                            ? fn.child("attribute") : n;
                    calls.merge(at.line() + ":" + at.column(), in, EnvAssumptions::meetInto);
                    if (m && fn != null && fn.is("identifier") && !rebound.contains(fn.text())) {
                        added.add(ModuleFacts.Assumptions.CALL + fn.text());
                    }
                }
                case "subscript" -> {
                    String key = m ? environKey(n) : null;
                    if (key != null) {
                        added.add(ModuleFacts.Assumptions.ENV + key);
                    }
                }
                default -> {
                }
            }
            boolean conditional = n.is("lambda") || n.is("list_comprehension") || n.is("set_comprehension")
                    || n.is("dictionary_comprehension") || n.is("generator_expression")
                    || n.is("function_definition") || n.is("class_definition");
            List<PyNode> children = n.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                PyNode c = children.get(i);
                if (n.is("attribute") && c.equals(n.child("attribute"))) {
                    continue; // mentioned above, with what its object establishes
                }
                boolean cm = m && !conditional;
                if (cm && n.is("conditional_expression")) {
                    // a if c else b: only c runs on every path (the second named child).
                    cm = c.equals(n.namedChildren().get(Math.min(1, n.namedChildren().size() - 1)));
                } else if (cm && n.is("boolean_operator")) {
                    cm = c.equals(n.child("left"));
                }
                stack.push(c);
                must.push(cm);
            }
        }
        return added;
    }

    /** {@code X} of {@code os.environ['X']} (or {@code environ['X']} after {@code from os import environ}). */
    private String environKey(PyNode subscript) {
        PyNode value = subscript.child("value");
        PyNode key = subscript.child("subscript");
        if (value == null || key == null || !key.is("string")) {
            return null;
        }
        String v = value.text().replaceAll("\\s+", "");
        if (!v.equals("os.environ") && !(environImported && v.equals("environ"))) {
            return null;
        }
        var m = PLAIN_STRING.matcher(key.text());
        return m.matches() && !m.group(2).isEmpty() ? m.group(2) : null;
    }

    private void mention(String name, Set<String> in) {
        mentions.merge(name, in, EnvAssumptions::meetInto);
    }

    private static Set<String> meetInto(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** The facts two ways out share; a way that does not fall through (null) adds no constraint. */
    private static Set<String> meet(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return meetInto(a, b);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}

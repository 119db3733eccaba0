package dev.iampreflight.check.internal;

import dev.iampreflight.code.python.PyFile;
import dev.iampreflight.code.python.PyNode;
import dev.iampreflight.code.python.PythonParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A model of the policy generator of a given chalice version: which client calls of {@code app.py} it sees, so which
 * actions the policy it generates grants.
 *
 * <p>chalice ({@code chalice/policy.py} {@code AppPolicyGenerator}) reads only {@code app.py} and hands it to
 * {@code chalice/analyzer.py} {@code get_client_calls_for_app}, a small abstract interpreter over Python's
 * {@code ast} and {@code symtable} that tracks one thing: values made by {@code boto3.client(<string>)}. Its rules,
 * which this class follows (learnt from the analyzer's source and its history, and checked against it on the
 * snippets of {@code ChaliceGeneratorTest}):
 * <ul>
 *   <li>only {@code import boto3} makes the name {@code boto3} known (an alias, {@code from boto3 import client},
 *       {@code boto3.Session().client}, {@code boto3.resource} are not followed; {@code import boto3 as b} where the
 *       name {@code boto3} is not otherwise used in that scope makes the analyzer itself fail with KeyError);</li>
 *   <li>the service is the first positional argument, a string literal or a name assigned a string literal;</li>
 *   <li>types flow through plain {@code name = value} assignments (not attributes, tuples or annotated ones), through
 *       positional arguments into the parameters of a function called by its plain name, and out through its first
 *       typed {@code return};</li>
 *   <li>a name a function reads from an outer scope is looked up one scope out only (the one its table was found
 *       in): module-level values are seen from top-level functions, not from nested ones or comprehensions inside
 *       functions (on Pythons before 3.12, whose symbol tables give comprehensions their own scope);</li>
 *   <li>the entry points are the functions decorated with a call of one of the view decorators of that version
 *       (async functions, {@code on_cw_event}, {@code on_dynamodb_record}, {@code on_kinesis_record} are not among
 *       them), and the module's own code. Before 1.22.1 each view is analysed right after its {@code def} (the
 *       analyzer inserted a call to it there), so helpers and clients defined further down are not yet known; from
 *       1.22.1 views are analysed after the whole module. From 1.18.1 a function called by name is looked up by the
 *       line of its definition, so calling a nested function makes the analyzer fail with ValueError.</li>
 * </ul>
 * Class bodies and lambdas are never entered; functions reached only through a dict, a list or an attribute are never
 * analysed.
 */
public final class ChaliceGenerator {

    /** A chalice release, compared numerically. */
    public record Version(int major, int minor, int patch) implements Comparable<Version> {
        /** The newest behaviour: what pip installs when the project does not pin chalice. */
        public static final Version LATEST = new Version(99, 0, 0);
        static final Version VIEWS_AFTER_MODULE = new Version(1, 22, 1);
        static final Version LOOKUP_BY_LINE = new Version(1, 18, 1);
        static final Version WEBSOCKET_VIEWS = new Version(1, 10, 0);
        static final Version EVENT_VIEWS = new Version(1, 5, 0);
        /** Releases where the generator's behaviour changes, in order (see the class comment). */
        public static final List<Version> CHANGES = List.of(EVENT_VIEWS, WEBSOCKET_VIEWS, LOOKUP_BY_LINE,
                VIEWS_AFTER_MODULE);

        public static Optional<Version> parse(String s) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?")
                    .matcher(s.trim());
            if (!m.lookingAt()) {
                return Optional.empty();
            }
            return Optional.of(new Version(Integer.parseInt(m.group(1)),
                    m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }

        boolean atLeast(Version o) {
            return compareTo(o) >= 0;
        }

        @Override
        public String toString() {
            return this.equals(LATEST) ? "latest" : major + "." + minor + "." + patch;
        }
    }

    /** A client call the generator sees, at the line and column of its method name. */
    public record Seen(int line, int column, String service, String method) {
    }

    /** The analyzer itself fails on this line: {@code chalice deploy} stops before it deploys anything. */
    public record Failure(int line, String error) {
    }

    /**
     * What the generator sees: {@code seen} client calls; {@code uncertain} the lines of calls whose fate depends on
     * something the model does not know (the Python version chalice runs on); {@code failure} when the analyzer
     * itself fails on the file; {@code unreadable} when app.py does not parse (then nothing is known).
     */
    public record Result(Set<Seen> seen, Set<Integer> uncertain, Optional<Failure> failure, boolean unreadable) {
        /** Whether the generator sees the client method call whose name is at this line and column. */
        public boolean sees(int line, int column, String method) {
            return seen.stream().anyMatch(s -> s.line() == line && s.column() == column && s.method().equals(method));
        }
    }

    private static final List<String> VIEWS_1_0 = List.of("route", "lambda_function", "schedule");
    private static final List<String> VIEWS_1_5 = List.of("route", "authorizer", "lambda_function", "schedule",
            "on_s3_event", "on_sns_message", "on_sqs_message");
    private static final List<String> VIEWS_1_10 = List.of("route", "authorizer", "lambda_function", "schedule",
            "on_s3_event", "on_sns_message", "on_sqs_message", "on_ws_connect", "on_ws_message", "on_ws_disconnect");
    /** A bound on the functions analysed (each call site at most once), so an odd file costs a cap, not a hang. */
    private static final int MAX_ANALYSES = 20_000;

    private final Version version;
    private final PyNode module;
    private final Map<PyNode, Object> types = new HashMap<>();
    private final Set<PyNode> visitedCalls = new HashSet<>();
    private final Set<Seen> seen = new LinkedHashSet<>();
    private final Set<Integer> uncertain = new HashSet<>();
    private int analyses;

    private ChaliceGenerator(Version version, PyNode module) {
        this.version = version;
        this.module = module;
    }

    /** What the generator of chalice {@code version} sees in {@code appPySource}. */
    public static Result analyze(String appPySource, Version version) {
        PyFile file = PythonParser.parse("app.py", appPySource);
        if (!file.problems().isEmpty()) {
            return new Result(Set.of(), Set.of(), Optional.empty(), true);
        }
        ChaliceGenerator g = new ChaliceGenerator(version, file.root());
        Table moduleTable = Tables.build(file.root());
        Optional<Failure> failure = Optional.empty();
        try {
            Chain top = new Chain(moduleTable, moduleTable);
            new Infer(g, top, file.root()).visit(file.root());
            if (version.atLeast(Version.VIEWS_AFTER_MODULE)) {
                g.views(file.root(), top);
            }
        } catch (AnalyzerFailure f) {
            failure = Optional.of(new Failure(f.line, f.getMessage()));
        } catch (StackOverflowError e) {
            return new Result(Set.copyOf(g.seen), Set.of(), Optional.empty(), true);
        }
        return new Result(Set.copyOf(g.seen), Set.copyOf(g.uncertain), failure, false);
    }

    private boolean isView(PyNode def) {
        PyNode decorated = def.parent();
        if (decorated == null || !decorated.is("decorated_definition")) {
            return false;
        }
        List<String> names = version.atLeast(Version.WEBSOCKET_VIEWS) ? VIEWS_1_10
                : version.atLeast(Version.EVENT_VIEWS) ? VIEWS_1_5 : VIEWS_1_0;
        for (PyNode d : decorated.namedChildren()) {
            if (!d.is("decorator")) {
                continue;
            }
            PyNode e = d.namedChildren().isEmpty() ? null : d.namedChildren().get(0);
            if (e == null || !e.is("call") || e.child("function") == null || !e.child("function").is("attribute")) {
                continue;
            }
            PyNode attr = e.child("function").child("attribute");
            String name = attr == null ? "" : attr.text();
            // Before 1.5.0 a route counted only with its path given positionally.
            boolean ok = names.contains(name) && (version.atLeast(Version.EVENT_VIEWS) || !name.equals("route")
                    || !positional(e).isEmpty());
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsync(PyNode def) {
        // The parser keeps named nodes only, so the keyword is read from the text.
        return def.text().startsWith("async");
    }

    /** From 1.22.1: each view found by walking the module (not into functions) is analysed after the module. */
    private void views(PyNode n, Chain top) {
        for (PyNode c : n.namedChildren()) {
            if (c.is("function_definition") && !isAsync(c)) {
                if (isView(c)) {
                    Chain sub = top.subNamespace(name(c), c.line(), true, c.line());
                    new Infer(this, sub, c).visit(c);
                }
            } else {
                // An async def is not a FunctionDef to the walker, which then goes through its body like any node.
                views(c, top);
            }
        }
    }

    private static String name(PyNode def) {
        PyNode n = def.child("name");
        return n == null ? "" : n.text();
    }

    /** The analyzer's own failure (an uncaught KeyError or ValueError in chalice), located. */
    private static final class AnalyzerFailure extends RuntimeException {
        final int line;

        AnalyzerFailure(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    // The analyzer's types.
    private record Boto3Module() {
    }

    private record CreateClient() {
    }

    private record Client(String service) {
    }

    /** A client method, and ({@code called}) the result of calling it. */
    private record Method(String service, String method, boolean called) {
    }

    private record FunctionType(Object returns) {
    }

    private record StringLiteral(String value) {
    }

    /** A symbol of a scope, with the state the analyzer attaches to it. */
    private static final class Symbol {
        final boolean global;
        Object type;
        PyNode definition;

        Symbol(boolean global) {
            this.global = global;
        }
    }

    /** A scope's symbol table, as Python's {@code symtable} builds it. */
    private static final class Table {
        final String name;
        final int line;
        final boolean function;
        final Table parent;
        final List<Table> children = new ArrayList<>();
        final Set<String> bound = new LinkedHashSet<>();
        final Set<String> used = new LinkedHashSet<>();
        final Set<String> declaredGlobal = new HashSet<>();
        final Set<String> declaredNonlocal = new HashSet<>();
        final Map<String, Symbol> symbols = new HashMap<>();

        Table(String name, int line, boolean function, Table parent) {
            this.name = name;
            this.line = line;
            this.function = function;
            this.parent = parent;
            if (parent != null) {
                parent.children.add(this);
            }
        }

        /** The symbol named {@code n}, or null where Python's {@code SymbolTable.lookup} raises KeyError. */
        Symbol lookup(String n) {
            Symbol s = symbols.get(n);
            if (s != null) {
                return s;
            }
            if (!bound.contains(n) && !used.contains(n) && !declaredGlobal.contains(n)
                    && !declaredNonlocal.contains(n)) {
                return null;
            }
            s = new Symbol(parent == null || isGlobal(n));
            symbols.put(n, s);
            return s;
        }

        /** Python's scoping: declared global, or used here and bound in no enclosing function. */
        private boolean isGlobal(String n) {
            if (declaredGlobal.contains(n)) {
                return true;
            }
            if (declaredNonlocal.contains(n) || bound.contains(n) && function) {
                return false;
            }
            for (Table t = parent; t != null; t = t.parent) {
                if (t.parent == null) {
                    return true;
                }
                if (t.function && t.bound.contains(n) && !t.declaredGlobal.contains(n)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Builds the symbol tables of a module the way Python's compiler scopes names. */
    private static final class Tables {
        static Table build(PyNode module) {
            Table t = new Table("top", 0, false, null);
            walk(module, t);
            return t;
        }

        private static void walk(PyNode n, Table t) {
            switch (n.type()) {
                case "function_definition" -> {
                    t.bound.add(name(n));
                    PyNode params = n.child("parameters");
                    Table f = new Table(name(n), n.line(), true, t);
                    if (params != null) {
                        parameters(params, t, f);
                    }
                    PyNode ret = n.child("return_type");
                    if (ret != null) {
                        walk(ret, t);
                    }
                    PyNode body = n.child("body");
                    if (body != null) {
                        walk(body, f);
                    }
                }
                case "lambda" -> {
                    Table f = new Table("lambda", n.line(), true, t);
                    PyNode params = n.child("parameters");
                    if (params != null) {
                        parameters(params, t, f);
                    }
                    PyNode body = n.child("body");
                    if (body != null) {
                        walk(body, f);
                    }
                }
                case "class_definition" -> {
                    t.bound.add(name(n));
                    PyNode sup = n.child("superclasses");
                    if (sup != null) {
                        walk(sup, t);
                    }
                    Table c = new Table(name(n), n.line(), false, t);
                    PyNode body = n.child("body");
                    if (body != null) {
                        walk(body, c);
                    }
                }
                case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression" -> {
                    List<PyNode> clauses = new ArrayList<>();
                    List<PyNode> rest = new ArrayList<>();
                    for (PyNode c : n.namedChildren()) {
                        (c.is("for_in_clause") || c.is("if_clause") ? clauses : rest).add(c);
                    }
                    Table c = new Table(comprehensionName(n), n.line(), true, t);
                    boolean first = true;
                    for (PyNode clause : clauses) {
                        if (clause.is("for_in_clause")) {
                            PyNode right = clause.child("right");
                            if (right != null) {
                                walk(right, first ? t : c);
                            }
                            first = false;
                            PyNode left = clause.child("left");
                            if (left != null) {
                                bind(left, c);
                            }
                        } else {
                            clause.namedChildren().forEach(x -> walk(x, c));
                        }
                    }
                    rest.forEach(x -> walk(x, c));
                }
                case "identifier" -> t.used.add(n.text());
                case "attribute" -> {
                    PyNode o = n.child("object");
                    if (o != null) {
                        walk(o, t);
                    }
                }
                case "keyword_argument" -> {
                    PyNode v = n.child("value");
                    if (v != null) {
                        walk(v, t);
                    }
                }
                case "assignment", "augmented_assignment" -> {
                    PyNode left = n.child("left");
                    if (left != null) {
                        bind(left, t);
                    }
                    for (PyNode c : n.namedChildren()) {
                        if (!c.equals(left)) {
                            walk(c, t);
                        }
                    }
                }
                case "for_statement" -> {
                    PyNode left = n.child("left");
                    if (left != null) {
                        bind(left, t);
                    }
                    for (PyNode c : n.namedChildren()) {
                        if (!c.equals(left)) {
                            walk(c, t);
                        }
                    }
                }
                case "as_pattern_target" -> bind(n, t);
                case "named_expression" -> {
                    PyNode name = n.child("name");
                    if (name != null) {
                        bind(name, t);
                    }
                    PyNode v = n.child("value");
                    if (v != null) {
                        walk(v, t);
                    }
                }
                case "import_statement" -> {
                    for (PyNode c : n.namedChildren()) {
                        if (c.is("aliased_import")) {
                            PyNode alias = c.child("alias");
                            if (alias != null) {
                                t.bound.add(alias.text());
                            }
                        } else if (c.is("dotted_name")) {
                            t.bound.add(c.text().split("\\.")[0].strip());
                        }
                    }
                }
                case "import_from_statement" -> {
                    PyNode moduleName = n.child("module_name");
                    for (PyNode c : n.namedChildren()) {
                        if (c.equals(moduleName)) {
                            continue;
                        }
                        if (c.is("aliased_import")) {
                            PyNode alias = c.child("alias");
                            if (alias != null) {
                                t.bound.add(alias.text());
                            }
                        } else if (c.is("dotted_name")) {
                            t.bound.add(c.text().strip());
                        }
                    }
                }
                case "global_statement" -> n.namedChildren().forEach(c -> t.declaredGlobal.add(c.text()));
                case "nonlocal_statement" -> n.namedChildren().forEach(c -> t.declaredNonlocal.add(c.text()));
                default -> n.namedChildren().forEach(c -> walk(c, t));
            }
        }

        /** Parameter names belong to the function; defaults and annotations to the scope the def is in. */
        private static void parameters(PyNode params, Table outer, Table f) {
            for (PyNode p : params.namedChildren()) {
                switch (p.type()) {
                    case "identifier" -> f.bound.add(p.text());
                    case "default_parameter", "typed_default_parameter" -> {
                        PyNode nm = p.child("name");
                        if (nm != null) {
                            f.bound.add(nm.text());
                        }
                        PyNode v = p.child("value");
                        if (v != null) {
                            walk(v, outer);
                        }
                    }
                    case "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern" -> {
                        for (PyNode c : p.namedChildren()) {
                            if (c.is("identifier")) {
                                f.bound.add(c.text());
                            } else if (c.is("list_splat_pattern") || c.is("dictionary_splat_pattern")) {
                                c.namedChildren().forEach(x -> f.bound.add(x.text()));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        private static void bind(PyNode target, Table t) {
            if (target.is("identifier")) {
                t.bound.add(target.text());
                return;
            }
            if (target.is("attribute") || target.is("subscript")) {
                walk(target, t);
                return;
            }
            target.namedChildren().forEach(c -> bind(c, t));
        }
    }

    private static String comprehensionName(PyNode n) {
        return switch (n.type()) {
            case "list_comprehension" -> "listcomp";
            case "set_comprehension" -> "setcomp";
            case "dictionary_comprehension" -> "dictcomp";
            default -> "genexpr";
        };
    }

    /**
     * The analyzer's view of a scope: its own table and the one it was found in, where names it does not bind are
     * looked up (one level only).
     */
    private record Chain(Table local, Table global) {
        Object typeOf(String name) {
            Symbol s = local.lookup(name);
            if (s == null) {
                return null;
            }
            if (s.global) {
                Symbol g = global.lookup(name);
                return g == null ? null : g.type;
            }
            return s.type;
        }

        void setType(String name, Object type) {
            Symbol s = local.lookup(name);
            if (s != null) {
                s.type = type;
            }
        }

        PyNode definition(String name) {
            Symbol s = local.lookup(name);
            if (s != null && s.global) {
                s = global.lookup(name);
            }
            return s == null ? null : s.definition;
        }

        /**
         * The table of the function {@code name} called on {@code line}: first among this scope's children (from
         * 1.18.1 only the one defined on that very line), then the first so named among the outer scope's children.
         */
        Chain subNamespace(String name, int line, boolean byLine, int failLine) {
            for (Table c : local.children) {
                if (c.name.equals(name) && (!byLine || c.line == line)) {
                    return new Chain(c, local);
                }
            }
            for (Table c : global.children) {
                if (c.name.equals(name)) {
                    return new Chain(c, global);
                }
            }
            throw new AnalyzerFailure(failLine, "ValueError: Unknown symbol name: " + name);
        }
    }

    /** The interpretation of one scope (the module, a function, a comprehension's part). */
    private static final class Infer {
        private final ChaliceGenerator g;
        private final Chain chain;
        private final PyNode namespace;

        Infer(ChaliceGenerator g, Chain chain, PyNode namespace) {
            this.g = g;
            this.chain = chain;
            this.namespace = namespace;
        }

        private Object type(PyNode n) {
            return n == null ? null : g.types.get(n);
        }

        private void children(PyNode n) {
            for (PyNode c : n.namedChildren()) {
                visit(c);
            }
        }

        void visit(PyNode n) {
            switch (n.type()) {
                case "import_statement" -> {
                    for (PyNode c : n.namedChildren()) {
                        PyNode name = c.is("aliased_import") ? c.child("name") : c;
                        if (name != null && name.text().strip().equals("boto3")) {
                            if (chain.local().lookup("boto3") == null) {
                                throw new AnalyzerFailure(n.line(), "KeyError: 'boto3' (the analyzer binds the "
                                        + "name boto3, which this import does not define)");
                            }
                            chain.setType("boto3", new Boto3Module());
                        }
                    }
                }
                case "import_from_statement", "future_import_statement", "global_statement", "nonlocal_statement",
                     "lambda", "class_definition", "string", "concatenated_string", "comment" -> {
                }
                case "decorated_definition" -> {
                    PyNode def = n.child("definition");
                    if (def != null) {
                        visit(def);
                    }
                }
                case "function_definition" -> functionDefinition(n);
                case "identifier" -> g.types.put(n, chain.typeOf(n.text()));
                case "parenthesized_expression" -> {
                    children(n);
                    List<PyNode> inner = n.namedChildren();
                    if (inner.size() == 1) {
                        g.types.put(n, type(inner.get(0)));
                    }
                }
                case "assignment" -> assignment(n);
                case "attribute" -> attribute(n);
                case "call" -> call(n);
                case "keyword_argument" -> {
                    PyNode v = n.child("value");
                    if (v != null) {
                        visit(v);
                    }
                }
                case "return_statement" -> {
                    children(n);
                    List<PyNode> v = n.namedChildren();
                    Object t = v.size() == 1 ? type(v.get(0)) : null;
                    if (t != null) {
                        g.types.put(namespace, new FunctionType(t));
                    }
                }
                case "list_comprehension", "dictionary_comprehension", "generator_expression" -> comprehension(n);
                case "set_comprehension" -> {
                    // Not handled by the analyzer: its names are looked up in this scope, where Pythons before 3.12
                    // do not have them (KeyError) and later ones do.
                    markUncertain(n);
                }
                default -> children(n);
            }
        }

        private void functionDefinition(PyNode n) {
            if (n.equals(namespace)) {
                PyNode body = n.child("body");
                if (body != null) {
                    children(body);
                }
                return;
            }
            Symbol s = chain.local().lookup(name(n));
            if (s != null) {
                s.definition = n;
            }
            if (!g.version.atLeast(Version.VIEWS_AFTER_MODULE) && chain.local().parent == null && !isAsync(n)
                    && g.isView(n)) {
                // Before 1.22.1 the analyzer rewrote the module to call each view right after its definition.
                callByName(n, name(n), List.of());
            }
        }

        private void assignment(PyNode n) {
            if (n.child("type") != null) {
                // An annotated assignment is not an Assign to the analyzer: visited, never bound.
                children(n);
                return;
            }
            List<PyNode> targets = new ArrayList<>();
            PyNode value = n;
            while (value != null && value.is("assignment") && value.child("type") == null) {
                targets.add(value.child("left"));
                value = value.child("right");
            }
            for (PyNode t : targets) {
                if (t != null) {
                    visit(t);
                }
            }
            if (value == null) {
                return;
            }
            visit(value);
            Object rhs = type(value);
            if (rhs == null) {
                Optional<String> literal = stringLiteral(value);
                if (literal.isPresent()) {
                    rhs = new StringLiteral(literal.get());
                    g.types.put(value, rhs);
                }
            }
            for (PyNode t : targets) {
                if (t != null && t.is("identifier")) {
                    chain.setType(t.text(), rhs);
                }
            }
        }

        private void attribute(PyNode n) {
            PyNode obj = n.child("object");
            if (obj != null) {
                visit(obj);
            }
            Object lhs = type(obj);
            PyNode attr = n.child("attribute");
            if (attr == null || lhs == null) {
                return;
            }
            if (lhs instanceof Boto3Module && attr.text().equals("client")) {
                g.types.put(n, new CreateClient());
            } else if (lhs instanceof Client c) {
                g.types.put(n, new Method(c.service(), attr.text(), false));
            }
        }

        private List<PyNode> positional(PyNode call) {
            return ChaliceGenerator.positional(call);
        }

        private void call(PyNode n) {
            PyNode fn = n.child("function");
            if (fn != null) {
                visit(fn);
            }
            PyNode args = n.child("arguments");
            if (args != null) {
                visit(args);
            }
            Object ft = type(fn);
            if (ft instanceof CreateClient) {
                List<PyNode> pos = positional(n);
                if (!pos.isEmpty()) {
                    Optional<String> literal = stringLiteral(pos.get(0));
                    if (literal.isPresent()) {
                        g.types.put(n, new Client(literal.get()));
                    } else if (type(pos.get(0)) instanceof StringLiteral s) {
                        g.types.put(n, new Client(s.value()));
                    }
                }
            } else if (ft instanceof Method m) {
                g.types.put(n, new Method(m.service(), m.method(), true));
                PyNode at = fn.is("attribute") && fn.child("attribute") != null ? fn.child("attribute") : n;
                g.seen.add(new Seen(at.line(), at.column(), m.service(), m.method()));
            } else if (ft instanceof FunctionType f) {
                g.types.put(n, f.returns());
            } else if (fn != null && fn.is("identifier") && chain.definition(fn.text()) != null) {
                if (g.visitedCalls.add(n)) {
                    callByName(n, fn.text(), positional(n));
                }
            }
        }

        /** Analyses the function {@code name} for a call on {@code at}'s line with these positional arguments. */
        private void callByName(PyNode at, String name, List<PyNode> args) {
            if (++g.analyses > MAX_ANALYSES) {
                markUncertain(g.module);
                return;
            }
            Chain sub = chain.subNamespace(name, at.line(), g.version.atLeast(Version.LOOKUP_BY_LINE), at.line());
            PyNode def = chain.definition(name);
            if (def == null) {
                return;
            }
            List<String> params = positionalParameters(def);
            for (int i = 0; i < args.size() && i < params.size(); i++) {
                Object t = type(args.get(i));
                if (t != null) {
                    sub.setType(params.get(i), t);
                }
            }
            new Infer(g, sub, def).visit(def);
            Object ft = g.types.get(def);
            chain.setType(name, ft);
            if (ft instanceof FunctionType f) {
                g.types.put(at, f.returns());
            }
        }

        private void comprehension(PyNode n) {
            List<PyNode> clauses = new ArrayList<>();
            List<PyNode> body = new ArrayList<>();
            for (PyNode c : n.namedChildren()) {
                (c.is("for_in_clause") || c.is("if_clause") ? clauses : body).add(c);
            }
            // The first iterable is evaluated in this scope; the rest in the comprehension's own.
            PyNode firstFor = clauses.stream().filter(c -> c.is("for_in_clause")).findFirst().orElse(null);
            if (firstFor != null && firstFor.child("right") != null) {
                visit(firstFor.child("right"));
            }
            if (chain.local().parent != null) {
                // Inside a function the outcome depends on the Python chalice runs on: 3.12 inlines comprehensions
                // into the function's scope (PEP 709), earlier ones give them a scope of their own.
                markUncertain(n);
            }
            String kind = comprehensionName(n);
            Table child = null;
            List<Table> named = chain.local().children.stream().filter(t -> t.name.equals(kind)).toList();
            if (named.size() == 1) {
                child = named.get(0);
            } else {
                for (Table t : named) {
                    if (t.line == n.line()) {
                        child = t;
                        break;
                    }
                }
            }
            List<PyNode> parts = new ArrayList<>();
            for (PyNode b : body) {
                if (b.is("pair")) {
                    parts.addAll(b.namedChildren());
                } else {
                    parts.add(b);
                }
            }
            boolean first = true;
            for (PyNode c : clauses) {
                if (c.is("for_in_clause")) {
                    if (!first && c.child("right") != null) {
                        parts.add(c.child("right"));
                    }
                    if (c.child("left") != null) {
                        parts.add(c.child("left"));
                    }
                    first = false;
                } else {
                    parts.addAll(c.namedChildren());
                }
            }
            if (child == null) {
                return;
            }
            Chain sub = new Chain(child, chain.local());
            for (PyNode p : parts) {
                new Infer(g, sub, p).visit(p);
            }
        }

        private void markUncertain(PyNode n) {
            g.uncertain.add(n.line());
            for (PyNode c : n.children()) {
                markUncertain(c);
            }
        }
    }

    /** The positional arguments of a call, before any keyword. */
    private static List<PyNode> positional(PyNode call) {
        List<PyNode> out = new ArrayList<>();
        PyNode args = call.child("arguments");
        if (args == null || !args.is("argument_list")) {
            if (args != null) {
                out.add(args);
            }
            return out;
        }
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument") || a.is("dictionary_splat")) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    /** The names of the parameters that positional arguments fill ({@code args.args}: not those before a {@code /}). */
    private static List<String> positionalParameters(PyNode def) {
        List<String> out = new ArrayList<>();
        PyNode params = def.child("parameters");
        if (params == null) {
            return out;
        }
        for (PyNode p : params.namedChildren()) {
            switch (p.type()) {
                case "identifier" -> out.add(p.text());
                case "default_parameter", "typed_default_parameter" -> {
                    PyNode nm = p.child("name");
                    out.add(nm == null ? "" : nm.text());
                }
                case "typed_parameter" -> {
                    PyNode id = p.firstOfType("identifier");
                    if (id == null) {
                        return out;
                    }
                    out.add(id.text());
                }
                case "positional_separator" -> out.clear();
                default -> {
                    return out;
                }
            }
        }
        return out;
    }

    /** The value of a plain string literal (a Python {@code ast.Constant} str: no f-string interpolation). */
    private static Optional<String> stringLiteral(PyNode n) {
        if (n.is("concatenated_string")) {
            StringBuilder sb = new StringBuilder();
            for (PyNode c : n.namedChildren()) {
                Optional<String> part = stringLiteral(c);
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                sb.append(part.get());
            }
            return Optional.of(sb.toString());
        }
        if (!n.is("string")) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (PyNode c : n.children()) {
            switch (c.type()) {
                case "string_start" -> {
                    String prefix = c.text().toLowerCase(java.util.Locale.ROOT);
                    if (prefix.contains("f") || prefix.contains("b")) {
                        return Optional.empty();
                    }
                }
                case "string_content" -> sb.append(c.text());
                case "interpolation", "escape_sequence" -> {
                    return Optional.empty();
                }
                default -> {
                }
            }
        }
        return Optional.of(sb.toString());
    }

    /** For tests and messages: the (service, method) pairs seen, as the generator's input to the policy. */
    public static Map<String, Set<String>> calls(Result r) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Seen s : r.seen()) {
            out.computeIfAbsent(s.service(), k -> new java.util.TreeSet<>()).add(s.method());
        }
        return out;
    }

    @Override
    public String toString() {
        return "ChaliceGenerator(" + Objects.toString(version) + ")";
    }
}

package dev.iampreflight.code.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project's structure: modules with their scopes, the functions and classes they define, every name binding
 * (assignments, parameters, imports, loop targets) and every call site. Each binding is also keyed by the node that
 * makes it ({@link #defsAt}), so {@link Flow} can order a scope's bindings: a read in a function or in module-level
 * code takes the bindings that reach it. Attributes set in any method ({@code self.x}) and class bodies stay
 * flow-insensitive: the union of everything assigned, which is what lazily created clients need.
 */
final class Index {

    final Map<String, ModuleInfo> modules = new LinkedHashMap<>();
    final List<CallSite> calls = new ArrayList<>();
    final Map<String, List<CallSite>> callsByName = new HashMap<>();
    /**
     * Attribute reads that are not called ({@code table.item_count}), with a lower-case name: on a boto3 resource
     * they may load it ({@link Boto3Models#lazyLoads}). Kept as sites whose node is the attribute.
     */
    final List<CallSite> attributeReads = new ArrayList<>();
    /** Calls whose callee is a parameter ({@code fn(...)} inside a decorator): they may call any function. */
    final List<CallSite> dynamicCalls = new ArrayList<>();
    /** {@code @decorator} applications: the decorator expression and the function it receives. */
    final List<Decoration> decorations = new ArrayList<>();
    final List<ClassInfo> classes = new ArrayList<>();
    /** {@code NAME[key] = value} by NAME: what a dict filled after its creation holds (a cache of clients). */
    final Map<String, List<Store>> stores = new HashMap<>();

    record Store(PyNode key, PyNode value, Scope scope) {
    }

    /**
     * The scope whose binding of {@code name} a read in {@code s} sees (Python's rule: the innermost function or
     * module scope that binds it, class bodies not enclosing their methods; the module when none does).
     */
    static Scope owner(String name, Scope s) {
        for (Scope x = s; x != null; x = x.parent) {
            if ((x == s || x.classBody == null) && x.bindings.containsKey(name)) {
                return x;
            }
        }
        return s.module.scope;
    }

    /**
     * A node in a scope, kept as the node's file and tree index with its view made on demand: the index keeps one
     * such record per call and per expression or loop binding of the project for the whole analysis (585 k call sites
     * at 5,000 modules), and a kept view was 24 bytes more each (a heap dump at the analysis's peak,
     * docs/performance.md, tenth session). Equal (same class, node and scope), hashed and printed as the records
     * {@code (node, scope)} they were, so no map's order changed.
     */
    abstract static class NodeInScope {
        private final PyFile file;
        private final int index;
        private final Scope scope;

        NodeInScope(PyNode node, Scope scope) {
            this.file = node.file();
            this.index = node.index();
            this.scope = scope;
        }

        final PyNode node() {
            return new PyNode(file, index);
        }

        final Scope scope() {
            return scope;
        }

        /** The record component's name of the node, for {@link #toString}. */
        abstract String nodeName();

        @Override
        public final boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && ((NodeInScope) o).index == index
                    && ((NodeInScope) o).file == file && java.util.Objects.equals(((NodeInScope) o).scope, scope);
        }

        @Override
        public final int hashCode() {
            // A record's hash of its two components: 31 * the node's + the scope's.
            return 31 * node().hashCode() + java.util.Objects.hashCode(scope);
        }

        @Override
        public final String toString() {
            return getClass().getSimpleName() + "[" + nodeName() + "=" + node() + ", scope=" + scope + "]";
        }
    }

    /** A call (or attribute read) in a scope. */
    static final class CallSite extends NodeInScope {
        CallSite(PyNode call, Scope scope) {
            super(call, scope);
        }

        PyNode call() {
            return node();
        }

        @Override
        String nodeName() {
            return "call";
        }
    }

    /** A binding of {@code name} in {@code scope}, made where it is keyed in {@link #defsAt}. */
    record Def(Scope scope, String name, Binding b) {
    }

    /**
     * The bindings each node makes (an assignment, a loop, a {@code with} item, an import, a definition; a function's
     * {@code parameters} node binds its parameters): what {@link Flow} replays in statement order.
     */
    final FlatMap<PyNode, Object> defsAt = new FlatMap<>();

    /**
     * The bindings {@code at} makes, in order: kept as a growing list while indexing, then (sealed) as the one
     * {@link Def} itself when there is one, as most nodes make one binding (a list of one was 24 bytes more for each of
     * ~0.5 M nodes at 5,000 modules), else as an immutable list.
     */
    @SuppressWarnings("unchecked")
    static List<Def> defs(Object kept) {
        return kept == null ? null : kept instanceof Def d ? List.of(d) : (List<Def>) kept;
    }

    record Decoration(PyNode decorator, Scope scope, FunctionInfo function) {
    }

    static final class ModuleInfo {
        final PyFile file;
        final Scope scope;
        final Index index;

        ModuleInfo(PyFile file, Index index) {
            this.file = file;
            this.index = index;
            this.scope = new Scope(null, this, null, null);
        }
    }

    /** A module, function or class body scope. */
    static final class Scope {
        final Scope parent;
        final ModuleInfo module;
        final FunctionInfo function;
        final ClassInfo classBody;
        /**
         * Per name, its bindings: a {@code HashMap} while the index is built, a {@link NameMap} (same iteration
         * order, a third of the bytes) once it is sealed.
         */
        Map<String, List<Binding>> bindings = new HashMap<>();
        /** Names declared {@code global}; an empty one is replaced by {@code Set.of()} when the index is sealed. */
        Set<String> globals = new HashSet<>();
        /** Modules imported with {@code from M import *}. */
        final List<String> wildcards = new ArrayList<>();

        Scope(Scope parent, ModuleInfo module, FunctionInfo function, ClassInfo classBody) {
            this.parent = parent;
            this.module = module;
            this.function = function;
            this.classBody = classBody;
            module.index.scopes.add(this);
        }

        /** Binds {@code name} by the statement or expression {@code at} (the flow analysis orders bindings by it). */
        void bind(String name, Binding b, PyNode at) {
            // One copy of each name for the whole project: bindings live as long as the analysis, and a large
            // project binds the same few names hundreds of thousands of times.
            name = name.intern();
            Scope target = globals.contains(name) ? module.scope : this;
            target.bindings.computeIfAbsent(name, k -> new ArrayList<>()).add(b);
            defs(module.index.defsAt.computeIfAbsent(at, k -> new ArrayList<Def>())).add(new Def(target, name, b));
        }
    }

    record Param(String name, int index, PyNode defaultValue, boolean star) {
    }

    static final class FunctionInfo {
        final String name;
        final String qualifiedName;
        final PyNode def;
        final ClassInfo owner;
        final List<PyNode> decorators;
        /** Growing lists while indexing, immutable exact-size copies once the index is sealed. */
        List<Param> params = new ArrayList<>();
        List<PyNode> returns = new ArrayList<>();
        Scope scope;

        FunctionInfo(String name, String qualifiedName, PyNode def, ClassInfo owner, List<PyNode> decorators) {
            // One copy of each name (the module facts keep the same ones, interned): see ModuleFacts.
            this.name = name.intern();
            this.qualifiedName = qualifiedName.intern();
            this.def = def;
            this.owner = owner;
            this.decorators = decorators;
        }

        boolean hasDecorator(String n) {
            for (PyNode d : decorators) {
                String t = d.text();
                if (t.equals(n) || t.endsWith("." + n)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether calls through an instance pass the instance as the first parameter. */
        boolean takesSelf() {
            return owner != null && !hasDecorator("staticmethod");
        }

        @Override
        public String toString() {
            return qualifiedName;
        }
    }

    static final class ClassInfo {
        final String name;
        final PyNode def;
        final Scope bodyScope;
        final Scope definingScope;
        final List<PyNode> bases = new ArrayList<>();
        final List<PyNode> decorators = new ArrayList<>();
        final Map<String, FunctionInfo> methods = new LinkedHashMap<>();
        /** {@code self.NAME = expr} in any method: NAME -> (expr, method scope). */
        final Map<String, List<Binding>> selfAttrs = new HashMap<>();

        /** {@code @dataclass} (also {@code @dataclasses.dataclass(...)}): fields are set by the constructor. */
        boolean isDataclass() {
            for (PyNode d : decorators) {
                String t = d.is("call") && d.child("function") != null ? d.child("function").text() : d.text();
                if (t.equals("dataclass") || t.endsWith(".dataclass")) {
                    return true;
                }
            }
            return false;
        }

        /** The annotated names of the class body, in order: a dataclass's fields, its constructor's parameters. */
        List<String> fields() {
            List<String> out = new ArrayList<>();
            PyNode body = def.child("body");
            if (body != null) {
                for (PyNode st : body.namedChildren()) {
                    PyNode a = st.is("expression_statement") && !st.namedChildren().isEmpty()
                            ? st.namedChildren().get(0) : null;
                    if (a != null && a.is("assignment") && a.child("type") != null && a.child("left") != null
                            && a.child("left").is("identifier") && !a.child("type").text().startsWith("ClassVar")) {
                        out.add(a.child("left").text());
                    }
                }
            }
            return out;
        }

        ClassInfo(String name, PyNode def, Scope definingScope) {
            this.name = name;
            this.def = def;
            this.definingScope = definingScope;
            this.bodyScope = new Scope(definingScope, definingScope.module, null, this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One way a name (or self attribute) gets a value. */
    sealed interface Binding {
    }

    /** {@code NAME = expr} and the like. */
    static final class ExprB extends NodeInScope implements Binding {
        ExprB(PyNode expr, Scope scope) {
            super(expr, scope);
        }

        PyNode expr() {
            return node();
        }

        @Override
        String nodeName() {
            return "expr";
        }
    }

    /** {@code for NAME in iterable} (also comprehensions). */
    static final class IterB extends NodeInScope implements Binding {
        IterB(PyNode iterable, Scope scope) {
            super(iterable, scope);
        }

        PyNode iterable() {
            return node();
        }

        @Override
        String nodeName() {
            return "iterable";
        }
    }

    /** {@code a, b = expr}: element {@code index} of expr. */
    record UnpackB(PyNode expr, int index, Scope scope) implements Binding {
    }

    /** {@code NAME op= expr}: the name's value before the statement combined with expr. */
    record AugB(PyNode node, Scope scope) implements Binding {
    }

    record ParamB(FunctionInfo f, Param p) implements Binding {
    }

    /** {@code import module} ({@code attr == null}) or {@code from module import attr}. */
    record ImportB(String module, String attr) implements Binding {
        ImportB {
            module = module.intern();
            attr = attr == null ? null : attr.intern();
        }
    }

    record DefB(FunctionInfo f) implements Binding {
    }

    record ClassB(ClassInfo c) implements Binding {
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** Every scope made, for {@link #seal}. */
    private final List<Scope> scopes = new ArrayList<>();
    private boolean sealed;

    /**
     * Ends indexing (the evaluator calls it; {@link #add} is refused afterwards): the lists built one element at a
     * time become exact-size immutable ones. Most hold one or two elements, and a growable list of one costs 80
     * bytes where an immutable one costs 16; at 5,000 modules there are about a million of them.
     */
    void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        defsAt.replaceValues(v -> ((List<?>) v).size() == 1 ? ((List<?>) v).get(0) : List.copyOf((List<?>) v));
        callsByName.replaceAll((k, v) -> List.copyOf(v));
        stores.replaceAll((k, v) -> List.copyOf(v));
        for (Scope s : scopes) {
            s.bindings.replaceAll((k, v) -> List.copyOf(v));
            s.bindings = NameMap.of(s.bindings);
            if (s.globals.isEmpty()) {
                s.globals = Set.of();
            }
            ((ArrayList<String>) s.wildcards).trimToSize();
            if (s.function != null) {
                s.function.params = List.copyOf(s.function.params);
                s.function.returns = List.copyOf(s.function.returns);
            }
        }
        for (ClassInfo c : classes) {
            c.selfAttrs.replaceAll((k, v) -> List.copyOf(v));
            ((ArrayList<PyNode>) c.bases).trimToSize();
            ((ArrayList<PyNode>) c.decorators).trimToSize();
        }
        ((ArrayList<CallSite>) calls).trimToSize();
        ((ArrayList<CallSite>) attributeReads).trimToSize();
        scopes.clear();
        ((ArrayList<Scope>) scopes).trimToSize();
    }

    void add(PyFile file) {
        if (sealed) {
            throw new IllegalStateException("the index is sealed: an evaluator already reads it");
        }
        ModuleInfo m = new ModuleInfo(file, this);
        modules.put(file.module(), m);
        walkBlock(file.root(), m.scope, "");
        collectValueNames(file.root());
    }

    /**
     * Names used as values somewhere in the project (not only called): identifiers and attribute names anywhere but
     * in a call's callee position, a definition's name, a keyword argument's name or an import, plus the strings
     * that look like names ({@code getattr(module, "handler")}, dispatch tables keyed by name). A function or class
     * whose name is not among them is never passed around as a value, so no call through a parameter
     * ({@link #dynamicCalls}) can reach it: its parameters need not look at those calls.
     */
    private final Set<String> valueNames = new HashSet<>();
    /** {@code from m import f as g}: g -> f (f is used as a value where g is). */
    private final Map<String, List<String>> importAliases = new HashMap<>();
    private Set<String> valueNamesClosed;

    /** {@code [A-Za-z_][A-Za-z0-9_]*} without a regular expression (run on every string literal of the project). */
    private static boolean isIdentifier(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private void collectValueNames(PyNode root) {
        java.util.ArrayDeque<PyNode> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            PyNode n = todo.pop();
            PyNode parent = n.parent();
            switch (n.type()) {
                case "identifier" -> {
                    if (parent == null || !(parent.is("attribute") && "attribute".equals(n.field()))
                            && !(parent.is("call") && "function".equals(n.field()))
                            && !((parent.is("function_definition") || parent.is("class_definition")
                            || parent.is("keyword_argument")) && "name".equals(n.field()))
                            && !parent.is("dotted_name") && !parent.is("aliased_import")) {
                        valueNames.add(n.text());
                    }
                }
                case "attribute" -> {
                    PyNode attr = n.child("attribute");
                    if (attr != null && !(parent != null && parent.is("call") && "function".equals(n.field()))) {
                        valueNames.add(attr.text());
                    }
                }
                case "string_content" -> {
                    String t = n.text();
                    if (t.length() <= 100 && isIdentifier(t)) {
                        valueNames.add(t);
                    }
                }
                case "aliased_import" -> {
                    PyNode name = n.child("name");
                    PyNode alias = n.child("alias");
                    if (name != null && alias != null) {
                        String dotted = name.text();
                        importAliases.computeIfAbsent(alias.text(), k -> new ArrayList<>())
                                .add(dotted.substring(dotted.lastIndexOf('.') + 1));
                    }
                }
                default -> {
                }
            }
            for (PyNode c : n.children()) {
                todo.push(c);
            }
        }
    }

    /** Whether {@code name} is used as a value somewhere (see {@link #valueNames}); call once every file is added. */
    boolean usedAsValue(String name) {
        if (valueNamesClosed == null) {
            Set<String> closed = new HashSet<>(valueNames);
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(closed);
            while (!todo.isEmpty()) {
                for (String original : importAliases.getOrDefault(todo.pop(), List.of())) {
                    if (closed.add(original)) {
                        todo.push(original);
                    }
                }
            }
            valueNamesClosed = closed;
        }
        return valueNamesClosed.contains(name);
    }

    private void walkBlock(PyNode node, Scope scope, String prefix) {
        for (PyNode c : node.children()) {
            walk(c, scope, prefix);
        }
    }

    private void walk(PyNode n, Scope scope, String prefix) {
        switch (n.type()) {
            case "function_definition" -> defineFunction(n, List.of(), scope, prefix);
            case "class_definition" -> defineClass(n, scope, prefix);
            case "decorated_definition" -> {
                List<PyNode> decorators = new ArrayList<>();
                for (PyNode c : n.children()) {
                    if (c.is("decorator")) {
                        PyNode expr = c.namedChildren().isEmpty() ? null : c.namedChildren().get(0);
                        if (expr != null) {
                            decorators.add(expr);
                            walk(expr, scope, prefix);
                        }
                    }
                }
                PyNode def = n.child("definition");
                if (def != null && def.is("function_definition")) {
                    FunctionInfo f = defineFunction(def, decorators, scope, prefix);
                    for (PyNode d : decorators) {
                        decorations.add(new Decoration(d, scope, f));
                    }
                } else if (def != null && def.is("class_definition")) {
                    defineClass(def, scope, prefix).decorators.addAll(decorators);
                } else if (def != null) {
                    walk(def, scope, prefix);
                }
            }
            case "import_statement" -> {
                for (PyNode c : n.childrenOf("name")) {
                    if (c.is("aliased_import")) {
                        scope.bind(c.child("alias").text(), new ImportB(c.child("name").text(), null), n);
                    } else {
                        String dotted = c.text();
                        String first = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
                        scope.bind(first, new ImportB(first, null), n);
                    }
                }
            }
            case "import_from_statement" -> {
                PyNode mod = n.child("module_name");
                String module = mod == null ? "" : resolveRelative(mod, scope.module.file);
                if (n.firstOfType("wildcard_import") != null) {
                    scope.module.scope.wildcards.add(module);
                }
                for (PyNode c : n.childrenOf("name")) {
                    if (c.is("aliased_import")) {
                        scope.bind(c.child("alias").text(), new ImportB(module, c.child("name").text()), n);
                    } else {
                        scope.bind(c.text(), new ImportB(module, c.text()), n);
                    }
                }
            }
            case "global_statement", "nonlocal_statement" -> {
                if (n.is("global_statement")) {
                    for (PyNode c : n.namedChildren()) {
                        scope.globals.add(c.text());
                    }
                }
            }
            case "assignment" -> {
                PyNode left = n.child("left");
                PyNode right = n.child("right");
                // a = b = expr: the inner assignment is the right side.
                PyNode value = right;
                while (value != null && value.is("assignment")) {
                    value = value.child("right");
                }
                if (left != null && value != null) {
                    bindTarget(left, value, scope, -1, n);
                }
                if (right != null && right.is("assignment")) {
                    walk(right, scope, prefix);
                } else if (right != null) {
                    walk(right, scope, prefix);
                }
            }
            case "named_expression" -> {
                PyNode name = n.child("name");
                PyNode value = n.child("value");
                if (name != null && value != null) {
                    scope.bind(name.text(), new ExprB(value, scope), n);
                }
                walkBlock(n, scope, prefix);
            }
            case "augmented_assignment" -> {
                PyNode left = n.child("left");
                if (left != null && left.is("identifier")) {
                    scope.bind(left.text(), new AugB(n, scope), n);
                }
                walkBlock(n, scope, prefix);
            }
            case "for_statement", "for_in_clause" -> {
                PyNode left = n.child("left");
                PyNode right = n.child("right");
                if (left != null && right != null) {
                    bindIter(left, right, scope, n);
                }
                walkBlock(n, scope, prefix);
            }
            case "with_item" -> {
                PyNode v = n.child("value");
                if (v != null && v.is("as_pattern")) {
                    PyNode expr = v.namedChildren().get(0);
                    PyNode alias = v.child("alias");
                    if (alias != null && !alias.namedChildren().isEmpty()) {
                        bindTarget(alias.namedChildren().get(0), expr, scope, -1, n);
                    }
                }
                walkBlock(n, scope, prefix);
            }
            case "return_statement" -> {
                if (scope.function != null && !n.namedChildren().isEmpty()) {
                    scope.function.returns.add(n.namedChildren().get(0));
                }
                walkBlock(n, scope, prefix);
            }
            case "yield" -> {
                if (scope.function != null && !n.namedChildren().isEmpty()) {
                    scope.function.returns.add(n.namedChildren().get(0));
                }
                walkBlock(n, scope, prefix);
            }
            case "call" -> {
                CallSite site = new CallSite(n, scope);
                calls.add(site);
                PyNode fn = n.child("function");
                String name = fn == null ? null : fn.is("identifier") ? fn.text()
                        : fn.is("attribute") && fn.child("attribute") != null ? fn.child("attribute").text() : null;
                if (name != null) {
                    List<CallSite> named = callsByName.get(name);
                    if (named == null) {
                        callsByName.put(name.intern(), named = new ArrayList<>());
                    }
                    named.add(site);
                }
                if (fn != null && fn.is("identifier") && isParameter(fn.text(), scope)) {
                    dynamicCalls.add(site);
                }
                walkBlock(n, scope, prefix);
            }
            case "attribute" -> {
                PyNode attr = n.child("attribute");
                PyNode parent = n.parent();
                if (attr != null && !(parent != null && parent.is("call") && "function".equals(n.field()))
                        && !attr.text().startsWith("_") && attr.text().equals(attr.text().toLowerCase(Locale.ROOT))) {
                    attributeReads.add(new CallSite(n, scope));
                }
                walkBlock(n, scope, prefix);
            }
            default -> walkBlock(n, scope, prefix);
        }
    }

    /** Whether {@code name} is a parameter of the function of {@code scope} or of an enclosing function. */
    private static boolean isParameter(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            if (s.function != null) {
                for (Param p : s.function.params) {
                    if (p.name().equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void bindTarget(PyNode target, PyNode value, Scope scope, int index, PyNode at) {
        switch (target.type()) {
            case "identifier" -> scope.bind(target.text(),
                    index < 0 ? new ExprB(value, scope) : new UnpackB(value, index, scope), at);
            case "pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple" -> {
                List<PyNode> parts = target.namedChildren();
                for (int i = 0; i < parts.size(); i++) {
                    if (index < 0) {
                        bindTarget(parts.get(i), value, scope, i, at);
                    }
                }
            }
            case "subscript" -> {
                PyNode obj = target.child("value");
                PyNode key = target.child("subscript");
                if (index < 0 && obj != null && key != null && obj.is("identifier")) {
                    stores.computeIfAbsent(obj.text(), k -> new ArrayList<>()).add(new Store(key, value, scope));
                }
            }
            case "attribute" -> {
                PyNode obj = target.child("object");
                PyNode attr = target.child("attribute");
                FunctionInfo f = scope.function;
                if (obj != null && attr != null && obj.is("identifier") && f != null && f.owner != null
                        && f.takesSelf() && !f.params.isEmpty() && f.params.get(0).name().equals(obj.text())) {
                    f.owner.selfAttrs.computeIfAbsent(attr.text(), k -> new ArrayList<>())
                            .add(index < 0 ? new ExprB(value, scope) : new UnpackB(value, index, scope));
                }
            }
            default -> {
            }
        }
    }

    private void bindIter(PyNode target, PyNode iterable, Scope scope, PyNode at) {
        if (target.is("identifier")) {
            scope.bind(target.text(), new IterB(iterable, scope), at);
        }
        // for a, b in ...: the elements are rarely SDK objects; left unbound.
    }

    private FunctionInfo defineFunction(PyNode def, List<PyNode> decorators, Scope scope, String prefix) {
        PyNode nameNode = def.child("name");
        String name = nameNode == null ? "<lambda>" : nameNode.text();
        ClassInfo owner = scope.classBody;
        FunctionInfo f = new FunctionInfo(name, prefix + name, def, owner, decorators);
        // Methods see the module (or enclosing function) scope, not the class body: Python's scoping rule.
        Scope parent = owner != null ? owner.definingScope : scope;
        f.scope = new Scope(parent, scope.module, f, null);
        if (owner != null) {
            owner.methods.put(name, f);
            owner.bodyScope.bind(name, new DefB(f), def);
        } else {
            scope.bind(name, new DefB(f), def);
        }
        PyNode params = def.child("parameters");
        if (params != null) {
            int i = 0;
            for (PyNode p : params.namedChildren()) {
                String pname = null;
                PyNode dflt = null;
                boolean star = false;
                switch (p.type()) {
                    case "identifier" -> pname = p.text();
                    case "typed_parameter" -> {
                        PyNode id = p.firstOfType("identifier");
                        pname = id == null ? null : id.text();
                    }
                    case "default_parameter", "typed_default_parameter" -> {
                        pname = p.child("name") == null ? null : p.child("name").text();
                        dflt = p.child("value");
                    }
                    case "list_splat_pattern", "dictionary_splat_pattern" -> {
                        PyNode id = p.firstOfType("identifier");
                        pname = id == null ? null : id.text();
                        star = true;
                    }
                    default -> {
                    }
                }
                if (pname != null) {
                    pname = pname.intern();
                    Param param = new Param(pname, i, dflt, star);
                    f.params.add(param);
                    f.scope.bind(pname, new ParamB(f, param), params);
                    if (dflt != null) {
                        walk(dflt, scope, prefix);
                    }
                }
                if (!star) {
                    i++;
                }
            }
        }
        PyNode body = def.child("body");
        if (body != null) {
            walkBlock(body, f.scope, prefix + name + ".");
        }
        return f;
    }

    private ClassInfo defineClass(PyNode def, Scope scope, String prefix) {
        PyNode nameNode = def.child("name");
        String name = nameNode == null ? "?" : nameNode.text();
        ClassInfo c = new ClassInfo(name, def, scope);
        classes.add(c);
        scope.bind(name, new ClassB(c), def);
        PyNode supers = def.child("superclasses");
        if (supers != null) {
            for (PyNode b : supers.namedChildren()) {
                if (!b.is("keyword_argument")) {
                    c.bases.add(b);
                }
            }
        }
        PyNode body = def.child("body");
        if (body != null) {
            walkBlock(body, c.bodyScope, prefix + name + ".");
        }
        return c;
    }

    /** {@code from .db import x} in {@code chalicelib/api.py} -> {@code chalicelib.db}. */
    static String resolveRelative(PyNode moduleName, PyFile file) {
        if (!moduleName.is("relative_import")) {
            return moduleName.text();
        }
        PyNode prefixNode = moduleName.firstOfType("import_prefix");
        int dots = prefixNode == null ? 1 : prefixNode.text().length();
        PyNode dotted = moduleName.firstOfType("dotted_name");
        List<String> pkg = new ArrayList<>(file.module().isEmpty() ? List.of() : List.of(file.module().split("\\.")));
        if (!file.isPackage() && !pkg.isEmpty()) {
            pkg.remove(pkg.size() - 1);
        }
        for (int i = 1; i < dots && !pkg.isEmpty(); i++) {
            pkg.remove(pkg.size() - 1);
        }
        if (dotted != null) {
            pkg.add(dotted.text());
        }
        return String.join(".", pkg);
    }

    /** A project module by name; a Chalice-style import ({@code chalicelib.db}) also finds {@code src.chalicelib.db}. */
    ModuleInfo module(String name) {
        ModuleInfo m = modules.get(name);
        if (m != null || name.isEmpty()) {
            return m;
        }
        return bySuffix.computeIfAbsent(name, n -> {
            for (Map.Entry<String, ModuleInfo> e : modules.entrySet()) {
                if (e.getKey().endsWith("." + n)) {
                    return Optional.of(e.getValue());
                }
            }
            return Optional.empty();
        }).orElse(null);
    }

    private final Map<String, Optional<ModuleInfo>> bySuffix = new HashMap<>();

    /**
     * A read-only map of names for the scopes' bindings once the index is sealed: keys and values side by side in
     * one array, in the order of the {@code HashMap} it copies (so what iterates it, {@link LibraryCalls#holders},
     * meets the names as before), and for more than eight names a table of positions probed linearly (hash and probe
     * start are {@link FlatMap}'s). About 14 bytes a name where a {@code HashMap} costs a 32-byte node and its slot;
     * at 1,000 modules the 25 k scopes' maps were 5 % of the live data (docs/performance.md, tenth session).
     */
    static final class NameMap<V> extends java.util.AbstractMap<String, V> {
        /** Scanned without a table up to this many names. */
        private static final int SCAN = 8;
        /** Key at {@code 2i}, value at {@code 2i + 1}. */
        private final Object[] entries;
        /** For more than {@link #SCAN} names: the position plus one of the name that owns each slot, 0 for none. */
        private final int[] table;

        private NameMap(Object[] entries, int[] table) {
            this.entries = entries;
            this.table = table;
        }

        static <V> Map<String, V> of(Map<String, V> m) {
            if (m.isEmpty()) {
                return Map.of();
            }
            int n = m.size();
            Object[] e = new Object[2 * n];
            int i = 0;
            for (Map.Entry<String, V> x : m.entrySet()) {
                e[i++] = x.getKey();
                e[i++] = x.getValue();
            }
            int[] t = null;
            if (n > SCAN) {
                t = new int[2 * n];
                for (int k = 0; k < n; k++) {
                    int j = FlatMap.home(FlatMap.hash(e[2 * k]), t.length);
                    while (t[j] != 0) {
                        j = j + 1 == t.length ? 0 : j + 1;
                    }
                    t[j] = k + 1;
                }
            }
            return new NameMap<>(e, t);
        }

        /** The position of {@code key}'s key in {@link #entries}, or -1. */
        private int find(Object key) {
            if (!(key instanceof String)) {
                return -1;
            }
            Object[] e = entries;
            if (table == null) {
                for (int i = 0; i < e.length; i += 2) {
                    if (e[i] == key || e[i].equals(key)) {
                        return i;
                    }
                }
                return -1;
            }
            int[] t = table;
            int j = FlatMap.home(FlatMap.hash(key), t.length);
            while (t[j] != 0) {
                int i = 2 * (t[j] - 1);
                if (e[i] == key || e[i].equals(key)) {
                    return i;
                }
                j = j + 1 == t.length ? 0 : j + 1;
            }
            return -1;
        }

        @Override
        public int size() {
            return entries.length / 2;
        }

        @Override
        public boolean containsKey(Object key) {
            return find(key) >= 0;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(Object key) {
            int i = find(key);
            return i < 0 ? null : (V) entries[i + 1];
        }

        @Override
        @SuppressWarnings("unchecked")
        public V getOrDefault(Object key, V otherwise) {
            int i = find(key);
            return i < 0 ? otherwise : (V) entries[i + 1];
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public int size() {
                    return entries.length / 2;
                }

                @Override
                public java.util.Iterator<Map.Entry<String, V>> iterator() {
                    return new java.util.Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < entries.length;
                        }

                        @Override
                        @SuppressWarnings("unchecked")
                        public Map.Entry<String, V> next() {
                            if (i >= entries.length) {
                                throw new java.util.NoSuchElementException();
                            }
                            Map.Entry<String, V> x = new java.util.AbstractMap.SimpleImmutableEntry<>(
                                    (String) entries[i], (V) entries[i + 1]);
                            i += 2;
                            return x;
                        }
                    };
                }
            };
        }
    }
}

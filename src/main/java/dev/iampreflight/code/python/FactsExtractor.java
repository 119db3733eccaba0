package dev.iampreflight.code.python;

import dev.iampreflight.code.ModuleFacts;
import dev.iampreflight.code.Reachability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a parsed file's {@link ModuleFacts}: its imports, its units of code and the names each mentions. One pass
 * over the tree with an explicit stack (no recursion, so deeply nested code cannot overflow the thread's stack); the
 * cost is linear in the size of the tree.
 */
final class FactsExtractor {

    private static final Pattern IDENTIFIER_STRING = Pattern.compile("^[rRbBuU]?(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1$");

    private FactsExtractor() {
    }

    /** Where a node is: the unit whose body it is in (null at module level) and the classes around it. */
    private record Frame(PyNode node, Builder unit, String classPrefix, String className) {
    }

    private static final class Builder {
        final String qualifiedName;
        final String name;
        final String className;
        final boolean decorated;
        final Set<String> refs = new HashSet<>();
        final Set<String> attrRefs = new HashSet<>();
        final Set<String> calls = new HashSet<>();
        int minArgs;
        int maxArgs = Integer.MAX_VALUE;

        Builder(String qualifiedName, String name, String className, boolean decorated) {
            this.qualifiedName = qualifiedName;
            this.name = name;
            this.className = className;
            this.decorated = decorated;
        }
    }

    static ModuleFacts of(PyFile file) {
        List<ModuleFacts.Import> imports = new ArrayList<>();
        Map<String, Builder> units = new LinkedHashMap<>();
        Map<String, List<String>> classes = new LinkedHashMap<>();
        Set<String> moduleRefs = new HashSet<>();
        Set<String> moduleAttrRefs = new HashSet<>();
        Set<String> moduleCalls = new HashSet<>();
        Map<String, ModuleFacts.Import> bindings = new LinkedHashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(file.root(), null, "", null));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            PyNode n = f.node();
            Set<String> refs = f.unit() == null ? moduleRefs : f.unit().refs;
            Set<String> attrRefs = f.unit() == null ? moduleAttrRefs : f.unit().attrRefs;
            Set<String> calls = f.unit() == null ? moduleCalls : f.unit().calls;
            switch (n.type()) {
                case "decorated_definition" -> {
                    for (PyNode c : n.children()) {
                        if (c.is("decorator")) {
                            stack.push(new Frame(c, f.unit(), f.classPrefix(), f.className()));
                        }
                    }
                    PyNode def = n.child("definition");
                    if (def != null && def.is("function_definition")) {
                        function(def, registers(n), f, units, stack);
                    } else if (def != null) {
                        stack.push(new Frame(def, f.unit(), f.classPrefix(), f.className()));
                    }
                }
                case "function_definition" -> function(n, false, f, units, stack);
                case "if_statement" -> {
                    if (MainGuard.is(n)) {
                        // Runs only when the file is run as a script: a unit of its own, never reached by an import.
                        Builder main = units.computeIfAbsent(Reachability.MAIN,
                                k -> new Builder(Reachability.MAIN, Reachability.MAIN, null, false));
                        for (PyNode c : n.children()) {
                            stack.push(new Frame(c, c.equals(n.child("consequence")) ? main : null, f.classPrefix(),
                                    f.className()));
                        }
                    } else {
                        pushChildren(n, f, stack);
                    }
                }
                case "class_definition" -> {
                    PyNode name = n.child("name");
                    if (f.unit() != null || name == null) {
                        pushChildren(n, f, stack);
                    } else {
                        for (PyNode c : n.children()) {
                            if (c.is("block")) {
                                String qualified = f.classPrefix() + name.text();
                                classes.put(qualified, bases(n));
                                stack.push(new Frame(c, null, qualified + ".", qualified));
                            } else if (!c.equals(name)) {
                                stack.push(new Frame(c, null, f.classPrefix(), f.className()));
                            }
                        }
                    }
                }
                case "import_statement" -> {
                    for (PyNode c : n.childrenOf("name")) {
                        PyNode dotted = c.is("aliased_import") ? c.child("name") : c;
                        if (dotted != null) {
                            imports.add(new ModuleFacts.Import(0, dotted.text(), List.of()));
                            PyNode alias = c.is("aliased_import") ? c.child("alias") : null;
                            String module = dotted.text();
                            bindings.put(alias != null ? alias.text() : module.split("\\.")[0],
                                    new ModuleFacts.Import(0, alias != null ? module : module.split("\\.")[0],
                                            List.of()));
                        }
                    }
                }
                case "import_from_statement" -> {
                    ModuleFacts.Import imp = fromImport(n);
                    imports.add(imp);
                    for (PyNode c : n.childrenOf("name")) {
                        PyNode dotted = c.is("aliased_import") ? c.child("name") : c;
                        PyNode alias = c.is("aliased_import") ? c.child("alias") : null;
                        if (dotted != null) {
                            bindings.put(alias != null ? alias.text() : dotted.text(),
                                    new ModuleFacts.Import(imp.level(), imp.module(), List.of(dotted.text())));
                        }
                    }
                }
                case "identifier" -> refs.add(n.text());
                case "attribute" -> {
                    PyNode attr = n.child("attribute");
                    PyNode object = n.child("object");
                    int arity = attr == null ? -1 : positionalArity(n);
                    if (arity >= 0) {
                        // A method call with a known number of positional arguments: see plainRefs.
                        calls.add((object != null && object.is("identifier") ? object.text() : "") + "."
                                + attr.text() + "/" + arity);
                    } else if (attr != null && object != null && object.is("identifier")) {
                        // Kept with the name it is read on: X.f reaches only X's f when an import binds X.
                        attrRefs.add(object.text() + "." + attr.text());
                    } else if (attr != null) {
                        refs.add(attr.text());
                    }
                    if (object != null) {
                        stack.push(new Frame(object, f.unit(), f.classPrefix(), f.className()));
                    }
                }
                case "string" -> {
                    var m = IDENTIFIER_STRING.matcher(n.text());
                    if (m.matches()) {
                        refs.add(m.group(2));
                    }
                    pushChildren(n, f, stack);
                }
                default -> pushChildren(n, f, stack);
            }
        }
        Map<String, ModuleFacts.Unit> out = new LinkedHashMap<>();
        units.forEach((k, b) -> {
            Set<String> attrs = new HashSet<>(b.attrRefs);
            Set<String> arityCalls = arityCalls(b.calls, attrs, bindings.keySet());
            out.put(k, new ModuleFacts.Unit(b.qualifiedName, b.name, b.className, b.decorated,
                    canonical(plainRefs(b.refs, attrs, bindings.keySet())), canonical(attrs), canonical(arityCalls),
                    b.minArgs, b.maxArgs));
        });
        Set<String> attrs = new HashSet<>(moduleAttrRefs);
        Set<String> arityCalls = arityCalls(moduleCalls, attrs, bindings.keySet());
        return new ModuleFacts(file.path(), imports, out, canonical(plainRefs(moduleRefs, attrs, bindings.keySet())),
                classes, canonical(attrs), bindings, canonical(arityCalls), EnvAssumptions.of(file),
                EnvAssumptions.writes(file));
    }

    /**
     * The names with one shared copy of each: every unit of every file keeps the names it mentions for the whole run
     * (reachability reads them per target), and the same few names recur in most units; a large project's copies
     * were millions of strings.
     */
    private static Set<String> canonical(Set<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) {
            out.add(n.intern());
        }
        return out;
    }

    /**
     * The method calls {@code o.f(a, b)} with a known number of positional arguments and no keyword argument, as
     * {@code f/2}; a call on a name an import binds ({@code helpers.f(x)}) is an attribute read of it instead
     * (added to {@code attrs}), since it is that module's function.
     */
    private static Set<String> arityCalls(Set<String> calls, Set<String> attrs, Set<String> imported) {
        Set<String> out = new HashSet<>();
        for (String c : calls) {
            int dot = c.indexOf('.');
            String object = c.substring(0, dot);
            String named = c.substring(dot + 1);
            if (imported.contains(object)) {
                attrs.add(object + "." + named.substring(0, named.lastIndexOf('/')));
            } else {
                out.add(named);
            }
        }
        return out;
    }

    /**
     * How many positional arguments the call whose callee is the attribute {@code attr} passes, or -1 when it is no
     * call's callee, or passes keyword arguments or unpacks ({@code *xs}, {@code **kw}): then any signature may fit.
     */
    private static int positionalArity(PyNode attr) {
        PyNode call = attr.parent();
        if (call == null || !call.is("call") || !attr.equals(call.child("function"))) {
            return -1;
        }
        PyNode args = call.child("arguments");
        if (args == null || !args.is("argument_list")) {
            return -1;
        }
        int n = 0;
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument") || a.is("list_splat") || a.is("dictionary_splat") || a.is("comment")) {
                if (!a.is("comment")) {
                    return -1;
                }
                continue;
            }
            n++;
        }
        return n;
    }

    /** The names mentioned, with the attributes read on names no import binds (an import-bound X.f is X's f). */
    private static Set<String> plainRefs(Set<String> refs, Set<String> attrRefs, Set<String> imported) {
        Set<String> out = new HashSet<>(refs);
        for (String a : attrRefs) {
            int dot = a.indexOf('.');
            if (!imported.contains(a.substring(0, dot))) {
                out.add(a.substring(dot + 1));
            }
        }
        return out;
    }

    /**
     * Decorators that only wrap or describe a function and never call it or hand it to a framework: a function
     * decorated only with these is reached when code names it, like any other.
     */
    private static final Set<String> DESCRIPTIVE_DECORATORS = Set.of("classmethod", "staticmethod", "property",
            "abstractmethod", "abc.abstractmethod", "cached_property", "functools.cached_property", "lru_cache",
            "functools.lru_cache", "cache", "functools.cache", "overload", "typing.overload", "override",
            "typing.override", "typing_extensions.override",
            // contextlib's wrappers return a function that builds a context manager when called; they register
            // nothing (https://docs.python.org/3/library/contextlib.html#contextlib.contextmanager).
            "contextmanager", "contextlib.contextmanager", "asynccontextmanager", "contextlib.asynccontextmanager");

    /** Whether a decorator of this definition may register or call the function without code naming it. */
    private static boolean registers(PyNode decorated) {
        for (PyNode c : decorated.children()) {
            if (!c.is("decorator")) {
                continue;
            }
            String text = c.text().substring(1).strip();
            int paren = text.indexOf('(');
            String name = paren < 0 ? text : text.substring(0, paren).strip();
            boolean accessor = name.endsWith(".setter") || name.endsWith(".getter") || name.endsWith(".deleter");
            if (!accessor && !DESCRIPTIVE_DECORATORS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A function: a unit of its own at module or class level; part of the enclosing unit when nested in one. */
    private static void function(PyNode def, boolean decorated, Frame f, Map<String, Builder> units,
                                 Deque<Frame> stack) {
        PyNode name = def.child("name");
        if (f.unit() != null || name == null) {
            pushChildren(def, f, stack);
            return;
        }
        String qualified = f.classPrefix() + name.text();
        Builder unit = units.computeIfAbsent(qualified,
                k -> new Builder(qualified, name.text(), f.className(), decorated));
        signature(def, f.className() != null, unit);
        for (PyNode c : def.children()) {
            if (c.is("block")) {
                stack.push(new Frame(c, unit, f.classPrefix(), f.className()));
            } else if (c.is("parameters")) {
                // A parameter's name binds, it mentions nothing (a parameter called remediationTime does not run a
                // method of that name); its default value and annotation run with the def statement.
                for (PyNode p : c.namedChildren()) {
                    for (String field : List.of("value", "type")) {
                        PyNode x = p.child(field);
                        if (x != null) {
                            stack.push(new Frame(x, null, f.classPrefix(), f.className()));
                        }
                    }
                }
            } else if (!c.equals(name)) {
                // Default values and annotations run when the def statement runs.
                stack.push(new Frame(c, null, f.classPrefix(), f.className()));
            }
        }
    }

    /**
     * How many positional arguments a call of the unit may pass (after the receiver of a method), when its
     * signature says so: a wrapping decorator (other than {@code @classmethod}/{@code @staticmethod}) makes it
     * unknown (0 to any).
     */
    private static void signature(PyNode def, boolean method, Builder unit) {
        PyNode decorated = def.parent();
        boolean staticMethod = false;
        if (decorated != null && decorated.is("decorated_definition")) {
            for (PyNode c : decorated.children()) {
                if (!c.is("decorator")) {
                    continue;
                }
                String d = c.text().substring(1).strip();
                if (d.equals("staticmethod")) {
                    staticMethod = true;
                } else if (!d.equals("classmethod")) {
                    return;
                }
            }
        }
        PyNode params = def.child("parameters");
        if (params == null) {
            return;
        }
        int required = 0;
        int positional = 0;
        boolean unbounded = false;
        for (PyNode p : params.namedChildren()) {
            if (p.is("list_splat_pattern") || p.is("keyword_separator")
                    || p.is("typed_parameter") && p.firstOfType("list_splat_pattern") != null) {
                unbounded = p.is("list_splat_pattern") || p.is("typed_parameter");
                break;
            }
            if (p.is("dictionary_splat_pattern") || p.is("typed_parameter")
                    && p.firstOfType("dictionary_splat_pattern") != null) {
                break;
            }
            if (p.is("identifier") || p.is("typed_parameter")) {
                required++;
                positional++;
            } else if (p.is("default_parameter") || p.is("typed_default_parameter")) {
                positional++;
            } else if (!p.is("positional_separator") && !p.is("comment")) {
                return;
            }
        }
        int receiver = method && !staticMethod ? 1 : 0;
        unit.minArgs = Math.max(0, required - receiver);
        unit.maxArgs = unbounded ? Integer.MAX_VALUE : Math.max(0, positional - receiver);
    }

    /** The simple names of a class's bases ({@code db.Model} -> {@code Model}); keyword arguments are not bases. */
    private static List<String> bases(PyNode classDef) {
        List<String> out = new ArrayList<>();
        PyNode supers = classDef.child("superclasses");
        if (supers != null) {
            for (PyNode b : supers.namedChildren()) {
                if (b.is("identifier")) {
                    out.add(b.text());
                } else if (b.is("attribute") && b.child("attribute") != null) {
                    out.add(b.child("attribute").text());
                } else if (!b.is("keyword_argument")) {
                    out.add(b.text());
                }
            }
        }
        return out;
    }

    private static ModuleFacts.Import fromImport(PyNode n) {
        PyNode mod = n.child("module_name");
        int level = 0;
        String module = "";
        if (mod != null && mod.is("relative_import")) {
            PyNode prefix = mod.firstOfType("import_prefix");
            level = prefix == null ? 1 : prefix.text().length();
            PyNode dotted = mod.firstOfType("dotted_name");
            module = dotted == null ? "" : dotted.text();
        } else if (mod != null) {
            module = mod.text();
        }
        List<String> names = new ArrayList<>();
        if (n.firstOfType("wildcard_import") != null) {
            names.add("*");
        }
        for (PyNode c : n.childrenOf("name")) {
            PyNode dotted = c.is("aliased_import") ? c.child("name") : c;
            if (dotted != null) {
                names.add(dotted.text());
            }
        }
        return new ModuleFacts.Import(level, module, names);
    }

    private static void pushChildren(PyNode n, Frame f, Deque<Frame> stack) {
        List<PyNode> children = n.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            stack.push(new Frame(children.get(i), f.unit(), f.classPrefix(), f.className()));
        }
    }
}

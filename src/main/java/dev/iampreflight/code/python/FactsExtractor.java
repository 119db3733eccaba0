package dev.iampreflight.code.python;

import dev.iampreflight.code.ModuleFacts;

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
        Map<String, ModuleFacts.Import> bindings = new LinkedHashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(file.root(), null, "", null));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            PyNode n = f.node();
            Set<String> refs = f.unit() == null ? moduleRefs : f.unit().refs;
            Set<String> attrRefs = f.unit() == null ? moduleAttrRefs : f.unit().attrRefs;
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
                    if (attr != null && object != null && object.is("identifier")) {
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
        units.forEach((k, b) -> out.put(k, new ModuleFacts.Unit(b.qualifiedName, b.name, b.className, b.decorated,
                plainRefs(b.refs, b.attrRefs, bindings.keySet()), b.attrRefs)));
        return new ModuleFacts(file.path(), imports, out, plainRefs(moduleRefs, moduleAttrRefs, bindings.keySet()),
                classes, moduleAttrRefs, bindings);
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
            "typing.override", "typing_extensions.override");

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
        for (PyNode c : def.children()) {
            if (c.is("block")) {
                stack.push(new Frame(c, unit, f.classPrefix(), f.className()));
            } else if (!c.equals(name)) {
                // Default values and annotations run when the def statement runs.
                stack.push(new Frame(c, null, f.classPrefix(), f.className()));
            }
        }
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

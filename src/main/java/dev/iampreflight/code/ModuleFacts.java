package dev.iampreflight.code;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reachability needs to know of one source file: the modules it imports, the functions and methods it defines
 * (its units of code) with the names each one mentions, and the names its module-level code mentions (code that runs
 * when the module is imported: statements, decorators, default values, class bodies).
 *
 * @param path      relative to the scanned root, '/'-separated
 * @param imports   every import statement, wherever it is written
 * @param units     qualified name ({@code handler}, {@code Orders.save}) to unit; nested functions belong to the
 *                  unit they are written in
 * @param moduleRefs names mentioned by module-level code
 * @param classes    each class written at module level (qualified name, {@code Outer.Inner} for nested ones) with the
 *                   simple names of its bases
 * @param moduleAttrRefs {@code X.f} for each attribute {@code f} module-level code reads on a plain name {@code X}
 * @param bindings   the names import statements bind ({@code c} of {@code import a.b as c}, {@code a} of
 *                   {@code import a.b}, {@code m} of {@code from p import m}) to the statement, its names reduced to
 *                   the one bound
 * @param moduleCalls {@code f/n} for each method call module-level code makes with {@code n} positional arguments
 * @param assumptions per unit (and {@code <module>}), what must have happened before its code is reached; empty when
 *                    not read
 * @param envWrites   environment variables the file's code sets ({@code os.environ['X'] = ...},
 *                    {@code setdefault}); {@code *} when it may set others ({@code os.environ.update},
 *                    {@code load_dotenv()}, a computed name)
 */
public record ModuleFacts(String path, List<Import> imports, Map<String, Unit> units, Set<String> moduleRefs,
                          Map<String, List<String>> classes, Set<String> moduleAttrRefs,
                          Map<String, Import> bindings, Set<String> moduleCalls,
                          Map<String, Assumptions> assumptions, Set<String> envWrites) {

    /**
     * Every name is kept as its one shared copy ({@link String#intern}): the facts of every file live for the whole
     * run (reachability reads them per target), and a unit's name was a separate string as the units' key, the unit's
     * own name and the assumptions' key (and again in the analysis's index); with the call sites' {@code line:column}
     * keys and the imported names they were about a tenth of the live data at the analysis's peak (a heap dump of
     * 1,000 modules, docs/performance.md, eleventh session).
     */
    public ModuleFacts {
        imports = List.copyOf(imports);
        units = keysInterned(units);
        moduleRefs = interned(moduleRefs);
        classes = Map.copyOf(classes);
        moduleAttrRefs = interned(moduleAttrRefs);
        bindings = keysInterned(bindings);
        moduleCalls = interned(moduleCalls);
        assumptions = keysInterned(assumptions);
        envWrites = Set.copyOf(envWrites);
    }

    /**
     * {@code Set.copyOf(names)} with each name interned. The copy is made from the names in the same order, so the set
     * iterates exactly as {@code Set.copyOf(names)} would have (some readers' output follows it).
     */
    private static Set<String> interned(Set<String> names) {
        List<String> out = new java.util.ArrayList<>(names.size());
        boolean same = true;
        for (String n : names) {
            String i = n.intern();
            same &= i == n;
            out.add(i);
        }
        return same ? Set.copyOf(names) : Set.copyOf(out);
    }

    private static List<String> interned(List<String> names) {
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.get(i).intern();
        }
        return List.of(out);
    }

    /** {@code Map.copyOf(m)} with each key interned, its entries in the same order (so it iterates as that would). */
    private static <V> Map<String, V> keysInterned(Map<String, V> m) {
        Map<String, V> out = new java.util.LinkedHashMap<>(m.size() * 2);
        boolean same = true;
        for (Map.Entry<String, V> e : m.entrySet()) {
            String i = e.getKey().intern();
            same &= i == e.getKey();
            out.put(i, e.getValue());
        }
        return Map.copyOf(same ? m : out);
    }

    /** Facts without assumptions (nothing is known to stop any code). */
    public ModuleFacts(String path, List<Import> imports, Map<String, Unit> units, Set<String> moduleRefs,
                       Map<String, List<String>> classes, Set<String> moduleAttrRefs,
                       Map<String, Import> bindings, Set<String> moduleCalls) {
        this(path, imports, units, moduleRefs, classes, moduleAttrRefs, bindings, moduleCalls, Map.of(), Set.of());
    }

    /**
     * What must have happened for code of one unit to run, as facts {@code env:X} (the code evaluated
     * {@code os.environ['X']}, which raises KeyError when X is not set) and {@code call:Name} (it called
     * {@code Name(...)}, a function or class of the project, which returned).
     *
     * @param env          variables read with {@code os.environ['X']} on every path on which the unit returns
     * @param calls        names called as {@code Name(...)} on every path on which the unit returns
     * @param guardedNames for a name every mention of which comes after some facts, those facts (names mentioned
     *                     once with none are left out)
     * @param guardedCalls for a call site ({@code line:column} of its method name, else of the call) after some
     *                     facts, those facts
     */
    public record Assumptions(Set<String> env, Set<String> calls, Map<String, Set<String>> guardedNames,
                              Map<String, Set<String>> guardedCalls) {
        public static final String ENV = "env:";
        public static final String CALL = "call:";
        public static final Assumptions NONE = new Assumptions(Set.of(), Set.of(), Map.of(), Map.of());

        public Assumptions {
            env = interned(env);
            calls = interned(calls);
            guardedNames = keysInterned(guardedNames);
            // Keys such as "12:8" recur in every file.
            guardedCalls = keysInterned(guardedCalls);
        }
    }

    /** Facts without attribute references on names nor import bindings (every attribute read is a plain name). */
    public ModuleFacts(String path, List<Import> imports, Map<String, Unit> units, Set<String> moduleRefs,
                       Map<String, List<String>> classes) {
        this(path, imports, units, moduleRefs, classes, Set.of(), Map.of(), Set.of());
    }

    /**
     * {@code import a.b} ({@code names} empty), {@code from a.b import c, d} or {@code from . import c}
     * ({@code level} = the number of leading dots; {@code *} among the names for a wildcard import).
     */
    public record Import(int level, String module, List<String> names) {
        public Import {
            module = module == null ? null : module.intern();
            names = interned(names);
        }
    }

    /**
     * A function, or a method of a class written at module level.
     *
     * @param name      the simple name it is called by
     * @param className the qualified name of the class it is a method of, or null
     * @param decorated whether a decorator that may register it receives it (a framework may call it without naming
     *                  it); {@code @classmethod}, {@code @staticmethod}, {@code @property} and other decorators that
     *                  only wrap a function do not count
     * @param refs      the names its body mentions: identifiers, attribute names (except those read on a name an
     *                  import binds: see {@code attrRefs}), and identifier-like strings (for
     *                  {@code getattr(obj, "name")})
     * @param attrRefs  {@code X.f} for each attribute {@code f} its body reads on a plain name {@code X}
     * @param calls     {@code f/n} for each method call {@code o.f(...)} passing {@code n} positional arguments and
     *                  nothing else (those are not in {@code refs})
     * @param minArgs   the fewest positional arguments a call of it passes (after a method's receiver)
     * @param maxArgs   the most, {@link Integer#MAX_VALUE} when unbounded or unknown
     */
    public record Unit(String qualifiedName, String name, String className, boolean decorated, Set<String> refs,
                       Set<String> attrRefs, Set<String> calls, int minArgs, int maxArgs) {
        public Unit {
            qualifiedName = qualifiedName.intern();
            name = name.intern();
            className = className == null ? null : className.intern();
            refs = interned(refs);
            attrRefs = interned(attrRefs);
            calls = interned(calls);
        }

        /** A unit whose attribute reads are all plain names. */
        public Unit(String qualifiedName, String name, String className, boolean decorated, Set<String> refs) {
            this(qualifiedName, name, className, decorated, refs, Set.of(), Set.of(), 0, Integer.MAX_VALUE);
        }

        /**
         * Whether a call passing {@code positional} arguments (and no keyword) may run this unit: Python raises
         * TypeError before the body runs when the count does not fit its signature. One more than the signature
         * takes fits too: {@code Cls.method(obj, x)} passes the receiver itself.
         */
        public boolean accepts(int positional) {
            return positional >= minArgs && (maxArgs == Integer.MAX_VALUE || positional <= maxArgs + 1);
        }
    }

    /**
     * The unit a call written in {@code enclosing} (a dotted name of functions and classes, or {@code <module>})
     * runs in: the shortest prefix that is a unit, or {@code <module>} for module-level code and class bodies.
     */
    public String unitOf(String enclosing) {
        if (enclosing == null || enclosing.equals("<module>")) {
            return "<module>";
        }
        int from = 0;
        while (true) {
            int dot = enclosing.indexOf('.', from);
            String prefix = dot < 0 ? enclosing : enclosing.substring(0, dot);
            if (units.containsKey(prefix)) {
                return prefix;
            }
            if (dot < 0) {
                return "<module>";
            }
            from = dot + 1;
        }
    }
}

package dev.iampreflight.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which code a deploy target can run: the modules its entry module imports (transitively, resolved the way Python
 * resolves them against the target's import roots), and of those, the units reachable from the entry point.
 *
 * <p>Modules: the entry module, the packages around it, and every project module an import statement names (a
 * {@code from p import m} also reaches the submodule {@code p.m}); module-level code of each runs at import. An
 * import that names no project file is a third-party library: not analysed, not charged.
 *
 * <p>Units: a unit is reachable when the entry function is it, when a decorator receives it (a framework's router may
 * call it without naming it), or when reachable code mentions its name: a function or method by its name; naming a
 * class reaches its dunder methods ({@code __init__}, {@code __call__}, {@code __enter__}, ...), and every method of a
 * class built on a library's class (a framework may call any of them). Matching by name over-approximates (two
 * methods called {@code get} are both reached by {@code x.get()}), so a target is not charged less than it runs, and
 * the cost is linear in the size of the reachable code: each module, unit and name is processed once. {@code X.f}
 * where an import binds {@code X} is a method or the imported module's {@code f}, never the reading file's own
 * function {@code f}. A library-dispatched method the project calls itself only from code the target does not run
 * is reached unsurely ({@link #unsure}).
 */
public final class Reachability {

    /** The unit name of module-level code. */
    public static final String MODULE = "<module>";

    /**
     * The unit of a file's module-level {@code if __name__ == "__main__":} body: it runs only when that file is the
     * script a target runs (an entry of {@link #MODULE}, as {@code python worker.py} gives), never when it is
     * imported, as Lambda imports a handler's module.
     */
    public static final String MAIN = "<main>";

    private final Map<String, Set<String>> units;
    private final Map<String, Map<String, String>> unsure;
    private final Map<String, ModuleFacts> facts;
    private final Stops stops;

    private Reachability(Map<String, Set<String>> units, Map<String, Map<String, String>> unsure,
                         Map<String, ModuleFacts> facts, Stops stops) {
        this.units = units;
        this.unsure = unsure;
        this.facts = facts;
        this.stops = stops;
    }

    /**
     * Why a call written at {@code line:column} in {@code enclosing} of {@code file} never runs for this target
     * although its unit does: it comes after {@code os.environ['X']} for a variable the target's whole environment
     * lacks (KeyError), or after a call of the project's that cannot return for the same reason. Empty when nothing
     * stops it.
     */
    public Optional<String> stopped(String file, String enclosing, int line, int column) {
        ModuleFacts m = facts.get(file);
        if (m == null || stops == null) {
            return Optional.empty();
        }
        ModuleFacts.Assumptions a = m.assumptions().get(m.unitOf(enclosing));
        Set<String> before = a == null ? null : a.guardedCalls().get(line + ":" + column);
        return before == null ? Optional.empty() : stops.why(file, before);
    }

    /**
     * Why a call written in {@code enclosing} of {@code file}, which {@link #includes} counts, may still not run:
     * it is reached only through a method that only a library may call. Empty when it runs for certain.
     */
    public Optional<String> unsure(String file, String enclosing) {
        Map<String, String> byUnit = unsure.get(file);
        if (byUnit == null) {
            return Optional.empty();
        }
        ModuleFacts m = facts.get(file);
        return Optional.ofNullable(byUnit.get(m == null ? MODULE : m.unitOf(enclosing)));
    }

    /** Whether a call written in {@code enclosing} of {@code file} can run. */
    public boolean includes(String file, String enclosing) {
        Set<String> reached = units.get(file);
        if (reached == null) {
            return false;
        }
        ModuleFacts m = facts.get(file);
        return reached.contains(m == null ? MODULE : m.unitOf(enclosing));
    }

    /** The files whose module-level code runs. */
    public Set<String> modules() {
        return units.keySet();
    }

    /**
     * The entry file for a Lambda-style handler ({@code app.lambda_handler}, {@code src/handlers/orders.create},
     * {@code pkg.mod.fn}) under one of {@code roots}: the file, or empty when no such file was scanned.
     */
    public static Optional<String> entryFile(String handler, List<String> roots, Map<String, ModuleFacts> facts) {
        Optional<String> modulePath = modulePath(handler);
        if (modulePath.isEmpty()) {
            return Optional.empty();
        }
        String path = modulePath.get();
        for (String root : roots) {
            for (String candidate : List.of(join(root, path + ".py"), join(root, path + "/__init__.py"))) {
                if (facts.containsKey(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The one folder under which the handler's module sits ({@code src} for {@code items.handler} when the only
     * {@code items.py} is {@code src/items.py}), or empty when there is none or more than one.
     */
    public static Optional<String> uniqueRootOf(String handler, Map<String, ModuleFacts> facts) {
        List<String> roots = rootsOf(handler, facts);
        return roots.size() == 1 ? Optional.of(roots.get(0)) : Optional.empty();
    }

    /** Every folder from which {@code handler}'s module resolves (as its module file or package), in scan order. */
    public static List<String> rootsOf(String handler, Map<String, ModuleFacts> facts) {
        Optional<String> modulePath = modulePath(handler);
        if (modulePath.isEmpty()) {
            return List.of();
        }
        String path = modulePath.get();
        List<String> found = new java.util.ArrayList<>();
        for (String file : facts.keySet()) {
            for (String suffix : List.of(path + ".py", path + "/__init__.py")) {
                if (file.equals(suffix) || file.endsWith("/" + suffix)) {
                    String root = file.substring(0, file.length() - suffix.length());
                    found.add(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
                }
            }
        }
        return found;
    }

    /** {@code pkg/mod} for the handlers {@code pkg.mod.fn} and {@code pkg/mod.fn}; empty without a module part. */
    private static Optional<String> modulePath(String handler) {
        int dot = handler.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String module = handler.substring(0, dot);
        int slash = module.lastIndexOf('/');
        return Optional.of(slash < 0 ? module.replace('.', '/') : module.substring(0, slash + 1)
                + module.substring(slash + 1).replace('.', '/'));
    }

    /** The function part of a handler string ({@code lambda_handler} of {@code app.lambda_handler}). */
    public static String entryFunction(String handler) {
        return handler.substring(handler.lastIndexOf('.') + 1);
    }

    /**
     * What runs from {@code entryFunction} of {@code entryFile}, with imports resolved against {@code roots}
     * (relative to the scanned root, "" for the root itself) and, for relative imports, against the importing file.
     */
    public static Reachability from(Map<String, ModuleFacts> facts, List<String> roots, String entryFile,
                                    String entryFunction) {
        return from(facts, roots, entryFile, Set.of(entryFunction), Set.of());
    }

    /**
     * What runs from several entry functions at once: a Chalice function runs every handler chalice routes to it,
     * written in {@code entryFile} (app.py) or in a blueprint's module. {@code entryFunctions} are the handlers'
     * qualified names: a unit of that name in {@code entryFile}, or a decorated one in any module the entry file
     * imports, is an entry point; a name written {@code file#name} is that unit of that file only.
     * {@code otherEntries} are the handlers of the app's other functions: a decorated unit of that name (or of that
     * file and name) is never reached (chalice's router calls it, only in its own function), neither because it is
     * decorated nor because reachable code mentions its name (a {@code .index()} call does not run a route called
     * {@code index}).
     */
    public static Reachability from(Map<String, ModuleFacts> facts, List<String> roots, String entryFile,
                                    Set<String> entryFunctions, Set<String> otherEntries) {
        return from(facts, roots, entryFile, entryFunctions, otherEntries, null);
    }

    /**
     * What runs, as {@link #from(Map, List, String, Set, Set)}, for a target whose whole environment is known:
     * {@code absent} says which variables it lacks (null when its environment is not known whole). Code that runs
     * only after {@code os.environ['X']} for such a variable, or after a project call that cannot return because of
     * one, is not reached (the name it mentions there reaches nothing), and {@link #stopped} says so for a call site.
     */
    public static Reachability from(Map<String, ModuleFacts> facts, List<String> roots, String entryFile,
                                    Set<String> entryFunctions, Set<String> otherEntries,
                                    Predicate<String> absent) {
        List<String> searchRoots = new ArrayList<>(roots);
        String entryDir = parent(entryFile);
        if (!searchRoots.contains(entryDir)) {
            searchRoots.add(entryDir);
        }
        Set<String> modules = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(entryFile);
        for (String root : searchRoots) {
            if (entryFile.startsWith(root.isEmpty() ? "" : root + "/")) {
                queue.addAll(packagesAround(root, entryFile, facts));
                break;
            }
        }
        while (!queue.isEmpty()) {
            String m = queue.poll();
            if (!modules.add(m)) {
                continue;
            }
            ModuleFacts f = facts.get(m);
            if (f == null) {
                continue;
            }
            for (ModuleFacts.Import imp : f.imports()) {
                for (String file : resolve(imp, m, searchRoots, facts)) {
                    if (!modules.contains(file)) {
                        queue.add(file);
                    }
                }
            }
        }

        Stops stops = absent == null ? null : new Stops(facts, searchRoots, absent);
        Set<String> framework = frameworkClasses(modules, facts);
        Map<String, List<ModuleFacts.Unit>> byName = new HashMap<>();
        // Methods a library may call on a class built on its own: reached by naming the class.
        Map<String, List<ModuleFacts.Unit>> byDispatch = new HashMap<>();
        Map<ModuleFacts.Unit, String> fileOf = new HashMap<>();
        Map<String, Set<String>> reached = new HashMap<>();
        Deque<String> names = new ArrayDeque<>();
        Deque<String[]> qualified = new ArrayDeque<>();
        Deque<ModuleFacts.Unit> pending = new ArrayDeque<>();
        // A method call o.f(a, b) is a qualified read with the arity: queued as {"", "f/2"}.
        for (String m : modules) {
            ModuleFacts f = facts.get(m);
            Set<String> r = new HashSet<>();
            r.add(MODULE);
            reached.put(m, r);
            if (f == null) {
                continue;
            }
            mention(m, f.moduleRefs(), f.moduleAttrRefs(), f.moduleCalls(),
                    stops == null ? null : stops.live(m, MODULE), names, qualified);
            for (ModuleFacts.Unit u : f.units().values()) {
                String inFile = m + "#" + u.qualifiedName();
                boolean entry = entryFunctions.contains(inFile) || entryFunctions.contains(u.qualifiedName())
                        && (u.decorated() || m.equals(entryFile))
                        || u.qualifiedName().equals(MAIN) && m.equals(entryFile) && entryFunctions.contains(MODULE);
                if (!entry && u.decorated() && (otherEntries.contains(inFile)
                        || otherEntries.contains(u.qualifiedName()))) {
                    continue;
                }
                fileOf.put(u, m);
                byName.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(u);
                // Naming a class reaches what Python calls without naming it: its dunder methods, and every method
                // of a class built on a library's class (a framework may dispatch to any of them).
                if (u.className() != null && isDunder(u.name())) {
                    byName.computeIfAbsent(simpleName(u.className()), k -> new ArrayList<>()).add(u);
                } else if (u.className() != null && framework.contains(m + "#" + u.className())) {
                    byDispatch.computeIfAbsent(simpleName(u.className()), k -> new ArrayList<>()).add(u);
                }
                if (u.decorated() || entry) {
                    pending.add(u);
                }
            }
        }
        boolean entryFails = stops != null && stops.fails(entryFile, MODULE);
        if (entryFails) {
            // The handler's module raises while Lambda imports it: no handler runs at all.
            pending.clear();
        } else {
            // A handler that is a module-level value (handler = Mangum(app)) is reached through the names it
            // mentions.
            entryFunctions.forEach(e -> names.add(e.substring(e.indexOf('#') + 1)));
        }
        Walk walk = new Walk(facts, searchRoots, byName, fileOf, reached, stops);
        List<ModuleFacts.Unit> dispatched = new ArrayList<>();
        Set<String> seenDispatch = new HashSet<>();
        Map<String, Map<String, String>> unsure = new HashMap<>();
        // First what runs for certain; then, for each method only a library's dispatch reaches, either it is taken
        // as reached (nothing says otherwise), or, when the project calls it by name itself from code this target
        // does not run, it and what only it reaches are kept apart as reached unsurely.
        while (true) {
            walk.run(pending, names, qualified, n -> {
                if (seenDispatch.add(n)) {
                    dispatched.addAll(byDispatch.getOrDefault(n, List.of()));
                }
            });
            List<ModuleFacts.Unit> plain = new ArrayList<>();
            for (ModuleFacts.Unit u : dispatched) {
                if (!walk.isReached(u) && walk.calledElsewhere(u, modules).isEmpty()) {
                    plain.add(u);
                }
            }
            if (plain.isEmpty()) {
                break;
            }
            dispatched.removeAll(plain);
            pending.addAll(plain);
        }
        Map<String, Set<String>> sure = new HashMap<>();
        reached.forEach((k, v) -> sure.put(k, new HashSet<>(v)));
        for (ModuleFacts.Unit u : dispatched) {
            if (walk.isReached(u)) {
                continue;
            }
            String why = "its class " + simpleName(u.className()) + " is built on a library's class, so the library "
                    + "may call " + u.name() + "; but no code this target runs calls it, and the project calls it "
                    + "itself from code this target does not run (" + walk.calledElsewhere(u, modules).get() + ")";
            pending.add(u);
            // A class only this code names: the library may call its methods too, as unsurely.
            walk.run(pending, names, qualified, n -> {
                if (seenDispatch.add(n)) {
                    pending.addAll(byDispatch.getOrDefault(n, List.of()));
                }
            });
            reached.forEach((file, units) -> {
                for (String unit : units) {
                    if (!sure.getOrDefault(file, Set.of()).contains(unit)) {
                        unsure.computeIfAbsent(file, k -> new HashMap<>()).putIfAbsent(unit, why);
                    }
                }
            });
        }
        return new Reachability(reached, unsure, facts, stops);
    }

    /**
     * What runs from any of several entry points of one target (a container task whose state machines run it with
     * different scripts), each computed alone: a unit runs if one of them reaches it, and is reached unsurely only
     * when each that reaches it does so unsurely. They share the target's facts and environment.
     */
    public static Reachability union(List<Reachability> all) {
        if (all.size() == 1) {
            return all.get(0);
        }
        Map<String, Set<String>> units = new HashMap<>();
        for (Reachability r : all) {
            r.units.forEach((f, u) -> units.computeIfAbsent(f, k -> new HashSet<>()).addAll(u));
        }
        Map<String, Map<String, String>> unsure = new HashMap<>();
        for (Reachability r : all) {
            r.unsure.forEach((f, byUnit) -> byUnit.forEach((u, why) -> {
                boolean sure = all.stream().anyMatch(o -> o.units.getOrDefault(f, Set.of()).contains(u)
                        && !o.unsure.getOrDefault(f, Map.of()).containsKey(u));
                if (!sure) {
                    unsure.computeIfAbsent(f, k -> new HashMap<>()).putIfAbsent(u, why);
                }
            }));
        }
        return new Reachability(units, unsure, all.get(0).facts, all.get(0).stops);
    }

    /**
     * Queues what a unit of code in {@code file} mentions: plain names, {@code X.f} reads (kept with their file) and
     * method calls with their arity; a mention {@code live} refuses (it comes only after a certain KeyError) is left
     * out. {@code live} null: all are kept.
     */
    private static void mention(String file, Set<String> refs, Set<String> attrRefs, Set<String> calls,
                                Predicate<String> live, Deque<String> names, Deque<String[]> qualified) {
        for (String r : refs) {
            if (live == null || live.test(r)) {
                names.add(r);
            }
        }
        for (String a : attrRefs) {
            if (live == null || live.test(a.substring(a.indexOf('.') + 1))) {
                qualified.add(new String[] {file, a});
            }
        }
        for (String c : calls) {
            if (live == null || live.test(c.substring(0, c.lastIndexOf('/')))) {
                qualified.add(new String[] {"", c});
            }
        }
    }

    /** The worklist over names and units, shared by the phases of {@link #from}. */
    private static final class Walk {
        private final Map<String, ModuleFacts> facts;
        private final List<String> roots;
        private final Map<String, List<ModuleFacts.Unit>> byName;
        private final Map<ModuleFacts.Unit, String> fileOf;
        private final Map<String, Set<String>> reached;
        private final Stops stops;
        private final Set<String> seenNames = new HashSet<>();
        private final Set<String> seenQualified = new HashSet<>();
        private Map<String, List<String>> mentions;

        Walk(Map<String, ModuleFacts> facts, List<String> roots, Map<String, List<ModuleFacts.Unit>> byName,
             Map<ModuleFacts.Unit, String> fileOf, Map<String, Set<String>> reached, Stops stops) {
            this.facts = facts;
            this.roots = roots;
            this.byName = byName;
            this.fileOf = fileOf;
            this.reached = reached;
            this.stops = stops;
        }

        boolean isReached(ModuleFacts.Unit u) {
            String file = fileOf.get(u);
            return file != null && reached.get(file).contains(u.qualifiedName());
        }

        void run(Deque<ModuleFacts.Unit> pending, Deque<String> names, Deque<String[]> qualified,
                 java.util.function.Consumer<String> onName) {
            while (!pending.isEmpty() || !names.isEmpty() || !qualified.isEmpty()) {
                if (!pending.isEmpty()) {
                    ModuleFacts.Unit u = pending.poll();
                    String file = fileOf.get(u);
                    if (reached.get(file).add(u.qualifiedName())) {
                        mention(file, u.refs(), u.attrRefs(), u.calls(),
                                stops == null ? null : stops.live(file, u.qualifiedName()), names, qualified);
                    }
                    continue;
                }
                if (!qualified.isEmpty()) {
                    String[] q = qualified.poll();
                    if (seenQualified.add(q[0] + "#" + q[1])) {
                        pending.addAll(q[0].isEmpty() ? callTargets(q[1]) : qualifiedTargets(q[0], q[1]));
                    }
                    continue;
                }
                String name = names.poll();
                if (seenNames.add(name)) {
                    pending.addAll(byName.getOrDefault(name, List.of()));
                    onName.accept(name);
                }
            }
        }

        /**
         * The units {@code X.f}, read in {@code file}, may run. When no import binds {@code X}, every unit named
         * {@code f}, as for a plain name. When one does, X is a module or something a module defines: its {@code f}
         * is a method, or a function of the module the import names (when that is a project file), never a
         * function {@code file} itself defines.
         */
        private List<ModuleFacts.Unit> qualifiedTargets(String file, String ref) {
            int dot = ref.indexOf('.');
            String object = ref.substring(0, dot);
            String name = ref.substring(dot + 1);
            ModuleFacts f = facts.get(file);
            ModuleFacts.Import binding = f == null ? null : f.bindings().get(object);
            List<ModuleFacts.Unit> all = byName.getOrDefault(name, List.of());
            if (binding == null) {
                return all;
            }
            Set<String> modules = moduleFiles(binding, file);
            List<ModuleFacts.Unit> out = new ArrayList<>();
            for (ModuleFacts.Unit u : all) {
                String in = fileOf.get(u);
                if (u.className() != null || (modules.isEmpty() ? !in.equals(file) : modules.contains(in))) {
                    out.add(u);
                }
            }
            return out;
        }

        /**
         * The units a method call {@code o.f(...)} passing {@code n} positional arguments may run ({@code call} is
         * {@code f/n}): every unit named {@code f} whose signature takes them (Python raises TypeError before the
         * body of one that does not), and what naming {@code f} reaches otherwise (a class's dunder methods).
         */
        private List<ModuleFacts.Unit> callTargets(String call) {
            int slash = call.lastIndexOf('/');
            String name = call.substring(0, slash);
            int n = Integer.parseInt(call.substring(slash + 1));
            List<ModuleFacts.Unit> out = new ArrayList<>();
            for (ModuleFacts.Unit u : byName.getOrDefault(name, List.of())) {
                if (!u.name().equals(name) || u.accepts(n)) {
                    out.add(u);
                }
            }
            return out;
        }

        /** The project file(s) of the module an import binds, or none when it binds no project module. */
        private Set<String> moduleFiles(ModuleFacts.Import binding, String from) {
            List<String> bases = new ArrayList<>();
            if (binding.level() > 0) {
                String dir = parent(from);
                for (int i = 1; i < binding.level(); i++) {
                    dir = parent(dir);
                }
                bases.add(dir);
            } else {
                bases.addAll(roots);
            }
            String path = binding.module().replace('.', '/');
            for (String n : binding.names()) {
                path = path.isEmpty() ? n : path + "/" + n;
            }
            Set<String> out = new HashSet<>();
            for (String base : bases) {
                for (String candidate : List.of(join(base, path + ".py"), join(base, path + "/__init__.py"))) {
                    if (facts.containsKey(candidate)) {
                        out.add(candidate);
                    }
                }
                if (!out.isEmpty()) {
                    break;
                }
            }
            return out;
        }

        /**
         * Where project code that this target does not run reads {@code u}'s name as an attribute or a name (a file,
         * with the unit), or empty: such a call is the project's own use of a method a library might call too.
         */
        Optional<String> calledElsewhere(ModuleFacts.Unit u, Set<String> modules) {
            if (mentions == null) {
                mentions = new HashMap<>();
                facts.forEach((file, f) -> {
                    f.units().values().forEach(x -> mentionsOf(x.refs(), x.attrRefs(), x.calls()).forEach(n ->
                            mentions.computeIfAbsent(n, k -> new ArrayList<>()).add(file + "#" + x.qualifiedName())));
                    mentionsOf(f.moduleRefs(), f.moduleAttrRefs(), f.moduleCalls()).forEach(n -> mentions
                            .computeIfAbsent(n, k -> new ArrayList<>()).add(file + "#" + MODULE));
                });
            }
            String self = fileOf.get(u) + "#" + u.qualifiedName();
            for (String at : mentions.getOrDefault(u.name(), List.of())) {
                String file = at.substring(0, at.indexOf('#'));
                String unit = at.substring(at.indexOf('#') + 1);
                boolean runs = modules.contains(file) && reached.getOrDefault(file, Set.of()).contains(unit);
                if (!at.equals(self) && !runs) {
                    return Optional.of(unit.equals(MODULE) ? file : file + " " + unit);
                }
            }
            return Optional.empty();
        }

        private static Set<String> mentionsOf(Set<String> refs, Set<String> attrRefs, Set<String> calls) {
            Set<String> out = new HashSet<>(refs);
            attrRefs.forEach(a -> out.add(a.substring(a.indexOf('.') + 1)));
            calls.forEach(c -> out.add(c.substring(0, c.lastIndexOf('/'))));
            return out;
        }
    }

    /**
     * What stops code for a target whose whole environment is known: a fact {@code env:X} is false when the target
     * lacks X ({@code os.environ['X']} raised KeyError), a fact {@code call:Name} when every project function or class
     * {@code Name} resolves to (through the reading file's imports, or defined in it) cannot return. A unit cannot
     * return when one of the facts all its returning paths establish is false. Answers are memoised; a unit still
     * being decided (recursion), a chain deeper than {@link #MAX_DEPTH}, or a name that resolves to no project unit
     * counts as returning: fewer stops, never a stop that does not happen.
     */
    private static final class Stops {
        private static final int MAX_DEPTH = 64;
        private final Map<String, ModuleFacts> facts;
        private final List<String> roots;
        private final Predicate<String> absent;
        /** Per {@code file#unit}: why it cannot return, or "" when it may. */
        private final Map<String, String> failing = new HashMap<>();
        private int depth;

        Stops(Map<String, ModuleFacts> facts, List<String> roots, Predicate<String> absent) {
            this.facts = facts;
            this.roots = roots;
            this.absent = absent;
        }

        /** The names a unit mentions that its code may reach (mentions after a false fact reach nothing). */
        Predicate<String> live(String file, String unit) {
            ModuleFacts f = facts.get(file);
            ModuleFacts.Assumptions a = f == null ? null : f.assumptions().get(unit);
            if (a == null || a.guardedNames().isEmpty()) {
                return x -> true;
            }
            return name -> {
                Set<String> before = a.guardedNames().get(name);
                return before == null || why(file, before).isEmpty();
            };
        }

        boolean fails(String file, String unit) {
            return !failure(file, unit).isEmpty();
        }

        /**
         * Why one of {@code before}, facts of code in {@code file}, is false for the target; empty when none is.
         * Memoised per file and set: each name a reached unit mentions asks again for the set guarding it (the same
         * set object of the file's facts), and answering anew sorted the set and resolved its calls every time (7 %
         * of a 1,000-module check). The answer cannot change: it reads only {@link #failing}, whose answers are kept.
         */
        Optional<String> why(String file, Set<String> before) {
            Map<Set<String>, Optional<String>> known = whyMemo.computeIfAbsent(file,
                    k -> new java.util.IdentityHashMap<>());
            Optional<String> answer = known.get(before);
            if (answer == null) {
                answer = Optional.empty();
                for (String fact : new java.util.TreeSet<>(before)) {
                    String w = whyFact(file, fact);
                    if (!w.isEmpty()) {
                        answer = Optional.of(w);
                        break;
                    }
                }
                known.put(before, answer);
            }
            return answer;
        }

        /** {@link #why} by file, then by the identity of the set of facts asked about. */
        private final Map<String, Map<Set<String>, Optional<String>>> whyMemo = new HashMap<>();

        private String whyFact(String file, String fact) {
            if (fact.startsWith(ModuleFacts.Assumptions.ENV)) {
                String var = fact.substring(ModuleFacts.Assumptions.ENV.length());
                return absent.test(var) ? "os.environ['" + var + "'] raises KeyError first: " + var + " is not set "
                        + "for this target (its deploy file sets its whole environment)" : "";
            }
            String name = fact.substring(ModuleFacts.Assumptions.CALL.length());
            List<String[]> candidates = resolve(file, name);
            if (candidates.isEmpty()) {
                return "";
            }
            String first = "";
            for (String[] c : candidates) {
                String w = failure(c[0], c[1]);
                if (w.isEmpty()) {
                    return "";
                }
                first = first.isEmpty() ? w : first;
            }
            return name + "() cannot return first: " + first;
        }

        /** Why the unit cannot return (or, for {@code <module>}, the module cannot be imported); "" when it may. */
        private String failure(String file, String unit) {
            String key = file + "#" + unit;
            String known = failing.get(key);
            if (known != null) {
                return known;
            }
            ModuleFacts f = facts.get(file);
            ModuleFacts.Assumptions a = f == null ? null : f.assumptions().get(unit);
            if (a == null || depth >= MAX_DEPTH) {
                return "";
            }
            failing.put(key, "");
            depth++;
            String why = "";
            try {
                for (String v : new java.util.TreeSet<>(a.env())) {
                    if (absent.test(v)) {
                        why = "os.environ['" + v + "'] raises KeyError: " + v + " is not set for this target (its "
                                + "deploy file sets its whole environment)";
                        break;
                    }
                }
                for (String c : new java.util.TreeSet<>(a.calls())) {
                    if (!why.isEmpty()) {
                        break;
                    }
                    why = whyFact(file, ModuleFacts.Assumptions.CALL + c);
                }
            } finally {
                depth--;
            }
            failing.put(key, why);
            return why;
        }

        /**
         * The project units {@code Name(...)} in {@code file} runs ({@code file, unit}): a function, or a class's
         * {@code __init__}, defined in the file or in the project module an import of the file takes it from. Empty
         * when it names anything else (a library, a class without its own {@code __init__}).
         */
        private List<String[]> resolve(String file, String name) {
            ModuleFacts f = facts.get(file);
            if (f == null) {
                return List.of();
            }
            String in = file;
            ModuleFacts.Import binding = f.bindings().get(name);
            String defined = name;
            if (binding != null) {
                if (binding.names().size() != 1) {
                    return List.of();
                }
                defined = binding.names().get(0);
                List<String> files = Reachability.resolve(new ModuleFacts.Import(binding.level(), binding.module(),
                        List.of()), file, roots, facts);
                String path = binding.module().replace('.', '/');
                in = null;
                for (String x : files) {
                    if (x.endsWith(path + ".py") || x.endsWith(path + "/__init__.py") || path.isEmpty()
                            && x.endsWith("/__init__.py")) {
                        in = x;
                    }
                }
                if (in == null) {
                    return List.of();
                }
            }
            ModuleFacts m = facts.get(in);
            ModuleFacts.Unit fn = m.units().get(defined);
            if (fn != null && fn.className() == null && !m.classes().containsKey(defined)) {
                return List.<String[]>of(new String[] {in, defined});
            }
            if (m.classes().containsKey(defined) && m.units().containsKey(defined + ".__init__")) {
                return List.<String[]>of(new String[] {in, defined + ".__init__"});
            }
            return List.of();
        }
    }

    /** Bases whose methods are called by name only, like any project class's. */
    private static final Set<String> PLAIN_BASES = Set.of("object", "Exception", "BaseException", "ABC", "Enum",
            "IntEnum", "NamedTuple", "TypedDict", "Protocol", "Generic", "dict", "list");

    /**
     * The classes ({@code file#Qualified.Name}) built, directly or through project classes, on a class that is not the
     * project's: a library or framework that may call any of their methods.
     */
    private static Set<String> frameworkClasses(Set<String> modules, Map<String, ModuleFacts> facts) {
        Map<String, List<String>> bySimpleName = new HashMap<>();
        Map<String, List<String>> basesOf = new HashMap<>();
        for (String m : modules) {
            ModuleFacts f = facts.get(m);
            if (f == null) {
                continue;
            }
            f.classes().forEach((cls, bases) -> {
                String key = m + "#" + cls;
                bySimpleName.computeIfAbsent(simpleName(cls), k -> new ArrayList<>()).add(key);
                basesOf.put(key, bases);
            });
        }
        Map<String, List<String>> subclassesByBase = new HashMap<>();
        Set<String> out = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        basesOf.forEach((key, bases) -> {
            for (String b : bases) {
                subclassesByBase.computeIfAbsent(b, k -> new ArrayList<>()).add(key);
                if (!PLAIN_BASES.contains(b) && !bySimpleName.containsKey(b) && out.add(key)) {
                    queue.add(key);
                }
            }
        });
        while (!queue.isEmpty()) {
            String key = queue.poll();
            String simple = simpleName(key.substring(key.indexOf('#') + 1));
            for (String sub : subclassesByBase.getOrDefault(simple, List.of())) {
                if (out.add(sub)) {
                    queue.add(sub);
                }
            }
        }
        return out;
    }

    private static boolean isDunder(String name) {
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__");
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** The {@code __init__.py} files of the packages that hold {@code file}, below {@code root}. */
    private static List<String> packagesAround(String root, String file, Map<String, ModuleFacts> facts) {
        List<String> out = new ArrayList<>();
        String rel = root.isEmpty() ? file : file.substring(root.length() + 1);
        String[] parts = rel.split("/");
        StringBuilder dir = new StringBuilder(root);
        for (int i = 0; i < parts.length - 1; i++) {
            dir.append(dir.length() == 0 ? "" : "/").append(parts[i]);
            String init = dir + "/__init__.py";
            if (facts.containsKey(init)) {
                out.add(init);
            }
        }
        return out;
    }

    /** The project files an import statement loads: packages on the way, the module, and submodules it names. */
    static List<String> resolve(ModuleFacts.Import imp, String from, List<String> roots,
                                Map<String, ModuleFacts> facts) {
        List<String> bases = new ArrayList<>();
        if (imp.level() > 0) {
            String dir = parent(from);
            for (int i = 1; i < imp.level(); i++) {
                dir = parent(dir);
            }
            bases.add(dir);
        } else {
            bases.addAll(roots);
        }
        List<String> out = new ArrayList<>();
        String[] parts = imp.module().isEmpty() ? new String[0] : imp.module().split("\\.");
        for (String base : bases) {
            List<String> hit = new ArrayList<>();
            String dir = base;
            for (int i = 0; i < parts.length; i++) {
                String next = join(dir, parts[i]);
                if (facts.containsKey(next + "/__init__.py")) {
                    hit.add(next + "/__init__.py");
                }
                if (i == parts.length - 1 && facts.containsKey(next + ".py")) {
                    hit.add(next + ".py");
                }
                dir = next;
            }
            for (String name : imp.names()) {
                for (String candidate : List.of(join(dir, name + ".py"), join(dir, name + "/__init__.py"))) {
                    if (facts.containsKey(candidate)) {
                        hit.add(candidate);
                    }
                }
            }
            out.addAll(hit);
            if (!hit.isEmpty() && imp.level() == 0) {
                // Python takes the first entry of sys.path that holds the package.
                break;
            }
        }
        return out;
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}

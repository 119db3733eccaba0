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
 * the cost is linear in the size of the reachable code: each module, unit and name is processed once.
 */
public final class Reachability {

    /** The unit name of module-level code. */
    public static final String MODULE = "<module>";

    private final Map<String, Set<String>> units;
    private final Map<String, ModuleFacts> facts;

    private Reachability(Map<String, Set<String>> units, Map<String, ModuleFacts> facts) {
        this.units = units;
        this.facts = facts;
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

        Set<String> framework = frameworkClasses(modules, facts);
        Map<String, List<ModuleFacts.Unit>> byName = new HashMap<>();
        Map<ModuleFacts.Unit, String> fileOf = new HashMap<>();
        Map<String, Set<String>> reached = new HashMap<>();
        Deque<String> names = new ArrayDeque<>();
        Deque<ModuleFacts.Unit> pending = new ArrayDeque<>();
        for (String m : modules) {
            ModuleFacts f = facts.get(m);
            Set<String> r = new HashSet<>();
            r.add(MODULE);
            reached.put(m, r);
            if (f == null) {
                continue;
            }
            names.addAll(f.moduleRefs());
            for (ModuleFacts.Unit u : f.units().values()) {
                String inFile = m + "#" + u.qualifiedName();
                boolean entry = entryFunctions.contains(inFile) || entryFunctions.contains(u.qualifiedName())
                        && (u.decorated() || m.equals(entryFile));
                if (!entry && u.decorated() && (otherEntries.contains(inFile)
                        || otherEntries.contains(u.qualifiedName()))) {
                    continue;
                }
                fileOf.put(u, m);
                byName.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(u);
                // Naming a class reaches what Python calls without naming it: its dunder methods, and every method
                // of a class built on a library's class (a framework may dispatch to any of them).
                if (u.className() != null && (isDunder(u.name()) || framework.contains(m + "#" + u.className()))) {
                    byName.computeIfAbsent(simpleName(u.className()), k -> new ArrayList<>()).add(u);
                }
                if (u.decorated() || entry) {
                    pending.add(u);
                }
            }
        }
        // A handler that is a module-level value (handler = Mangum(app)) is reached through the names it mentions.
        entryFunctions.forEach(e -> names.add(e.substring(e.indexOf('#') + 1)));
        Set<String> seenNames = new HashSet<>();
        while (!pending.isEmpty() || !names.isEmpty()) {
            if (!pending.isEmpty()) {
                ModuleFacts.Unit u = pending.poll();
                if (reached.get(fileOf.get(u)).add(u.qualifiedName())) {
                    names.addAll(u.refs());
                }
                continue;
            }
            String name = names.poll();
            if (seenNames.add(name)) {
                pending.addAll(byName.getOrDefault(name, List.of()));
            }
        }
        return new Reachability(reached, facts);
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

package dev.iampreflight.code.python;

import dev.iampreflight.core.SymbolicValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the module-level code that registers a framework's functions as a deploy tool runs it, with one known
 * environment: which registrations run and the {@code name=} each one gets. Chalice imports app.py at deploy time
 * with the stage's {@code environment_variables} ({@code chalice/cli/factory.py} {@code create_config_obj} passes
 * {@code config.environment_variables} to {@code load_chalice_app}), so {@code name='hook-%s' % settings.STAGE} is
 * one name per stage, a registration under {@code if settings.STAGE in (...)} runs in some stages only, and
 * {@code for q in QUEUES: @app.on_sqs_message(..., name='sqs_' + q['name'])} registers one function per element.
 *
 * <p>Built on the value analysis ({@link Evaluator}) run under that environment: an {@code if} around the
 * registration must be decided, a loop around it must iterate a list literal of at most {@link #MAX_ELEMENTS}
 * elements (each evaluated with the loop variable pinned to it), and the name must be one fully known string;
 * anything else is {@link Unknown} (the caller keeps {@code {?}}): nothing is invented.
 */
public final class DeployTimeValues {

    /** Above this many elements a loop's registrations are not expanded one by one. */
    public static final int MAX_ELEMENTS = 16;

    /** A Python file of the app: its path relative to the app's folder ({@code app.py}, {@code chalicelib/x.py}). */
    public record Source(String path, String text) {
    }

    /** A registration: the file and the 1-based line of its decorator. */
    public record Site(String path, int line) {
    }

    /** What a registration gives under one environment. */
    public sealed interface Outcome {
    }

    /** The registration runs once per name (none: it does not run under this environment). */
    public record Registered(List<String> names) implements Outcome {
        public Registered {
            names = List.copyOf(names);
        }
    }

    /** Not decided: why (a condition, a loop or a name the analysis does not know). */
    public record Unknown(String why) implements Outcome {
    }

    private final Index index = new Index();
    private final Map<String, PyFile> files = new LinkedHashMap<>();

    private DeployTimeValues() {
    }

    /**
     * The outcome of each site under each environment (one map per environment, in order). Runs on a thread with a
     * deep stack, as the scan does; a failure of the analysis makes every outcome unknown.
     */
    public static List<Map<Site, Outcome>> evaluate(List<Source> sources, List<Site> sites,
                                                    List<Map<String, String>> environments) {
        List<Map<Site, Outcome>> result;
        try {
            result = DeepStack.call("iam-preflight-deploy-time", () -> {
                DeployTimeValues v = new DeployTimeValues();
                List<PyFile> parsed = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (Source s : sources) {
                    PyFile f = PythonParser.parse(s.path(), s.text());
                    parsed.add(f);
                    texts.add(s.text());
                }
                // The scan of the app's functions reads the same files: it takes these trees.
                PythonParser.keepForScan(parsed, texts);
                for (PyFile f : parsed) {
                    v.files.put(f.path(), f);
                    v.index.add(f);
                }
                List<Map<Site, Outcome>> out = new ArrayList<>();
                for (Map<String, String> env : environments) {
                    Map<Site, Outcome> m = new LinkedHashMap<>();
                    for (Site site : sites) {
                        m.put(site, v.outcome(site, env));
                    }
                    out.add(m);
                }
                return out;
            });
        } catch (RuntimeException | StackOverflowError e) {
            result = null;
        }
        if (result == null) {
            List<Map<Site, Outcome>> out = new ArrayList<>();
            for (int i = 0; i < environments.size(); i++) {
                Map<Site, Outcome> m = new LinkedHashMap<>();
                sites.forEach(s -> m.put(s, new Unknown("the value analysis could not evaluate the app's code")));
                out.add(m);
            }
            return out;
        }
        return result;
    }

    private Outcome outcome(Site site, Map<String, String> env) {
        PyFile f = files.get(site.path());
        Index.ModuleInfo m = f == null ? null : index.module(f.module());
        PyNode decorator = f == null ? null : decoratorAt(f.root(), site.line());
        if (m == null || decorator == null || decorator.parent() == null) {
            return new Unknown("the registration was not found by the parser");
        }
        PyNode definition = decorator.parent();
        // The statements around the registration, innermost first: each if must be decided, at most one loop.
        List<PyNode> ifs = new ArrayList<>();
        PyNode loop = null;
        for (PyNode x = definition; x.parent() != null; x = x.parent()) {
            PyNode p = x.parent();
            if (p.is("module")) {
                break;
            }
            if (p.is("block")) {
                continue;
            }
            if (p.is("if_statement") && x.equals(p.child("consequence"))) {
                ifs.add(p.child("condition"));
            } else if (p.is("for_statement") && x.equals(p.child("body")) && loop == null
                    && p.child("left") != null && p.child("left").is("identifier")) {
                loop = p;
            } else {
                return new Unknown("it is registered inside " + p.type().replace('_', ' '));
            }
        }
        Index.Scope scope = m.scope;
        Boto3Models models = Boto3Models.bundled();
        List<Map<PyNode, Set<Val>>> runs = new ArrayList<>();
        if (loop == null) {
            runs.add(Map.of());
        } else {
            Evaluator base = new Evaluator(index, models, env, Map.of());
            base.startSite();
            // Each element is evaluated once; the ifs around the registration are decided below, per element.
            PyNode iterable = loop.child("right");
            Set<Val> list = base.eval(iterable, scope);
            if (list.size() != 1 || !(list.iterator().next() instanceof Val.ListV l)) {
                return new Unknown("the loop around it iterates a value that is not a known list");
            }
            List<PyNode> items = l.node().namedChildren();
            if (items.size() > MAX_ELEMENTS) {
                return new Unknown("the loop around it has " + items.size() + " elements (more than "
                        + MAX_ELEMENTS + " are not expanded)");
            }
            for (PyNode item : items) {
                if (item.is("list_splat") || item.is("dictionary_splat")) {
                    return new Unknown("the loop around it iterates a list with unpacked parts");
                }
                runs.add(Map.of(iterable, base.eval(item, l.scope())));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        PyNode nameArg = keyword(decorator, "name");
        for (Map<PyNode, Set<Val>> pins : runs) {
            Evaluator ev = new Evaluator(index, models, env, pins);
            ev.startSite();
            boolean runs1 = true;
            for (PyNode cond : ifs) {
                Optional<Boolean> d = ev.decide(cond, scope);
                if (d.isEmpty()) {
                    return new Unknown("the condition '" + cond.text() + "' around it is not known");
                }
                runs1 &= d.get();
            }
            if (!runs1) {
                continue;
            }
            if (nameArg == null) {
                PyNode fn = definition.child("definition");
                PyNode id = fn == null ? null : fn.child("name");
                if (id == null) {
                    return new Unknown("the registered function has no name");
                }
                names.add(id.text());
                continue;
            }
            Set<Val> vals = ev.eval(nameArg, scope);
            Optional<String> name = vals.size() == 1 && vals.iterator().next() instanceof Val.StrV s
                    ? literal(s.value(), env) : Optional.empty();
            if (name.isEmpty()) {
                return new Unknown("its name '" + nameArg.text() + "' is not known");
            }
            names.add(name.get());
        }
        return new Registered(new ArrayList<>(names));
    }

    /**
     * The one string a name has. A guard left on it is a condition of the path that made it, which held: the read is
     * reached and this is the only value that reaches it (a path where it fails either never gets here, as after an
     * {@code if ...: raise} the environment does not decide, or leaves the name unbound).
     */
    private static Optional<String> literal(SymbolicValue v, Map<String, String> env) {
        SymbolicValue x = v;
        while (x instanceof SymbolicValue.Guarded g) {
            x = g.value();
        }
        return x.resolve(env).asLiteral().filter(s -> !s.contains(SymbolicValue.UNKNOWN));
    }

    /** The {@code decorator} node whose text starts on {@code line}. */
    private static PyNode decoratorAt(PyNode root, int line) {
        java.util.ArrayDeque<PyNode> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            if (n.is("decorator") && n.line() == line && n.parent() != null && n.parent().is("decorated_definition")) {
                return n;
            }
            if (n.line() <= line) {
                n.children().forEach(stack::push);
            }
        }
        return null;
    }

    /** The value of keyword argument {@code name} of the decorator's call, or null. */
    private static PyNode keyword(PyNode decorator, String name) {
        PyNode call = decorator.namedChildren().isEmpty() ? null : decorator.namedChildren().get(0);
        PyNode args = call == null || !call.is("call") ? null : call.child("arguments");
        if (args == null) {
            return null;
        }
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument") && a.child("name") != null && a.child("name").text().equals(name)) {
                return a.child("value");
            }
        }
        return null;
    }
}

package dev.iampreflight.check;

import dev.iampreflight.check.internal.ChaliceAttribution;
import dev.iampreflight.code.Reachability;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RuntimeEnvironment;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iac.chalice.ChaliceReader;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InlineCode;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.core.Condition;
import dev.iampreflight.report.Rule;
import dev.iampreflight.require.TargetContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The code each deploy target runs: which directory to scan (the common directory of its code roots, or beside its
 * declaration when they do not exist, e.g. a Terraform zip), which files of it count, and which calls belong to which
 * Chalice function. Shared by {@code check} and {@code scan}; scans each directory once.
 */
public final class TargetCode {

    private final Path root;
    private final PythonScanner scanner;
    /** Scans by (directory, the code roots under it that count): a directory's other files are never parsed. */
    private final Map<List<Object>, ScanResult> scans = new HashMap<>();
    /** The calls of each scan that lie in its code roots, rebased: whether a target runs them or not. */
    private final Map<List<Object>, List<SdkCall>> scanned = new LinkedHashMap<>();
    /**
     * The same calls as {@link #scanned}, as the scan reported them (not rebased), position for position: each target
     * that shares the scan filters these pairs instead of rebasing every call of the project again (which made
     * checking many targets quadratic).
     */
    private final Map<List<Object>, List<SdkCall>> found = new HashMap<>();
    private final Set<SdkCall> guardedOff = new java.util.HashSet<>();
    /** Per Chalice app folder: each handler, as {@code file#function} with the file relative to the root, to its
     * Lambda function. */
    private final Map<Path, Map<String, ChaliceReader.Owner>> chaliceHandlers = new HashMap<>();
    private final Map<Path, Optional<ChaliceAttribution.Generator>> generators = new HashMap<>();
    /** Reachability per (scanned directory, import roots, entry file, handler): targets that share it share it. */
    private final Map<String, Reachability> reachable = new HashMap<>();
    /**
     * Reachability being computed ahead, on {@link #workers}, for the targets {@link #lookahead} named, by the key of
     * {@link #reachable}: a pure function of the scan's facts and the target, so computing it early on another core
     * gives the same answer, while this thread checks the targets before it.
     */
    private final Map<String, java.util.concurrent.FutureTask<Reachability>> ahead = new HashMap<>();
    private List<DeployTarget> upcoming = List.of();
    private java.util.concurrent.ThreadPoolExecutor workers;
    /** Targets whose code is a prebuilt archive that cannot be told apart in the project: nothing is charged. */
    private final java.util.Set<String> unknownArchive = new java.util.HashSet<>();
    /** Targets whose handler names a module that no file of their code is: everything is charged, unsurely. */
    private final Map<String, String> noHandlerModule = new HashMap<>();
    /** Per target and call site, why a call charged to the target may still never run (see {@link #unsure}). */
    private final Map<String, String> unsure = new HashMap<>();

    public TargetCode(Path root, PythonScanner scanner) {
        this.root = root;
        this.scanner = scanner;
    }

    /**
     * Whether the target names no code at all: a CloudFormation/SAM target with neither a code folder that exists nor
     * a handler (an ECS task, a container-image function). Its calls are not checked, rather than charging it every
     * file beside its template.
     */
    public boolean codeNotFound(DeployTarget t) {
        if (t.codeNotChecked().isPresent()) {
            return true;
        }
        if (t.inlineCode().isPresent()) {
            return false;
        }
        if (t.codeRoots().isEmpty() && t.handler().isEmpty()) {
            // A container image the project does not build, an EC2 instance: the deploy files do not say what runs
            // there, and charging it the code beside its declaration would charge it code it never runs.
            return true;
        }
        // A function synthesized by CDK whose asset is not in cdk.out has a handler but no code here: the folder
        // beside its template holds the other functions' assets (the reader's note says so).
        if ((t.kind() == TargetKind.SAM || t.kind() == TargetKind.CLOUDFORMATION) && missingFolders(t)) {
            // A CodeUri naming a folder that is not there: `sam build` fails, so no code of the project is deployed
            // (charging the handler's namesake elsewhere would charge code the function never runs).
            return true;
        }
        boolean synthesized = ("/" + t.declaredIn().file()).contains("/cdk.out/");
        if (t.kind() != TargetKind.SAM && t.kind() != TargetKind.CLOUDFORMATION
                || t.handler().isPresent() && !synthesized) {
            return false;
        }
        return t.codeRoots().stream().noneMatch(r -> Files.exists(root.resolve(r)));
    }

    /** Code roots that all name folders (not archives a build writes) and none of which exists. */
    private boolean missingFolders(DeployTarget t) {
        return !t.codeRoots().isEmpty() && t.codeRoots().stream().noneMatch(r -> Files.exists(root.resolve(r))
                || r.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(zip|jar|tar|tgz|gz)$"));
    }

    /** The note for a target whose code is not checked: the reader's reason, or that no code was named. */
    public String codeNotFoundMessage(DeployTarget t) {
        if (t.codeNotChecked().isPresent()) {
            return "the code of " + t.name() + " is not checked: " + t.codeNotChecked().get();
        }
        if ((t.kind() == TargetKind.SAM || t.kind() == TargetKind.CLOUDFORMATION) && missingFolders(t)) {
            return "no code found for " + t.name() + ": its code folder '" + String.join("', '", t.codeRoots())
                    + "' does not exist in the project (sam build would fail), so the SDK calls it makes are not "
                    + "checked";
        }
        return "no code found for " + t.name() + ": it names neither a code folder in the project nor a handler "
                + t.image().map(i -> "(it runs the image " + i + ", which no Dockerfile of the project is "
                + "known to build)").orElse("(an EC2 instance, an ECS task or a container image built elsewhere)")
                + ", so the SDK calls it makes are not checked; if its code is in the project, name it in "
                + ".iam-preflight.yml: targets: {'" + t.name() + "': {code: [FOLDER], handler: module.function}}";
    }

    /** A Chalice app's directory: the one holding the .chalice/ of the config the target was read from. */
    private Path appDirectory(DeployTarget t) {
        Path config = root.resolve(t.declaredIn().file()).normalize();
        Path chaliceDir = config.getParent();
        return chaliceDir == null || chaliceDir.getParent() == null ? root : chaliceDir.getParent();
    }

    /** The app's handlers as {@code file#function} (file relative to the root) to their Lambda function. */
    private Map<String, ChaliceReader.Owner> handlers(DeployTarget t) {
        Path dir = appDirectory(t);
        return chaliceHandlers.computeIfAbsent(dir, d -> {
            Map<String, ChaliceReader.Owner> out = new LinkedHashMap<>();
            ChaliceReader.handlerFunctions(d).forEach((h, fn) -> out.put(
                    dev.iampreflight.project.internal.DisplayPaths.rel(root, d.resolve(h.file())) + "#" + h.function(),
                    fn));
            return out;
        });
    }

    /**
     * The model of chalice's policy generator for {@code t}'s app (the release the project pins), empty for other
     * targets and when app.py cannot be read.
     */
    public Optional<ChaliceAttribution.Generator> generator(DeployTarget t) {
        if (t.kind() != TargetKind.CHALICE) {
            return Optional.empty();
        }
        Path dir = appDirectory(t);
        boolean websocket = handlers(t).values().stream().anyMatch(fn -> fn.function().startsWith("websocket_"));
        return generators.computeIfAbsent(dir, d -> ChaliceAttribution.generator(root, d, websocket));
    }

    /**
     * The targets that will be asked about, in order: once a scan they share is done, the code each Lambda-style
     * target among them runs ({@link Reachability}, the largest per-target cost of a large project) is computed
     * ahead on the other cores. The answers are the same as without it; only the time they take moves.
     */
    public void lookahead(List<DeployTarget> targets) {
        upcoming = List.copyOf(targets);
    }

    /** Starts computing the reachability of the upcoming targets whose scan is {@code key}. */
    private void prefetch(List<Object> key, ScanResult r) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (upcoming.size() < 2 || cores < 2 || r.facts().isEmpty()) {
            return;
        }
        for (DeployTarget t : upcoming) {
            if (t.kind() == TargetKind.CHALICE || t.inlineCode().isPresent() || t.handler().isEmpty()
                    || codeNotFound(t)) {
                continue;
            }
            CodeScope scope = CodeScope.of(t, root);
            if (!key.equals(List.of(scope.scanRoot(), scope.relativeIncludes()))) {
                continue;
            }
            reachability(t, scope, r, new ArrayList<>(), true);
        }
    }

    /**
     * The reachability for {@code key}: computed ahead (waited for, or run here when no worker has started it yet),
     * else now; kept for the targets that share it.
     */
    private Reachability reach(String key, java.util.function.Supplier<Reachability> compute) {
        Reachability known = reachable.get(key);
        if (known != null) {
            return known;
        }
        java.util.concurrent.FutureTask<Reachability> task = ahead.remove(key);
        Reachability out;
        if (task == null) {
            out = compute.get();
        } else {
            task.run(); // a no-op when a worker has started it
            try {
                out = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out = compute.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        reachable.put(key, out);
        return out;
    }

    /** Queues {@code compute} for {@code key} on the workers, unless it is known or queued already. */
    private void ahead(String key, java.util.concurrent.Callable<Reachability> compute) {
        if (reachable.containsKey(key) || ahead.containsKey(key)) {
            return;
        }
        if (workers == null) {
            int n = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            workers = new java.util.concurrent.ThreadPoolExecutor(n, n, 1, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), job -> {
                        Thread th = new Thread(job, "iam-preflight-reach");
                        th.setDaemon(true);
                        return th;
                    });
            // Idle workers end: nothing to shut down when the check is over.
            workers.allowCoreThreadTimeOut(true);
        }
        java.util.concurrent.FutureTask<Reachability> task = new java.util.concurrent.FutureTask<>(compute);
        ahead.put(key, task);
        workers.execute(task);
    }

    /** How many Python files were scanned so far. */
    public int filesScanned() {
        return scans.values().stream().mapToInt(ScanResult::filesScanned).sum();
    }

    /** A target's environment variables as the scanner reads them ({@code {?}} for unknown parts). */
    public static Map<String, String> environment(DeployTarget t) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, SymbolicValue.Pattern> e : t.environment().entrySet()) {
            env.put(e.getKey(), e.getValue().value());
        }
        return env;
    }

    /**
     * The target's environment as the scanner reads it, marked complete ({@link RuntimeEnvironment}) when its deploy
     * file gives it whole; variables the scanned code sets itself may then be present too, and code that may set any
     * ({@code load_dotenv()}, {@code os.environ.update}) leaves it not complete.
     */
    private static Map<String, String> knownEnvironment(DeployTarget t, ScanResult r) {
        Map<String, String> env = environment(t);
        if (!t.environmentComplete()) {
            return env;
        }
        Set<String> written = new TreeSet<>();
        for (var f : r.facts().values()) {
            written.addAll(f.envWrites());
        }
        if (!written.contains("*")) {
            RuntimeEnvironment.markComplete(env, written);
        }
        return env;
    }

    /** What the scanner needs to know of a target: its environment, account, region, partition and code roots. */
    public static TargetContext context(DeployTarget t, Path root) {
        Map<String, String> env = environment(t);
        List<Path> roots = new ArrayList<>();
        for (String r : t.codeRoots()) {
            roots.add(root.resolve(r));
        }
        return new TargetContext(t.name(), env, t.account(), t.region(), t.partition(), roots);
    }

    /**
     * The calls in the code {@code t} runs, with file names relative to the project root; each distinct scan root is
     * scanned once, and its parse warnings are added to {@code findings} that once.
     */
    /**
     * The calls of each target of {@code project} as {@code lint} asks for them: a scan of its own, made only when an
     * incident lint needs a target's calls.
     */
    public static dev.iampreflight.rules.TargetCalls forLint(Project project, dev.iampreflight.iamdata.KnowledgeBase kb) {
        TargetCode code = new TargetCode(project.root(), PythonScanner.withKnowledgeBase(kb, List.of()));
        return t -> code.calls(t, new ArrayList<>());
    }

    public List<SdkCall> calls(DeployTarget t, List<Finding> findings) {
        return calls(t, findings, false);
    }

    /**
     * The calls that any function of {@code t}'s Chalice app runs (for other targets, its own calls): chalice generates
     * one policy, for the role all the app's functions share, from the code of the whole app.
     */
    public List<SdkCall> appCalls(DeployTarget t, List<Finding> findings) {
        return calls(t, findings, t.kind() == TargetKind.CHALICE);
    }

    /**
     * Calls that some target asked about reaches but does not run because the branch they are written under is
     * false in its environment (file names relative to the project root).
     */
    public Set<SdkCall> guardedOff() {
        return java.util.Collections.unmodifiableSet(guardedOff);
    }

    /**
     * Every call in the code scanned so far for the targets asked about, whether a target runs it or not (file names
     * relative to the project root): {@code scan} lists those no target runs.
     */
    public List<SdkCall> scannedCalls() {
        List<SdkCall> out = new ArrayList<>();
        scanned.values().forEach(out::addAll);
        return out;
    }

    private List<SdkCall> calls(DeployTarget t, List<Finding> findings, boolean wholeApp) {
        if (codeNotFound(t)) {
            return List.of();
        }
        if (t.inlineCode().isPresent()) {
            return inlineCalls(t, t.inlineCode().get(), findings);
        }
        CodeScope scope = CodeScope.of(t, root);
        List<Object> key = List.of(scope.scanRoot(), scope.relativeIncludes());
        ScanResult r = scans.get(key);
        if (r == null) {
            try {
                r = scanner.scan(scope.scanRoot(), scope.relativeIncludes());
            } catch (IOException e) {
                findings.add(new Finding(dev.iampreflight.core.ReservedRules.UNREADABLE, Severity.ERROR,
                        "cannot read the code of " + t.name() + " under '" + scope.display() + "': " + e.getMessage(),
                        SourceLocation.of(scope.display())));
                r = new ScanResult(List.of(), List.of(), 0);
            }
            scans.put(key, r);
            for (Finding f : r.findings()) {
                findings.add(scope.rebase(f));
            }
            List<SdkCall> all = new ArrayList<>();
            List<SdkCall> asFound = new ArrayList<>();
            for (SdkCall c : r.calls()) {
                SdkCall rebased = scope.rebase(c);
                if (scope.includes(rebased.location().file())) {
                    all.add(rebased);
                    asFound.add(c);
                }
            }
            scanned.put(key, all);
            found.put(key, asFound);
            prefetch(key, r);
        }
        Map<String, ChaliceReader.Owner> handlers = t.kind() == TargetKind.CHALICE ? handlers(t) : Map.of();
        Optional<Reachability> reach = t.kind() == TargetKind.CHALICE
                ? chaliceReachability(t, scope, r, handlers, wholeApp)
                : reachability(t, scope, r, findings, false);
        if (reach.isEmpty() && unknownArchive.contains(t.name())) {
            return List.of();
        }
        Map<String, String> env = knownEnvironment(t, r);
        List<SdkCall> out = new ArrayList<>();
        List<SdkCall> asFound = found.get(key);
        List<SdkCall> rebasedAll = scanned.get(key);
        for (int i = 0; i < asFound.size(); i++) {
            SdkCall c = asFound.get(i);
            SdkCall rebased = rebasedAll.get(i);
            boolean runs = reach.isPresent() ? reach.get().includes(c.location().file(), c.enclosingFunction())
                    : wholeApp || ChaliceAttribution.belongsTo(t, handlers, rebased);
            if (runs && !wholeApp) {
                Optional<Condition> made = instanceGuard(c, reach);
                if (made.isPresent()) {
                    Optional<Condition> when = Optional.of(c.guard().<Condition>map(g -> new Condition.All(
                            List.of(g, made.get()))).orElse(made.get()));
                    c = c.withGuard(when);
                    rebased = rebased.withGuard(when);
                }
            }
            // A call under a branch on the environment runs where the branch may be taken; chalice's generator
            // (wholeApp) reads the code without running it, so it sees every call.
            if (runs && !wholeApp && (!c.runsFor(env) || reach.isPresent() && reach.get().stopped(
                    c.location().file(), c.enclosingFunction(), c.location().line(), c.location().column())
                    .isPresent())) {
                guardedOff.add(rebased);
            } else if (runs) {
                out.add(rebased);
                Optional<String> why = reach.isPresent() ? reach.get().unsure(c.location().file(),
                        c.enclosingFunction()) : Optional.ofNullable(noHandlerModule.get(t.name()));
                SourceLocation at = rebased.location();
                why.ifPresent(w -> unsure.put(unsureKey(t, at), w));
            }
        }
        return out;
    }

    /**
     * The condition under which the target makes an instance of the class whose method {@code c} is written in:
     * the branches of the constructions its code reaches ({@code if STAGE == "dev": SnsNotifier()}); empty when one
     * of them (or another mention of the class) is on every path, or none is reached (the instance then comes from
     * somewhere the scan does not see).
     */
    private static Optional<Condition> instanceGuard(SdkCall c, Optional<Reachability> reach) {
        if (c.instances().isEmpty()) {
            return Optional.empty();
        }
        List<Condition> any = new ArrayList<>(); // distinct: two sites under the same branch are one condition
        for (SdkCall.Site s : c.instances().get().sites()) {
            if (reach.isPresent() && !reach.get().includes(s.file(), s.enclosingFunction())) {
                continue;
            }
            if (s.guard().isEmpty()) {
                return Optional.empty();
            }
            if (!any.contains(s.guard().get())) {
                any.add(s.guard().get());
            }
        }
        return any.isEmpty() ? Optional.empty() : Optional.of(any.size() == 1 ? any.get(0) : new Condition.Any(any));
    }

    /**
     * Why the call at {@code at}, charged to {@code t}, may never run there, or empty when it runs (as far as the
     * analysis can tell): a denied call there is then reported as a warning that says why (IAM1011), not an error.
     */
    public Optional<String> unsure(DeployTarget t, SourceLocation at) {
        return Optional.ofNullable(unsure.get(unsureKey(t, at)));
    }

    private static String unsureKey(DeployTarget t, SourceLocation at) {
        return t.name() + "\n" + at.file() + ":" + at.line() + ":" + at.column();
    }

    /**
     * The code a Chalice function runs: what is reachable from the handlers chalice routes to it (every route for
     * {@code api_handler}, its own handler for a schedule or an event handler; every handler of the app when
     * {@code wholeApp}), plus the module-level code of app.py and of every module it imports. Empty (decorator
     * attribution) when app.py was not scanned or none of the function's handlers is found in the code.
     */
    private Optional<Reachability> chaliceReachability(DeployTarget t, CodeScope scope, ScanResult r,
                                                       Map<String, ChaliceReader.Owner> handlers,
                                                       boolean wholeApp) {
        Path appPy = appDirectory(t).resolve("app.py").normalize();
        Path scanRoot = scope.scanRoot().normalize();
        if (!appPy.startsWith(scanRoot)) {
            return Optional.empty();
        }
        String entryFile = scanRoot.relativize(appPy).toString().replace('\\', '/');
        if (!r.facts().containsKey(entryFile)) {
            return Optional.empty();
        }
        // Handlers as file#function, with the file relative to the scanned directory: two modules may each have a
        // handler of the same name for different Lambda functions.
        Set<String> mine = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        String prefix = scope.prefix();
        handlers.forEach((handler, fn) -> {
            if (handler.startsWith(prefix)) {
                (wholeApp || ChaliceAttribution.owns(fn, t) ? mine : others).add(handler.substring(prefix.length()));
            }
        });
        others.removeAll(mine);
        boolean found = mine.stream().anyMatch(h -> {
            int hash = h.lastIndexOf('#');
            var facts = r.facts().get(h.substring(0, hash));
            return facts != null && facts.units().containsKey(h.substring(hash + 1));
        });
        if (!found) {
            return Optional.empty();
        }
        // chalice runs the app from its folder: app.py's folder is where `import chalicelib...` is resolved.
        List<String> importRoots = List.of(CodeScope.parent(entryFile));
        // chalice's generator reads the code without running it: what the environment stops still counts there.
        Map<String, String> env = wholeApp ? Map.of() : knownEnvironment(t, r);
        String key = scope.scanRoot() + "#chalice#" + entryFile + "#" + mine + "#" + others
                + (RuntimeEnvironment.isComplete(env) ? "#" + new java.util.TreeMap<>(env).keySet() : "");
        return Optional.of(reach(key, () -> Reachability.from(r.facts(), importRoots, entryFile,
                mine, others, RuntimeEnvironment.isComplete(env) ? v -> RuntimeEnvironment.absent(env, v) : null)));
    }

    /**
     * The calls of Python code written inside the template, located on the template's lines. Lambda writes it to
     * {@code index.py}; its layers (code roots) are not read with it.
     */
    private List<SdkCall> inlineCalls(DeployTarget t, InlineCode code, List<Finding> findings) {
        ScanResult r = scanner.scanSources(Map.of(InlineCode.MODULE_FILE, code.source()));
        for (Finding f : r.findings()) {
            findings.add(new Finding(f.ruleId(), f.severity(), f.message() + " (in the inline code of " + t.name()
                    + ")", code.locate(f.location().line(), f.location().column()), f.related(), f.target(),
                    f.action(), f.resource(), f.fix()));
        }
        Optional<Reachability> reach = Optional.empty();
        if (t.handler().isPresent() && !r.facts().isEmpty()) {
            Optional<String> entry = Reachability.entryFile(t.handler().get(), List.of(""), r.facts());
            if (entry.isPresent()) {
                reach = Optional.of(Reachability.from(r.facts(), List.of(""), entry.get(),
                        Reachability.entryFunction(t.handler().get())));
            }
        }
        List<SdkCall> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            if (reach.map(x -> x.includes(c.location().file(), c.enclosingFunction())).orElse(true)
                    && c.runsFor(context(t, root).environment())) {
                out.add(c.relocated(code.locate(c.location().line(), c.location().column()),
                        l -> code.locate(l.line(), l.column())));
            }
        }
        return out;
    }

    /**
     * The code a Lambda-style target can run, from its handler ({@code module.function}) with its code folders as
     * import roots; empty (all code under the scope counts) for targets without a handler, and when the handler's
     * module is not there (then a note says so).
     */
    private Optional<Reachability> reachability(DeployTarget t, CodeScope scope, ScanResult r,
                                                List<Finding> findings, boolean ahead) {
        if (t.handler().isEmpty() || r.facts().isEmpty()) {
            return Optional.empty();
        }
        // A task run with several commands runs what any of them reaches; one entry not found charges it all.
        // Computing ahead, each entry point is queued and nothing is answered.
        List<Reachability> each = new ArrayList<>();
        for (String entry : t.entries()) {
            Optional<Reachability> one = reachability(t, entry, scope, r, findings, ahead);
            if (ahead) {
                continue;
            }
            if (one.isEmpty()) {
                return Optional.empty();
            }
            each.add(one.get());
        }
        return ahead ? Optional.empty() : Optional.of(Reachability.union(each));
    }

    /** What runs from one entry point {@code handler} of {@code t} (only queued when computing {@code ahead}). */
    private Optional<Reachability> reachability(DeployTarget t, String handler, CodeScope scope, ScanResult r,
                                                List<Finding> findings, boolean ahead) {
        List<String> roots = new ArrayList<>();
        List<String> includes = scope.relativeIncludes();
        for (String inc : includes) {
            roots.add(Files.isDirectory(scope.scanRoot().resolve(inc)) ? inc : CodeScope.parent(inc));
        }
        if (!roots.contains("")) {
            // The folder the code roots share is the package's root (a Serverless service packaging common/ and
            // orders/ imports orders.api from there).
            roots.add("");
        }
        Optional<String> entry = Reachability.entryFile(handler, roots, r.facts());
        if (entry.isEmpty()) {
            // A handler written from the package's root while the code folder is below it (Serverless packaging
            // only src/** with handler src.lambda_handlers.handler): the module path starts with the folder's own
            // name, which the scan root already is.
            Optional<String> below = belowScanRoot(handler, scope.scanRoot());
            if (below.isPresent()) {
                Optional<String> found = Reachability.entryFile(below.get(), roots, r.facts());
                if (found.isPresent()) {
                    entry = found;
                    handler = below.get();
                }
            }
        }
        if (entry.isEmpty() && includes.isEmpty()) {
            // No code folder is named (a prebuilt zip): the handler's module in exactly one place is the code.
            Optional<String> root = Reachability.uniqueRootOf(handler, r.facts());
            if (root.isPresent()) {
                roots = List.of(root.get());
                entry = Reachability.entryFile(handler, roots, r.facts());
            }
        }
        if (ahead && entry.isEmpty()) {
            // Computing ahead only: what is said of a handler that is not found is said when the target is checked.
            return Optional.empty();
        }
        if (entry.isEmpty() && scope.includes().isEmpty()) {
            // A prebuilt archive whose handler module is in several places of the project, or in none: which code
            // it holds is unknown, so charging it everything beside its template would report calls it never makes.
            unknownArchive.add(t.name());
            findings.add(new Finding(Rule.HANDLER_NOT_FOUND.id(), Rule.HANDLER_NOT_FOUND.severity(),
                    "the code of " + t.name() + " is an archive the project builds elsewhere, and its handler '"
                            + handler + "' names " + (Reachability.rootsOf(handler, r.facts()).isEmpty()
                            ? "no module found" : "a module found in several places")
                            + " under '" + scope.display() + "', so its SDK calls are not checked",
                    t.declaredIn()).withTarget(t.name()));
            return Optional.empty();
        }
        if (entry.isEmpty() && Reachability.rootsOf(handler, r.facts()).isEmpty()) {
            // No file of the code is the handler's module: Lambda fails to import it (Runtime.ImportModuleError)
            // unless the build adds it, which the project does not show. Its calls stay charged, unsurely.
            noHandlerModule.put(t.name(), "no file of its code is the module its handler '" + handler
                    + "' names, so Lambda cannot import it (Runtime.ImportModuleError) unless a build step adds it, "
                    + "and then which of these files run is unknown");
        }
        if (entry.isEmpty()) {
            findings.add(new Finding(Rule.HANDLER_NOT_FOUND.id(), Rule.HANDLER_NOT_FOUND.severity(),
                    "the handler '" + handler + "' of " + t.name() + " names no Python module under '"
                            + (scope.includes.isEmpty() ? scope.display() : String.join("', '", scope.includes))
                            + "', so every SDK call there is charged to it",
                    t.declaredIn()).withTarget(t.name()));
            return Optional.empty();
        }
        List<String> importRoots = roots;
        String entryFile = entry.get();
        String function = Reachability.entryFunction(handler);
        Map<String, String> env = knownEnvironment(t, r);
        String key = scope.scanRoot() + "#" + String.join("|", roots) + "#" + entryFile + "#" + handler
                + (RuntimeEnvironment.isComplete(env) ? "#" + new java.util.TreeMap<>(env).keySet() : "");
        java.util.concurrent.Callable<Reachability> compute = () -> Reachability.from(r.facts(), importRoots,
                entryFile, Set.of(function), Set.of(), RuntimeEnvironment.isComplete(env)
                        ? v -> RuntimeEnvironment.absent(env, v) : null);
        if (ahead) {
            ahead(key, compute);
            return Optional.empty();
        }
        return Optional.of(reach(key, () -> {
            try {
                return compute.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** Which code a target runs: the directory to scan and the files under it that count. */
    /**
     * The handler with the leading module parts that name the scan root's own trailing folders removed
     * ({@code src.lambda_handlers.handler} scanned from {@code .../src} is {@code lambda_handlers.handler}); empty
     * when it does not start with them.
     */
    static Optional<String> belowScanRoot(String handler, Path scanRoot) {
        List<String> folders = new ArrayList<>();
        for (Path p : scanRoot.normalize()) {
            folders.add(p.toString());
        }
        String[] parts = handler.split("\\.");
        for (int k = Math.min(folders.size(), parts.length - 2); k >= 1; k--) {
            boolean same = true;
            for (int i = 0; i < k && same; i++) {
                same = folders.get(folders.size() - k + i).equals(parts[i]);
            }
            if (same) {
                return Optional.of(String.join(".", java.util.Arrays.asList(parts).subList(k, parts.length)));
            }
        }
        return Optional.empty();
    }

    private record CodeScope(Path root, Path scanRoot, String prefix, List<String> includes) {

        static CodeScope of(DeployTarget t, Path root) {
            List<String> roots = new ArrayList<>();
            for (String r : t.codeRoots()) {
                if (Files.exists(root.resolve(r))) {
                    roots.add(r.replace('\\', '/'));
                }
            }
            String base;
            if (roots.isEmpty()) {
                // No code root that exists (e.g. Terraform's filename names a built zip): scan beside the declaration.
                String declared = t.declaredIn().file();
                int slash = declared.lastIndexOf('/');
                base = slash < 0 ? "" : declared.substring(0, slash);
                return new CodeScope(root, base.isEmpty() ? root : root.resolve(base), prefix(base), List.of());
            }
            base = commonDirectory(roots, root);
            return new CodeScope(root, base.isEmpty() ? root : root.resolve(base), prefix(base), roots);
        }

        private static String prefix(String base) {
            return base.isEmpty() ? "" : base + "/";
        }

        private static String commonDirectory(List<String> roots, Path root) {
            String common = null;
            for (String r : roots) {
                String dir = Files.isDirectory(root.resolve(r)) ? stripSlash(r) : parent(r);
                common = common == null ? dir : commonPrefixDir(common, dir);
            }
            return common == null ? "" : common;
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }

        private static String parent(String file) {
            int slash = file.lastIndexOf('/');
            return slash < 0 ? "" : file.substring(0, slash);
        }

        private static String commonPrefixDir(String a, String b) {
            String[] pa = a.isEmpty() ? new String[0] : a.split("/");
            String[] pb = b.isEmpty() ? new String[0] : b.split("/");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(pa.length, pb.length) && pa[i].equals(pb[i]); i++) {
                sb.append(sb.length() == 0 ? "" : "/").append(pa[i]);
            }
            return sb.toString();
        }

        /** The code roots relative to the scanned directory ("" for the directory itself). */
        List<String> relativeIncludes() {
            List<String> out = new ArrayList<>();
            for (String inc : includes) {
                String dir = stripSlash(inc);
                if (inc.startsWith(prefix)) {
                    out.add(stripSlash(inc.substring(prefix.length())));
                } else if (dir.equals(stripSlash(prefix))) {
                    return List.of();
                }
            }
            return out.contains("") ? List.of() : out;
        }

        String display() {
            return prefix.isEmpty() ? "." : prefix;
        }

        boolean includes(String file) {
            if (includes.isEmpty()) {
                return true;
            }
            for (String inc : includes) {
                String dir = stripSlash(inc);
                if (file.equals(inc) || file.startsWith(dir + "/")) {
                    return true;
                }
            }
            return false;
        }

        SourceLocation rebase(SourceLocation l) {
            return new SourceLocation(prefix + l.file(), l.line(), l.column());
        }

        SdkCall rebase(SdkCall c) {
            return c.relocated(rebase(c.location()), this::rebase);
        }

        Finding rebase(Finding f) {
            return new Finding(f.ruleId(), f.severity(), f.message(), rebase(f.location()), f.related(), f.target(),
                    f.action(), f.resource(), f.fix());
        }
    }

}

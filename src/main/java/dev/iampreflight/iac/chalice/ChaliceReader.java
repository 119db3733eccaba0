package dev.iampreflight.iac.chalice;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.FindingLists;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.chalice.internal.ChaliceCdk;
import dev.iampreflight.iac.chalice.internal.DecoratorScanner;
import dev.iampreflight.iac.chalice.internal.DeployScripts;
import dev.iampreflight.code.python.DeployTimeValues;
import dev.iampreflight.iac.templating.Envsubst;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a Chalice project ({@code .chalice/config.json} + {@code app.py} + {@code chalicelib/}) into one deploy target
 * per stage and Lambda function.
 *
 * <p>Settings are looked up with chalice's own precedence ({@code chalice/config.py} {@code _chain_lookup} with
 * {@code varies_per_chalice_stage} and {@code varies_per_function}): the first non-null of
 * {@code stages.<stage>.lambda_functions.<fn>}, {@code stages.<stage>}, top-level {@code lambda_functions.<fn>},
 * top level, then the defaults ({@code autogen_policy} true, {@code manage_iam_role} true). Environment variables are
 * merged as {@code _chain_merge} does: top level, then the stage, then the stage's function (chalice does not read
 * {@code environment_variables} under the top-level {@code lambda_functions}).
 *
 * <p>Roles follow {@code chalice/deploy/appgraph.py} {@code _get_role_reference}: {@code manage_iam_role: false} uses
 * the existing {@code iam_role_arn}; {@code autogen_policy: false} gives each function its own role
 * ({@code <app>-<stage>-<fn>}) with the policy file ({@code iam_policy_file} or {@code policy-<stage>.json} in
 * {@code .chalice/}); otherwise every function shares {@code <app>-<stage>} whose policy chalice generates from the code.
 */
public final class ChaliceReader {

    private static final String DEFAULT_STAGE = "dev";
    /** Template placeholders of envsubst/shell ($VAR, ${VAR}) and jinja ({{ var }}). */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "\\$\\{[^}\"]*\\}|\\$[A-Za-z_]\\w*|\\{\\{[^}\"]*\\}\\}");
    private static final List<String> BOOLEAN_SETTINGS = List.of("autogen_policy", "manage_iam_role");

    private final Path root;
    private final Path projectDir;
    private final ProjectOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private String configName;
    private Optional<ChaliceCdk.Deploy> cdk = Optional.empty();
    private String cdkFile = "";
    private List<DeployScripts.Command> commands = List.of();
    /** The functions of this app in the template CDK synthesized (cdk.out), by handler; empty without cdk.out. */
    private Map<String, DeployTarget> synthesized = Map.of();
    private String synthesizedFile = "";
    private List<DeployScripts.Render> renders = List.of();
    private List<DeployScripts.HandPackaged> handPackaged = List.of();
    private final Set<String> noted = new java.util.HashSet<>();

    /** Folders the CDK search never enters (dependencies, virtualenvs, build output), as discovery skips them. */
    private static final Set<String> NOT_SOURCE = Set.of("node_modules", ".venv", "venv", "cdk.out", "build", "dist",
            "target", "__pycache__", "vendor", "tests", "test");

    private ChaliceReader(Path root, Path projectDir, ProjectOptions options) {
        this.root = root;
        this.projectDir = projectDir;
        this.options = options;
    }

    /** Reads the Chalice project in {@code projectDir}; names files relative to {@code root}. */
    public static IacResult read(Path root, Path projectDir, ProjectOptions options) {
        return new ChaliceReader(root, projectDir, options).read();
    }

    private String rel(Path p) {
        return DisplayPaths.rel(root, p);
    }

    private void add(String rule, Severity s, String message, SourceLocation at) {
        findings.add(new Finding(rule, s, message, at));
    }

    private IacResult read() {
        Path configFile = projectDir.resolve(".chalice").resolve("config.json");
        configName = rel(configFile);
        TreeReader.Result tree = TreeReader.read(configFile, configName);
        findings.addAll(tree.findings());
        if (tree.root().isEmpty()) {
            return IacResult.ofFindings(findings);
        }
        if (!(tree.root().get() instanceof ObjectNode config)) {
            add(dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR,
                    "a Chalice config must be a JSON object, not " + tree.root().get().kindName(),
                    tree.root().get().location());
            return IacResult.ofFindings(findings);
        }
        checkShapes(config);
        String appName = Nodes.string(config, "app_name").orElse(projectDir.getFileName() == null ? "app"
                : projectDir.getFileName().toString());

        List<DecoratorScanner.Function> functions = scanFunctions();
        Path absProject = projectDir.toAbsolutePath().normalize();
        if (!absProject.equals(root.toAbsolutePath().normalize())) {
            cdk = ChaliceCdk.find(projectDir, NOT_SOURCE);
        }
        DeployScripts.Scripts scripts = DeployScripts.read(root, projectDir);
        commands = scripts.commands();
        renders = scripts.renders();
        handPackaged = scripts.handPackaged();
        cdk.ifPresent(d -> {
            cdkFile = rel(d.file());
            synthesized(d);
            add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, "'" + rel(projectDir) + "' is deployed by the "
                    + "chalice.cdk.Chalice construct here: its stage_config ("
                    + (d.settings().isEmpty() && d.environment().isEmpty() ? "empty"
                    : String.join(", ", d.settings().keySet()) + (d.environment().isEmpty() ? ""
                    : (d.settings().isEmpty() ? "" : ", ") + "environment_variables")) + ") takes precedence over "
                    + configName + " (chalice passes it as user-provided parameters), and the stage is named after "
                    + "the CDK stack", new SourceLocation(cdkFile, d.line(), 1));
        });
        Set<String> functionNames = new LinkedHashSet<>();
        functions.forEach(f -> functionNames.add(f.name()));

        checkBooleans(config);
        Optional<ObjectNode> stages = Nodes.childObject(config, "stages");
        checkLambdaFunctions(config, functionNames);
        stages.ifPresent(s -> s.fields().forEach(f -> Nodes.object(f.value())
                .ifPresent(st -> checkLambdaFunctions(st, functionNames))));
        checkRoleAndFile(config);
        stages.ifPresent(s -> s.fields().forEach(f -> Nodes.object(f.value()).ifPresent(st -> {
            checkRoleAndFile(st);
            Nodes.childObject(st, "lambda_functions").ifPresent(lf -> lf.fields()
                    .forEach(fn -> Nodes.object(fn.value()).ifPresent(this::checkRoleAndFile)));
        })));
        Nodes.childObject(config, "lambda_functions").ifPresent(lf -> lf.fields().forEach(fn -> {
            Nodes.object(fn.value()).ifPresent(this::checkRoleAndFile);
            Nodes.object(fn.value()).flatMap(o -> o.field("environment_variables")).ifPresent(ev ->
                    add(InfraRules.CHALICE_IGNORED_SETTING, Severity.WARNING,
                            "chalice ignores environment_variables under the top-level lambda_functions."
                                    + fn.key() + "; put them under stages.<stage>.lambda_functions." + fn.key()
                                    + " or at the top level", ev.keyLocation()));
        }));

        List<String> stageNames = new ArrayList<>();
        if (options.stage().isPresent()) {
            String wanted = options.stage().get();
            if (stages.isPresent() && stages.get().field(wanted).isEmpty()) {
                add(InfraRules.CHALICE_BAD_SETTING, Severity.WARNING, "stage '" + wanted + "' is not in "
                        + configName + "; its targets use only the top-level settings"
                        + Suggestions.didYouMean(wanted, stages.get().keys()), stages.get().location());
            }
            stageNames.add(wanted);
        } else if (stages.isPresent() && !stages.get().isEmpty()) {
            stageNames.addAll(stages.get().keys());
        } else {
            stageNames.add(DEFAULT_STAGE);
        }

        List<String> codeRoots = new ArrayList<>();
        Path appPy = projectDir.resolve("app.py");
        if (Files.isRegularFile(appPy)) {
            codeRoots.add(rel(appPy));
        }
        Path lib = projectDir.resolve("chalicelib");
        if (Files.isDirectory(lib)) {
            codeRoots.add(rel(lib));
        }

        Map<String, List<DecoratorScanner.Function>> perStage = perStage(config, stages, stageNames, functions);
        List<DeployTarget> targets = new ArrayList<>();
        for (String stage : stageNames) {
            Optional<ObjectNode> stageNode = stages.flatMap(s -> Nodes.childObject(s, stage));
            for (DecoratorScanner.Function fn : perStage.get(stage)) {
                targets.add(target(config, stageNode, stage, fn, appName, codeRoots));
            }
        }
        return new IacResult(targets, List.of(), findings);
    }

    /**
     * The Lambda function a decorated Python function becomes: its name, and its handler ({@code module.function}).
     * {@code computed}: the name is computed in Python, so it may be another per stage or several (one per element
     * of a loop), all with this handler; the code is then told apart by the handler.
     */
    public record Owner(String function, String handler, boolean computed) {
    }

    /** A decorated Python function: its file (relative to the app's folder, e.g. {@code chalicelib/orders.py}) and name. */
    public record Handler(String file, String function) {
    }

    /**
     * Every decorated handler of the Chalice app in {@code projectDir} (app.py and chalicelib/, wherever the app object
     * is defined): the Python function, in its file, to the Lambda function chalice makes of it ({@code api_handler}
     * for every route). Keyed by file too, since two modules may each have a handler of the same name. The check uses
     * it to tell which function's code a call is written in; unreadable files give an empty map.
     */
    public static Map<Handler, Owner> handlerFunctions(Path projectDir) {
        Map<Handler, Owner> out = new LinkedHashMap<>();
        try {
            AppFiles files = AppFiles.read(projectDir);
            if (files.appSource().isEmpty()) {
                return Map.of();
            }
            for (DecoratorScanner.Function f : distinctNames(DecoratorScanner.scanProject(files.sources())
                    .functions())) {
                if (!f.pythonFunction().isEmpty()) {
                    out.putIfAbsent(new Handler(moduleFile(projectDir, f.module()), f.pythonFunction()),
                            new Owner(f.name(), f.module() + "." + f.pythonFunction(), f.computedName()));
                }
            }
        } catch (RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * Two functions whose computed names read the same ({@code {?}}) are two functions: each is told apart by its
     * Python function ({@code {?}@era_runner}), so that neither one's calls are lost as a duplicate.
     */
    private static List<DecoratorScanner.Function> distinctNames(List<DecoratorScanner.Function> functions) {
        Map<String, Set<String>> computed = new HashMap<>();
        for (DecoratorScanner.Function f : functions) {
            if (f.computedName()) {
                computed.computeIfAbsent(f.name(), k -> new HashSet<>()).add(f.module() + "." + f.pythonFunction());
            }
        }
        List<DecoratorScanner.Function> out = new ArrayList<>();
        for (DecoratorScanner.Function f : functions) {
            out.add(f.computedName() && computed.get(f.name()).size() > 1
                    ? f.withName(f.name() + "@" + f.pythonFunction()) : f);
        }
        return out;
    }

    /** The file of a module of the app ({@code app}, {@code chalicelib.orders}), relative to the app's folder. */
    private static String moduleFile(Path projectDir, String module) {
        if (module.equals("app")) {
            return "app.py";
        }
        String path = module.replace('.', '/');
        return Files.isRegularFile(projectDir.resolve(path + ".py")) ? path + ".py" : path + "/__init__.py";
    }

    /**
     * The chalice release the project installs, as its dependency files say (a lock file, an {@code ==} pin, or the
     * upper bound of a range), searched from the app's folder up to {@code root}; empty when chalice is not pinned.
     * {@code exact} is the release; otherwise {@code below} is the first release the range excludes (the newest
     * release before it is installed), or both are empty for a range without an upper bound (the newest release).
     */
    public record ChaliceVersion(String requirement, Optional<String> exact, Optional<String> below,
                                 SourceLocation at) {
    }

    public static Optional<ChaliceVersion> pinnedVersion(Path root, Path projectDir) {
        return dev.iampreflight.iac.chalice.internal.ChalicePins.find(root, projectDir).map(p -> new ChaliceVersion(
                p.text(), p.exact(), p.below(), new SourceLocation(DisplayPaths.rel(root, p.file()), p.line(), 1)));
    }

    /**
     * The Python files chalice packages: app.py and every {@code .py} under chalicelib/ (chalice copies the folder
     * whole, symbolic links followed: {@code chalice/deploy/packager.py} {@code _add_app_files}). A link that loops
     * back is skipped; the walk is bounded so a huge tree costs a note, not a hang.
     */
    record AppFiles(Optional<String> appSource, List<DecoratorScanner.Source> sources, List<String> problems) {
        static final int MAX_FILES = 5000;

        static AppFiles read(Path projectDir) {
            List<DecoratorScanner.Source> sources = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Optional<String> app;
            try {
                app = Optional.of(InputFiles.readPython(projectDir.resolve("app.py"), InputFiles.MAX_BYTES));
                sources.add(new DecoratorScanner.Source("app", app.get()));
            } catch (IOException | RuntimeException e) {
                // Why app.py is unusable (a pipe, not the text Python would read): said in the finding.
                return new AppFiles(Optional.empty(), List.of(), List.of(String.valueOf(e.getMessage())));
            }
            Path lib = projectDir.resolve("chalicelib");
            if (!Files.isDirectory(lib)) {
                return new AppFiles(app, sources, problems);
            }
            List<Path> files = new ArrayList<>();
            try {
                Files.walkFileTree(lib, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
                        Integer.MAX_VALUE, new java.nio.file.SimpleFileVisitor<>() {
                            @Override
                            public java.nio.file.FileVisitResult visitFile(Path file,
                                    java.nio.file.attribute.BasicFileAttributes attrs) {
                                if (file.toString().endsWith(".py") && attrs.isRegularFile()) {
                                    files.add(file);
                                }
                                return files.size() >= MAX_FILES ? java.nio.file.FileVisitResult.TERMINATE
                                        : java.nio.file.FileVisitResult.CONTINUE;
                            }

                            @Override
                            public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                                    java.nio.file.attribute.BasicFileAttributes attrs) {
                                return "__pycache__".equals(String.valueOf(dir.getFileName()))
                                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                                        : java.nio.file.FileVisitResult.CONTINUE;
                            }

                            @Override
                            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException exc) {
                                // A link loop (FileSystemLoopException) or a dangling link: chalice would fail on
                                // it too; the rest of the tree is still read.
                                problems.add("'" + projectDir.relativize(file).toString().replace('\\', '/') + "' is skipped: " + (exc instanceof
                                        java.nio.file.FileSystemLoopException ? "a symbolic link loop"
                                        : exc.getClass().getSimpleName()));
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException | RuntimeException e) {
                problems.add("chalicelib/ could not be read completely: " + e.getMessage());
            }
            if (files.size() >= MAX_FILES) {
                problems.add("only the first " + MAX_FILES + " Python files of chalicelib/ are read for handlers");
            }
            files.sort(null);
            for (Path p : files) {
                try {
                    String module = projectDir.relativize(p).toString().replace('\\', '/')
                            .replaceAll("\\.py$", "").replace('/', '.').replaceAll("\\.__init__$", "");
                    sources.add(new DecoratorScanner.Source(module, InputFiles.readPython(p, InputFiles.MAX_BYTES)));
                } catch (IOException | RuntimeException e) {
                    problems.add("'" + projectDir.relativize(p) + "' cannot be read: " + e.getClass().getSimpleName());
                }
            }
            return new AppFiles(app, sources, problems);
        }
    }

    private List<DecoratorScanner.Function> scanFunctions() {
        Path appPy = projectDir.resolve("app.py");
        AppFiles files = AppFiles.read(projectDir);
        if (files.appSource().isEmpty()) {
            add(InfraRules.CHALICE_NO_APP, Severity.WARNING, "'" + rel(appPy) + "' cannot be read ("
                    + String.join("; ", files.problems()) + "), so the app's functions are unknown; expected a "
                    + "Chalice app.py next to .chalice/", SourceLocation.of(rel(appPy)));
            return List.of();
        }
        for (String problem : files.problems()) {
            add(InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, problem, SourceLocation.of(rel(projectDir
                    .resolve("chalicelib"))));
        }
        DecoratorScanner.Result scanned = DecoratorScanner.scanProject(files.sources());
        Map<String, DecoratorScanner.Function> byName = new LinkedHashMap<>();
        for (DecoratorScanner.Function f : distinctNames(scanned.functions())) {
            byName.putIfAbsent(f.name(), f);
        }
        appFiles = files;
        for (DecoratorScanner.Dynamic d : scanned.dynamicImports()) {
            Path file = projectDir.resolve(moduleFile(projectDir, d.module()));
            add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, d.what() + "() loads modules by a computed name, "
                    + "so the handlers they register could not be followed; the handlers written in app.py and "
                    + "chalicelib/ were found by reading every file there (" + byName.size() + " function(s): "
                    + String.join(", ", byName.keySet()) + ")", new SourceLocation(rel(file), d.line(), 1));
        }
        if (byName.isEmpty()) {
            add(InfraRules.CHALICE_NO_APP, Severity.WARNING, "no Chalice handler (@app.route, @app.lambda_function, "
                    + "@app.schedule, @app.on_*...) was found in '" + rel(appPy) + "' or chalicelib/",
                    SourceLocation.of(rel(appPy)));
        }
        return new ArrayList<>(byName.values());
    }

    private AppFiles appFiles;

    /**
     * The functions each stage deploys. chalice imports app.py once per stage, with the stage's environment
     * variables (top level merged with the stage's: {@code chalice/cli/factory.py} {@code create_config_obj} passes
     * {@code config.environment_variables} to {@code load_chalice_app}), so a function registered under a condition
     * or in a loop, or named by computed Python, is evaluated per stage ({@link DeployTimeValues}): a name it
     * cannot evaluate keeps {@code {?}}, a registration it cannot decide is kept. Variables config.json does not set
     * are taken as unset on the deployer's machine.
     */
    private Map<String, List<DecoratorScanner.Function>> perStage(ObjectNode config, Optional<ObjectNode> stages,
                                                                  List<String> stageNames,
                                                                  List<DecoratorScanner.Function> functions) {
        Map<String, List<DecoratorScanner.Function>> out = new LinkedHashMap<>();
        List<DecoratorScanner.Function> candidates = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        if (appFiles != null) {
            appFiles.sources().forEach(src -> texts.put(src.module(), src.text()));
        }
        for (DecoratorScanner.Function f : functions) {
            if (f.ownFunction() && texts.containsKey(f.module()) && (f.computedName()
                    || indented(texts.get(f.module()), f.line()))) {
                candidates.add(f);
            }
        }
        if (candidates.isEmpty()) {
            stageNames.forEach(st -> out.put(st, functions));
            return out;
        }
        List<DeployTimeValues.Source> sources = new ArrayList<>();
        appFiles.sources().forEach(src -> sources.add(new DeployTimeValues.Source(moduleFile(projectDir,
                src.module()), src.text())));
        List<DeployTimeValues.Site> sites = new ArrayList<>();
        candidates.forEach(f -> sites.add(site(f)));
        List<Map<String, String>> envs = new ArrayList<>();
        for (String stage : stageNames) {
            Optional<ObjectNode> stageNode = stages.flatMap(st -> Nodes.childObject(st, stage));
            Map<String, String> env = new LinkedHashMap<>();
            Set<String> unknown = new java.util.TreeSet<>();
            // chalice's Config.environment_variables at import time: the top level and the stage, no function.
            environment(config, stageNode, "\u0000").forEach((k, v) -> {
                if (v.value().contains(SymbolicValue.UNKNOWN)) {
                    unknown.add(k);
                } else {
                    env.put(k, v.value());
                }
            });
            dev.iampreflight.core.RuntimeEnvironment.markComplete(env, unknown);
            envs.add(env);
        }
        List<Map<DeployTimeValues.Site, DeployTimeValues.Outcome>> outcomes = DeployTimeValues.evaluate(sources,
                sites, envs);
        for (int i = 0; i < stageNames.size(); i++) {
            List<DecoratorScanner.Function> list = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (DecoratorScanner.Function f : functions) {
                DeployTimeValues.Outcome o = candidates.contains(f) ? outcomes.get(i).get(site(f)) : null;
                if (o instanceof DeployTimeValues.Registered r) {
                    for (String n : r.names()) {
                        DecoratorScanner.Function e = f.evaluated(n);
                        if (names.add(e.name())) {
                            list.add(e);
                        }
                    }
                } else if (names.add(f.name())) {
                    list.add(f);
                }
            }
            out.put(stageNames.get(i), list);
        }
        for (DecoratorScanner.Function f : candidates) {
            List<String> said = new ArrayList<>();
            String unknownWhy = null;
            for (int i = 0; i < stageNames.size(); i++) {
                DeployTimeValues.Outcome o = outcomes.get(i).get(site(f));
                if (o instanceof DeployTimeValues.Registered r) {
                    said.add(stageNames.get(i) + ": " + (r.names().isEmpty() ? "not registered"
                            : String.join(", ", r.names().stream().map(n -> f.prefix() + n).toList())));
                } else if (unknownWhy == null) {
                    unknownWhy = ((DeployTimeValues.Unknown) o).why();
                }
            }
            SourceLocation at = new SourceLocation(rel(projectDir.resolve(moduleFile(projectDir, f.module()))),
                    f.line(), 1);
            String what = "the Lambda function of " + f.pythonFunction() + "()";
            if (unknownWhy == null) {
                add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, what + (f.computedName() ? " is named by '"
                        + f.computedFrom() + "', " : " is registered by code that ") + "evaluated as chalice imports "
                        + "app.py for each stage, with the stage's environment_variables (variables " + configName
                        + " does not set taken as unset): " + String.join("; ", said), at);
            } else if (f.computedName()) {
                add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, what + " is named by '" + f.computedFrom()
                        + "', computed in Python, so it is checked as '" + f.name() + "' with "
                        + SymbolicValue.UNKNOWN + " for the part that is not written literally (" + unknownWhy
                        + (said.isEmpty() ? "" : "; evaluated in " + String.join("; ", said)) + "); its calls are "
                        + "checked all the same", at);
            }
        }
        return out;
    }

    private DeployTimeValues.Site site(DecoratorScanner.Function f) {
        return new DeployTimeValues.Site(moduleFile(projectDir, f.module()), f.line());
    }

    /** Whether line {@code line} (1-based) of {@code text} is indented: inside an if, a loop, a class or a def. */
    private static boolean indented(String text, int line) {
        String[] lines = text.split("\r?\n", -1);
        return line >= 1 && line <= lines.length && !lines[line - 1].isEmpty()
                && Character.isWhitespace(lines[line - 1].charAt(0));
    }

    /** A located value from chalice's lookup chain: the first level that sets it to something non-null. */
    private record Setting(Node value, SourceLocation keyLocation) {
    }

    private List<ObjectNode> chain(ObjectNode config, Optional<ObjectNode> stage, String fn) {
        List<ObjectNode> chain = new ArrayList<>();
        stage.flatMap(s -> Nodes.childObject(s, "lambda_functions")).flatMap(l -> Nodes.childObject(l, fn))
                .ifPresent(chain::add);
        stage.ifPresent(chain::add);
        Nodes.childObject(config, "lambda_functions").flatMap(l -> Nodes.childObject(l, fn)).ifPresent(chain::add);
        chain.add(config);
        return chain;
    }

    private Optional<Setting> lookup(List<ObjectNode> chain, String key) {
        for (ObjectNode level : chain) {
            Optional<ObjectNode.Field> f = level.field(key);
            if (f.isPresent() && !Nodes.isNull(f.get().value())) {
                return Optional.of(new Setting(f.get().value(), f.get().keyLocation()));
            }
        }
        return Optional.empty();
    }

    /** Python truthiness, which is what chalice applies: the string "false" is true. */
    private static boolean truthy(Node n) {
        if (n instanceof ScalarNode s) {
            return switch (s.kind()) {
                case BOOLEAN -> s.text().equals("true");
                case NULL -> false;
                case NUMBER -> !(s.text().matches("-?0+(\\.0*)?"));
                case STRING -> !s.text().isEmpty();
            };
        }
        if (n instanceof ObjectNode o) {
            return !o.isEmpty();
        }
        return !((dev.iampreflight.core.tree.ArrayNode) n).items().isEmpty();
    }

    private DeployTarget target(ObjectNode config, Optional<ObjectNode> stageNode, String stage,
                                DecoratorScanner.Function fn, String appName, List<String> codeRoots) {
        List<ObjectNode> chain = chain(config, stageNode, fn.name());
        String partition = options.partition();
        String account = options.accountOrUnknown();
        String handlerName = fn.name().equals("api_handler") ? "app.app" : fn.module() + "." + fn.pythonFunction();
        DeployTarget built = synthesized.get(handlerName);
        if (built != null) {
            // chalice.cdk runs `chalice package` at synth time and includes its template in the stack: the role and
            // policies in cdk.out are the ones deployed (the generated policy included, written out by chalice),
            // with every statement the CDK program added to the role.
            if (noted.add("synth:" + synthesizedFile)) {
                add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, "the roles of '" + rel(projectDir) + "' are "
                        + "read from the template CDK synthesized here: chalice.cdk packages the app at synth time, so "
                        + "this template holds the policies deployed (the generated one included, as chalice wrote "
                        + "it when cdk.out was last synthesized)", new SourceLocation(synthesizedFile, 1, 1));
            }
            return new DeployTarget("chalice:" + stage + ":" + fn.name(), TargetKind.CHALICE, built.principal(),
                    Optional.of(stage), Optional.of(fn.name()), built.identityPolicies(), built.permissionBoundary(),
                    environment(config, stageNode, fn.name()), codeRoots, Optional.of(handlerName),
                    options.accountId(), options.region(), Optional.of(partition), SourceLocation.of(configName));
        }
        Optional<ChaliceCdk.Value> cdkManage = cdk.map(d -> d.settings().get("manage_iam_role"));
        Optional<ChaliceCdk.Value> cdkAutogen = cdk.map(d -> d.settings().get("autogen_policy"));
        boolean manage = cdkManage.map(v -> !v.isFalse())
                .orElseGet(() -> lookup(chain, "manage_iam_role").map(s -> truthy(s.value())).orElse(true));
        boolean autogen = cdkAutogen.map(v -> !v.isFalse())
                .orElseGet(() -> lookup(chain, "autogen_policy").map(s -> truthy(s.value())).orElse(true));
        Optional<DeployScripts.Command> noAutogen = commands.stream()
                .filter(c -> c.verb().equals("deploy") && c.noAutogenPolicy() && c.deploys(stage)).findFirst();
        if (cdkAutogen.isEmpty() && autogen && manage && noAutogen.isPresent()) {
            // chalice deploy --no-autogen-policy is a user-provided autogen_policy false: it outranks the config.
            autogen = false;
            DeployScripts.Command c = noAutogen.get();
            note(c, "`chalice deploy --no-autogen-policy` here deploys " + c.stage().map(x -> "stage '" + x + "'")
                    .orElse(c.stageGiven() ? "a stage chosen at run time" : "stage 'dev'") + " without the generated "
                    + "policy, whatever " + configName + " says: the stage's policy file is checked");
        }
        Optional<DeployScripts.Command> merge = commands.stream()
                .filter(c -> c.mergeTemplate().isPresent() && c.deploys(stage)).findFirst();
        boolean generated = autogen;
        Optional<String> mergedRole = merge.flatMap(c -> mergedRolePolicies(c, generated));
        // `chalice package` whose output another program of the same script rewrites before the deploy, with no
        // `chalice deploy` of this stage: the deployed template (its roles included) is whatever that program makes.
        Optional<DeployScripts.Command> rewritten = commands.stream().anyMatch(c -> c.verb().equals("deploy")
                && c.deploys(stage)) ? Optional.empty() : commands.stream()
                .filter(c -> c.rewrittenBy().isPresent() && c.deploys(stage)).findFirst();
        List<AttachedPolicy> policies = new ArrayList<>();
        String principal;
        SourceLocation declared = SourceLocation.of(configName);
        Optional<ChaliceCdk.Value> cdkRole = cdk.map(d -> d.settings().get("iam_role_arn"));
        if (!manage && cdkRole.isPresent()) {
            ChaliceCdk.Value v = cdkRole.get();
            SourceLocation at = new SourceLocation(cdkFile, v.line(), 1);
            if (v.literal().isPresent()) {
                principal = v.literal().get();
                policies.add(AttachedPolicy.absent("existing role " + principal, PolicyOrigin.IN_AWS,
                        Optional.of(principal), at));
            } else {
                // The role is built by the CDK program (iam.Role + add_to_policy): only its synthesized template says
                // what it allows, and the tool does not run CDK.
                principal = "arn:" + partition + ":iam::" + account + ":role/" + SymbolicValue.UNKNOWN;
                policies.add(AttachedPolicy.absent("role " + v.text() + " built by the CDK stack in " + cdkFile
                        + " (run `cdk synth` and check the synthesized template)", PolicyOrigin.IN_AWS,
                        Optional.of("role " + v.text() + " built by the CDK stack in " + cdkFile
                                + "; run `cdk synth` and check the synthesized template"), at));
            }
        } else if (!manage) {
            Optional<Setting> arn = lookup(chain, "iam_role_arn");
            Setting m = lookup(chain, "manage_iam_role").orElseThrow();
            if (arn.isPresent() && Nodes.text(arn.get().value()).isPresent()) {
                principal = Nodes.text(arn.get().value()).get();
                policies.add(AttachedPolicy.absent("existing role " + principal, PolicyOrigin.IN_AWS,
                        Optional.of(principal), arn.get().value().location()));
            } else {
                add(InfraRules.CHALICE_MISSING_ROLE_ARN, Severity.ERROR, "manage_iam_role is false for stage '"
                        + stage + "', function '" + fn.name() + "' but no iam_role_arn is set; chalice refuses "
                        + "to deploy without one", m.keyLocation());
                principal = "arn:" + partition + ":iam::" + account + ":role/" + SymbolicValue.UNKNOWN;
            }
        } else if (mergedRole.isEmpty() && rewritten.isPresent()) {
            principal = "arn:" + partition + ":iam::" + account + ":role/" + SymbolicValue.UNKNOWN;
            DeployScripts.Command c = rewritten.get();
            DeployScripts.Rewrite r = c.rewrittenBy().orElseThrow();
            String what = "the role in the template `chalice package` writes at " + rel(c.file()) + ":" + c.line()
                    + ", rewritten by `" + r.text() + "` (line " + r.line() + ") before it is deployed";
            note(c, "`chalice package` here writes the template that is deployed, and `" + r.text() + "` (line "
                    + r.line() + ") rewrites it first, so the roles deployed for stage '" + stage + "' may not be the "
                    + "ones " + configName + " describes; these functions are not checked against it");
            policies.add(AttachedPolicy.absent(what, PolicyOrigin.IN_AWS, Optional.of(what),
                    new SourceLocation(rel(c.file()), c.line(), 1)));
        } else if (mergedRole.isPresent()) {
            // chalice package --merge-template replaces lists when it merges (TemplateMergePostProcessor), so the
            // role's Policies written in the merge template are the ones deployed, not the generated or file ones.
            principal = "arn:" + partition + ":iam::" + account + ":role/" + SymbolicValue.UNKNOWN;
            DeployScripts.Command c = merge.get();
            String what = mergedRole.get() + " in " + c.mergeTemplate().get() + ", merged by `chalice package "
                    + "--merge-template` at " + rel(c.file()) + ":" + c.line();
            note(c, "`chalice package --merge-template " + c.mergeTemplate().get() + "` here replaces the policies of "
                    + mergedRole.get() + " for stage '" + stage + "'; the merged template is CloudFormation that only "
                    + "the deploy resolves, so these functions are not checked against " + configName);
            policies.add(AttachedPolicy.absent(what, PolicyOrigin.IN_AWS, Optional.of(what),
                    new SourceLocation(rel(c.file()), c.line(), 1)));
        } else if (!autogen) {
            principal = "arn:" + partition + ":iam::" + account + ":role/" + appName + "-" + stage + "-" + fn.name();
            Optional<Setting> file = lookup(chain, "iam_policy_file");
            Optional<String> cdkFileName = cdk.flatMap(d -> Optional.ofNullable(d.settings().get("iam_policy_file")))
                    .flatMap(ChaliceCdk.Value::literal);
            String fileName = cdkFileName.or(() -> file.flatMap(f -> Nodes.text(f.value())))
                    .orElse("policy-" + stage + ".json");
            Path policyPath = projectDir.resolve(".chalice").resolve(fileName);
            String shown = rel(policyPath);
            SourceLocation reference = file.map(f -> f.value().location())
                    .or(() -> lookup(chain, "autogen_policy").map(Setting::keyLocation))
                    .orElse(declared);
            Optional<Path> template = Stream.of(".tpl", ".j2", ".jinja", ".jinja2", ".template", ".in")
                    .map(x -> policyPath.resolveSibling(policyPath.getFileName() + x)).filter(Files::isRegularFile)
                    .findFirst();
            if (template.isPresent() && template.get().toAbsolutePath().normalize()
                    .startsWith(root.toAbsolutePath().normalize())) {
                // The policy file is rendered at deploy time (envsubst, sed, jinja) from this template: its
                // placeholders are values only the deploy knows, read as wildcards so that no denial is invented.
                String tshown = rel(template.get());
                String text;
                try {
                    text = InputFiles.readUtf8(template.get());
                } catch (IOException | RuntimeException e) {
                    text = "";
                }
                java.util.regex.Matcher ph = PLACEHOLDER.matcher(text);
                int count = 0;
                StringBuilder rendered = new StringBuilder();
                while (ph.find()) {
                    count++;
                    ph.appendReplacement(rendered, "*");
                }
                ph.appendTail(rendered);
                PolicyParser.Result parsed = PolicyParser.parseJson(rendered.toString(), tshown);
                FindingLists.addNew(findings, parsed.findings());
                if (noted.add(tshown)) {
                    add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, "'" + shown + "' is rendered at deploy time "
                            + "from this template; its " + count + " placeholder(s) ($VAR, ${VAR}, {{ var }}) are read "
                            + "as wildcards, so a call is reported as denied only when no value could allow it",
                            new SourceLocation(tshown, 1, 1));
                }
                policies.add(new AttachedPolicy(tshown, PolicyOrigin.INLINE, parsed.document(), Optional.empty(),
                        new SourceLocation(tshown, 1, 1)));
            } else if (!renders.isEmpty()) {
                DeployScripts.Render r = renders.get(0);
                String what = shown + " as rendered at deploy time by " + rel(r.file()) + ":" + r.line();
                if (noted.add(what)) {
                    add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, "this line renders the Chalice policy file "
                            + "at deploy time from a template the tool could not locate (name it "
                            + fileName + ".tpl beside it to have it read), so the committed '" + shown + "' is not "
                            + "what is deployed and is not checked", new SourceLocation(rel(r.file()), r.line(), 1));
                }
                policies.add(AttachedPolicy.absent(what, PolicyOrigin.IN_AWS, Optional.of(what),
                        new SourceLocation(rel(r.file()), r.line(), 1)));
            } else if (!policyPath.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
                add(dev.iampreflight.core.ReservedRules.UNREADABLE, Severity.ERROR, "policy file '" + fileName
                        + "' is outside the directory being checked and is not read", reference);
                policies.add(new AttachedPolicy(fileName, PolicyOrigin.INLINE, Optional.empty(), Optional.empty(),
                        reference));
            } else if (!Files.exists(policyPath)) {
                add(InfraRules.CHALICE_POLICY_FILE_MISSING, Severity.ERROR, "policy file '" + shown
                        + "' for stage '" + stage + "' does not exist; with autogen_policy false chalice deploys "
                        + "function '" + fn.name() + "' with " + (file.isPresent() ? "iam_policy_file '" + fileName
                        + "'" : "the default 'policy-" + stage + ".json'") + " from .chalice/", reference);
                policies.add(new AttachedPolicy(shown, PolicyOrigin.INLINE, Optional.empty(), Optional.empty(),
                        reference));
            } else {
                PolicyParser.Result parsed = policyFile(policyPath, shown);
                FindingLists.addNew(findings, parsed.findings());
                policies.add(new AttachedPolicy(shown, PolicyOrigin.INLINE, parsed.document(), Optional.empty(),
                        new SourceLocation(shown, 1, 1)));
            }
        } else if (commands.isEmpty() && !handPackaged.isEmpty()) {
            // No script runs chalice deploy or chalice package, and one zips app.py and uploads it: the app runs
            // in a function made elsewhere (a template, the console) with that function's role, and chalice never
            // makes the role its generator would write.
            DeployScripts.HandPackaged h = handPackaged.get(0);
            SourceLocation at = new SourceLocation(rel(h.file()), h.uploadLine(), 1);
            String what = "the role of the function that runs the archive " + rel(h.file()) + " uploads ("
                    + h.upload() + ")";
            if (noted.add("packaged:" + rel(h.file()))) {
                add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, "'" + rel(projectDir) + "' is packaged by "
                        + "hand: this script zips app.py (line " + h.zipLine() + ") and uploads the archive, and no "
                        + "script runs chalice deploy or chalice package, so chalice's generated policy is not "
                        + "deployed; the app's calls are checked with the role of the function that runs the "
                        + "archive, where the project declares one", at);
            }
            principal = "arn:" + partition + ":iam::" + account + ":role/" + SymbolicValue.UNKNOWN;
            policies.add(AttachedPolicy.absent(what, PolicyOrigin.IN_AWS, Optional.of(what), at));
        } else {
            principal = "arn:" + partition + ":iam::" + account + ":role/" + appName + "-" + stage;
            SourceLocation at = lookup(chain, "autogen_policy").map(Setting::keyLocation).orElse(declared);
            policies.add(AttachedPolicy.absent("autogen policy of role " + appName + "-" + stage,
                    PolicyOrigin.CHALICE_GENERATED, Optional.empty(), at));
        }
        if (manage && cdk.isPresent() && !cdk.get().roleGrants().isEmpty()) {
            // chalice.cdk's get_role() hands the generated role to the CDK program, which adds statements to it
            // (grant_read_write_data, add_to_policy): the role allows more than the files here say.
            ChaliceCdk.Value g = cdk.get().roleGrants().get(0);
            String what = "statements the CDK stack adds to chalice's role through " + g.text() + " in " + cdkFile;
            policies.add(AttachedPolicy.absent(what, PolicyOrigin.IN_AWS, Optional.of(what
                    + "; run `cdk synth` and check the synthesized template"),
                    new SourceLocation(cdkFile, g.line(), 1)));
        }
        // chalice's handler string is "<module>.<function>"; every route is served by the app object itself.
        String handler = fn.name().equals("api_handler") ? "app.app" : fn.module() + "." + fn.pythonFunction();
        return new DeployTarget("chalice:" + stage + ":" + fn.name(), TargetKind.CHALICE, principal,
                Optional.of(stage), Optional.of(fn.name()), policies, Optional.empty(),
                environment(config, stageNode, fn.name()), codeRoots, Optional.of(handler), options.accountId(),
                options.region(), Optional.of(partition), declared)
                .withEnvironmentComplete(cdk.isEmpty() && environmentComplete(config, stageNode, fn.name()));
    }

    /**
     * Whether {@link #environment} is the function's whole environment: chalice deploys exactly the merged
     * {@code environment_variables} maps (nothing else adds variables), unless one of them is not a map or a CDK
     * construct deploys the app (its stack may add more).
     */
    private static boolean environmentComplete(ObjectNode config, Optional<ObjectNode> stage, String fn) {
        List<Optional<ObjectNode>> levels = List.of(Optional.of(config), stage,
                stage.flatMap(s -> Nodes.childObject(s, "lambda_functions")).flatMap(l -> Nodes.childObject(l, fn)));
        for (Optional<ObjectNode> level : levels) {
            Optional<ObjectNode.Field> vars = level.flatMap(l -> l.field("environment_variables"));
            if (vars.isPresent() && !(vars.get().value() instanceof ObjectNode)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the template CDK synthesized for the app deployed by {@code d}: the cdk.out beside the nearest cdk.json
     * above the construct's file, and in it the stack template whose functions include chalice's
     * {@code APIHandler} or a function running one of this app's handlers ({@code app.<function>}), read as
     * CloudFormation.
     */
    private void synthesized(ChaliceCdk.Deploy d) {
        Path absRoot = root.toAbsolutePath().normalize();
        Path dir = d.file().toAbsolutePath().normalize().getParent();
        while (dir != null && dir.startsWith(absRoot) && !Files.isRegularFile(dir.resolve("cdk.json"))) {
            dir = dir.getParent();
        }
        if (dir == null || !dir.startsWith(absRoot) || !Files.isDirectory(dir.resolve("cdk.out"))) {
            return;
        }
        List<Path> templates = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve("cdk.out"), 2)) {
            s.filter(p -> p.getFileName().toString().endsWith(".template.json")).filter(Files::isRegularFile)
                    .sorted().forEach(templates::add);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path t : templates) {
            Map<String, DeployTarget> byHandler = new LinkedHashMap<>();
            for (DeployTarget target : dev.iampreflight.iac.cloudformation.CloudFormationReader.read(root, t, options,
                    Map.of()).targets()) {
                target.handler().filter(h -> h.startsWith("app.")).ifPresent(h -> byHandler.putIfAbsent(h, target));
            }
            if (byHandler.containsKey("app.app") || !byHandler.isEmpty() && t.getFileName().toString()
                    .contains(String.valueOf(projectDir.getFileName()))) {
                synthesized = byHandler;
                synthesizedFile = rel(t);
                return;
            }
        }
    }

    private void note(DeployScripts.Command c, String message) {
        if (noted.add(c.file() + ":" + c.line() + message)) {
            add(InfraRules.CHALICE_DEPLOY_CONTEXT, Severity.NOTE, message,
                    new SourceLocation(rel(c.file()), c.line(), 1));
        }
    }

    /**
     * The role of the merge template whose policies replace the deployed ones: {@code DefaultRole} (the role chalice
     * generates for the whole app) for an autogen stage, any role with policies otherwise; empty when the file is not
     * there or sets no role policies.
     */
    private Optional<String> mergedRolePolicies(DeployScripts.Command c, boolean autogen) {
        String name = c.mergeTemplate().orElseThrow();
        for (Path base : List.of(projectDir, c.file().getParent())) {
            Path f = base.resolve(name).toAbsolutePath().normalize();
            if (!f.startsWith(root.toAbsolutePath().normalize()) || !Files.isRegularFile(f)) {
                continue;
            }
            TreeReader.Result tree = TreeReader.read(f, rel(f));
            Optional<ObjectNode> resources = tree.root().flatMap(Nodes::object)
                    .flatMap(o -> Nodes.childObject(o, "Resources"));
            if (resources.isEmpty()) {
                return Optional.empty();
            }
            for (ObjectNode.Field r : resources.get().fields()) {
                boolean hasPolicies = Nodes.object(r.value()).flatMap(o -> Nodes.childObject(o, "Properties"))
                        .map(p -> p.field("Policies").isPresent() || p.field("ManagedPolicyArns").isPresent())
                        .orElse(false);
                if (hasPolicies && (autogen ? r.key().equals("DefaultRole") : r.key().endsWith("Role"))) {
                    return Optional.of(r.key());
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A policy file; its {@code $VAR}/{@code ${VAR}} placeholders (filled by envsubst at deploy time) take the values of
     * {@code template-vars}, else are unknown, with a note naming them.
     */
    private PolicyParser.Result policyFile(Path policyPath, String shown) {
        String text;
        try {
            text = InputFiles.readUtf8(policyPath);
        } catch (IOException | RuntimeException e) {
            return PolicyParser.parseFile(policyPath, shown);
        }
        Optional<Envsubst.Result> filled = Envsubst.fill(text, options.templateVars());
        if (filled.isEmpty()) {
            return PolicyParser.parseFile(policyPath, shown);
        }
        if (!filled.get().unknown().isEmpty() && noted.add(shown + " placeholders")) {
            add(InfraRules.JINJA_UNKNOWN_VARIABLES, Severity.NOTE, "'" + shown + "' has placeholders filled at deploy "
                    + "time (envsubst) whose values are unknown (" + String.join(", ", filled.get().unknown())
                    + "), read as " + SymbolicValue.UNKNOWN + ". Give their values in .iam-preflight.yml under "
                    + "template-vars (per stage under template-vars.stages)", new SourceLocation(shown, 1, 1));
        }
        return PolicyParser.parseJson(filled.get().text(), shown);
    }

    private Map<String, SymbolicValue.Pattern> environment(ObjectNode config, Optional<ObjectNode> stage, String fn) {
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        List<Optional<ObjectNode>> levels = List.of(Optional.of(config), stage,
                stage.flatMap(s -> Nodes.childObject(s, "lambda_functions")).flatMap(l -> Nodes.childObject(l, fn)));
        for (Optional<ObjectNode> level : levels) {
            level.flatMap(l -> Nodes.childObject(l, "environment_variables")).ifPresent(vars -> {
                for (ObjectNode.Field f : vars.fields()) {
                    Optional<String> v = Nodes.text(f.value());
                    if (v.isEmpty() || !(f.value() instanceof ScalarNode s && s.isString())) {
                        String seen = Nodes.text(f.value()).orElse(f.value().kindName());
                        if (!flagged.contains(f.value().location())) {
                            flagged.add(f.value().location());
                            add(InfraRules.CHALICE_BAD_SETTING, Severity.WARNING, "environment variable '" + f.key()
                                    + "' is " + seen + "; Lambda environment values must be strings", f.value().location());
                        }
                    }
                    env.put(f.key(), new SymbolicValue.Pattern(v.orElse(SymbolicValue.UNKNOWN), f.value().location()));
                }
            });
        }
        cdk.ifPresent(d -> d.environment().forEach((k, v) -> env.put(k, new SymbolicValue.Pattern(
                v.literal().orElse(SymbolicValue.UNKNOWN), new SourceLocation(cdkFile, v.line(), 1)))));
        return env;
    }

    private final Set<SourceLocation> flagged = new java.util.HashSet<>();

    private void checkBooleans(ObjectNode level) {
        for (String key : BOOLEAN_SETTINGS) {
            level.field(key).ifPresent(f -> {
                if (f.value() instanceof ScalarNode s && s.isString()) {
                    boolean t = !s.text().isEmpty();
                    String lower = s.text().trim().toLowerCase(java.util.Locale.ROOT);
                    String fix = lower.equals("true") || lower.equals("false") ? lower : "true or false";
                    add(InfraRules.CHALICE_STRING_BOOLEAN, Severity.ERROR, key + " is the string \"" + s.text()
                            + "\", which chalice reads as " + t + " (any non-empty string is true in Python); "
                            + "write " + fix + " without quotes",
                            s.location());
                }
            });
        }
        for (String nested : List.of("stages", "lambda_functions")) {
            Nodes.childObject(level, nested).ifPresent(children -> children.fields()
                    .forEach(c -> Nodes.object(c.value()).ifPresent(this::checkBooleans)));
        }
    }

    /** Settings of the wrong JSON type are reported; chalice itself would fail or misread them. */
    private void checkShapes(ObjectNode config) {
        config.get("app_name").filter(n -> !(n instanceof ScalarNode s && s.isString())).ifPresent(n -> add(
                dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR, "app_name must be a string, not "
                        + n.kindName(), n.location()));
        List<ObjectNode> levels = new ArrayList<>(List.of(config));
        config.get("stages").ifPresent(st -> {
            if (!(st instanceof ObjectNode so)) {
                add(dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR, "stages must be an object of "
                        + "stage name to settings, not " + st.kindName(), st.location());
                return;
            }
            for (ObjectNode.Field f : so.fields()) {
                if (f.value() instanceof ObjectNode o) {
                    levels.add(o);
                } else {
                    add(dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR, "stage '" + f.key()
                            + "' must be an object of settings, not " + f.value().kindName(), f.value().location());
                }
            }
        });
        for (ObjectNode level : levels) {
            for (String key : List.of("lambda_functions", "environment_variables")) {
                level.get(key).filter(n -> !(n instanceof ObjectNode)).ifPresent(n -> add(
                        dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR, key + " must be an object, "
                                + "not " + n.kindName(), n.location()));
            }
            for (String key : List.of("iam_policy_file", "iam_role_arn")) {
                level.get(key).filter(n -> !(n instanceof ScalarNode s && (s.isString() || s.isNull())))
                        .ifPresent(n -> add(dev.iampreflight.core.ReservedRules.BAD_SHAPE, Severity.ERROR, key
                                + " must be a string, not " + n.kindName(), n.location()));
            }
        }
    }

    private void checkLambdaFunctions(ObjectNode level, Set<String> known) {
        if (known.isEmpty()) {
            return;
        }
        Nodes.childObject(level, "lambda_functions").ifPresent(lf -> {
            for (ObjectNode.Field f : lf.fields()) {
                if (!known.contains(f.key())) {
                    add(InfraRules.CHALICE_UNKNOWN_FUNCTION, Severity.WARNING, "lambda_functions names '" + f.key()
                            + "', which the app does not define; its settings are ignored. Functions: "
                            + String.join(", ", known) + Suggestions.didYouMean(f.key(), known), f.keyLocation());
                }
            }
        });
    }

    private void checkRoleAndFile(ObjectNode level) {
        Optional<ObjectNode.Field> arn = level.field("iam_role_arn");
        Optional<ObjectNode.Field> file = level.field("iam_policy_file");
        if (arn.isPresent() && file.isPresent() && !Nodes.isNull(arn.get().value())
                && !Nodes.isNull(file.get().value())) {
            add(InfraRules.CHALICE_ROLE_AND_POLICY_FILE, Severity.WARNING, "both iam_role_arn and iam_policy_file "
                    + "are set; chalice uses iam_role_arn only when manage_iam_role is false and the policy file only "
                    + "when it is true, so one of them is ignored", file.get().keyLocation());
        }
    }
}

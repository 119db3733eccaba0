package dev.iampreflight.iac.terraform;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.terraform.internal.Conditionals;
import dev.iampreflight.iac.terraform.internal.Extractor;
import dev.iampreflight.iac.terraform.internal.Hcl;
import dev.iampreflight.iac.terraform.internal.HclParser;
import dev.iampreflight.iac.terraform.internal.HclRes;
import dev.iampreflight.iac.terraform.internal.Images;
import dev.iampreflight.iac.terraform.internal.Instance;
import dev.iampreflight.iac.terraform.internal.JsonSyntax;
import dev.iampreflight.iac.terraform.internal.ModelRes;
import dev.iampreflight.iac.terraform.internal.ModuleModels;
import dev.iampreflight.iac.terraform.internal.Packaging;
import dev.iampreflight.iac.terraform.internal.Module;
import dev.iampreflight.iac.terraform.internal.PlanReader;
import dev.iampreflight.iac.terraform.internal.Res;
import dev.iampreflight.iac.terraform.internal.Values;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.InputValue;
import dev.iampreflight.project.PolicyVariant;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads Terraform configurations ({@code .tf} directories; local modules are instantiated with their inputs) and
 * {@code terraform show -json} plan files into deploy targets and resource policies.
 *
 * <p>Variables take their value, lowest precedence first, from the declaration's default, {@code terraform.tfvars},
 * {@code *.auto.tfvars} (in name order), the {@code --var-file}s and the {@code --var}s, as Terraform does
 * (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 */
public final class TerraformReader {

    private static final int MAX_MODULE_DEPTH = 10;
    /** Instances of one for_each module call read one by one, at most; past it one instance stands for all. */
    private static final int MAX_MODULE_INSTANCES = 50;
    private static final Set<String> NOT_INPUTS = Set.of("source", "version", "count", "for_each", "providers",
            "depends_on");

    private final Path root;
    private final ProjectOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Path, Module> modules = new LinkedHashMap<>();
    /** Per root module, the folders {@code terraform init} downloaded its registry and git modules to, by key. */
    private final Map<Path, Map<String, Path>> installedModules = new LinkedHashMap<>();

    private TerraformReader(Path root, ProjectOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    /** Reads the given directories; those that are local modules of another are read only through their callers. */
    public static IacResult readDirectories(Path root, List<Path> dirs, ProjectOptions options) {
        if (dirs.isEmpty()) {
            return IacResult.EMPTY;
        }
        return new TerraformReader(root, options).read(dirs);
    }

    /** Reads a {@code terraform show -json} plan. */
    public static IacResult readPlan(Path root, Path plan, ProjectOptions options) {
        return PlanReader.read(root.toAbsolutePath().normalize(), plan, options);
    }

    private String rel(Path p) {
        return DisplayPaths.rel(root, p);
    }

    /** --var names already reported as declared nowhere. */
    private final Set<String> warnedVars = new HashSet<>();

    private IacResult read(List<Path> dirs) {
        for (Path d : dirs) {
            load(d.toAbsolutePath().normalize());
        }
        // A module that only example configurations call (a module repository's examples/*) is a configuration of
        // its own as well: it is checked for what it declares, and each example for what it builds from it.
        Set<Path> called = new HashSet<>();
        for (Module m : new ArrayList<>(modules.values())) {
            for (Hcl.Block call : m.modules().values()) {
                localSource(m, call).filter(dir -> !isExample(m.dir()) || isExample(dir)).ifPresent(called::add);
            }
        }
        Map<Module, IacResult> roots = new LinkedHashMap<>();
        for (Module m : new ArrayList<>(modules.values())) {
            if (called.contains(m.dir())) {
                continue;
            }
            roots.put(m, readRoot(m));
        }
        // Two root configurations that build the same address (an archived copy of the infrastructure, one root per
        // account calling the same module) are told apart by their root folder, the configuration a user runs
        // Terraform in, rather than by the module file both addresses point into.
        Map<String, Integer> count = new java.util.HashMap<>();
        roots.values().forEach(r -> r.targets().forEach(t -> count.merge(t.name(), 1, Integer::sum)));
        IacResult all = IacResult.EMPTY;
        for (Map.Entry<Module, IacResult> e : roots.entrySet()) {
            IacResult r = e.getValue();
            boolean collides = !isExample(e.getKey().dir()) && r.targets().stream()
                    .anyMatch(t -> count.get(t.name()) > 1);
            if (collides) {
                String where = "@" + rel(e.getKey().dir());
                r = new IacResult(r.targets().stream().map(t -> t.withName(t.name() + where)).toList(),
                        r.resourcePolicies(), r.findings()).withDeclared(r);
            }
            all = all.plus(r);
        }
        return all.plus(IacResult.ofFindings(findings));
    }

    /** A folder under an {@code examples/} (or {@code example/}) folder of the project: a usage example. */
    private boolean isExample(Path dir) {
        Path r = root.relativize(dir);
        for (Path part : r) {
            String n = part.toString();
            if (n.equals("examples") || n.equals("example")) {
                return true;
            }
        }
        return false;
    }

    private Module load(Path dir) {
        Module cached = modules.get(dir);
        if (cached != null) {
            return cached;
        }
        Module m = new Module(dir);
        modules.put(dir, m);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".tf")
                    || p.getFileName().toString().endsWith(".tf.json")).sorted().toList();
        } catch (IOException e) {
            findings.add(new Finding(ReservedRules.UNREADABLE, Severity.ERROR, "'" + rel(dir) + "' cannot be listed: "
                    + e.getMessage(), SourceLocation.of(rel(dir))));
            return m;
        }
        for (Path f : files) {
            parse(f).ifPresent(body -> m.add(body, rel(f)));
        }
        return m;
    }

    private Optional<Hcl.Body> parse(Path f) {
        String name = rel(f);
        if (name.endsWith(".tf.json")) {
            TreeReader.Result t = TreeReader.read(f, name, TreeReader.Format.JSON);
            findings.addAll(t.findings());
            return t.root().map(n -> JsonSyntax.toBody(n, name, findings));
        }
        try {
            return Optional.of(HclParser.parse(InputFiles.readUtf8(f, TreeReader.MAX_BYTES), name));
        } catch (InputFiles.NotText e) {
            findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR, "'" + name + "' " + e.getMessage(),
                    e.at(name)));
        } catch (HclParser.SyntaxError e) {
            findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR, "'" + name + "' is not valid HCL: "
                    + e.getMessage(), e.location()));
        } catch (IOException | RuntimeException e) {
            findings.add(new Finding(ReservedRules.UNREADABLE, Severity.ERROR, "'" + name + "' cannot be read: "
                    + e.getMessage(), SourceLocation.of(name)));
        }
        return Optional.empty();
    }

    private Optional<Path> localSource(Module m, Hcl.Block call) {
        Optional<String> source = call.body().attribute("source").flatMap(a -> a.value() instanceof Hcl.Template t
                ? t.literal() : Optional.empty());
        if (source.isPresent() && (source.get().startsWith("./") || source.get().startsWith("../"))) {
            return Optional.of(m.dir().resolve(source.get()).normalize());
        }
        return Optional.empty();
    }

    private IacResult readRoot(Module m) {
        Instance.Context ctx = context(m, findings);
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Node> vars = rootVariables(m, ctx, sources);
        IacResult base = readRoot(m, vars, ctx);
        if (base.targets().isEmpty()) {
            return base;
        }
        base = base.withInputs(inputValues(m, vars, sources, ctx));
        List<DeployTarget> targets = new ArrayList<>();
        Map<String, List<PolicyVariant>> variants = new LinkedHashMap<>();
        for (Conditionals.Input input : Conditionals.inputs(m, vars, sources, ctx, findings, rel(m.dir()))) {
            Map<String, Node> flipped = new LinkedHashMap<>(vars);
            flipped.put(input.name(), input.other());
            // The other value's reading is only compared with this one: its findings would repeat this one's.
            IacResult other = readRoot(m, flipped, context(m, new ArrayList<>()));
            Conditionals.compare(input, base.targets(), other.targets(), variants);
        }
        for (DeployTarget t : base.targets()) {
            List<PolicyVariant> v = new ArrayList<>(t.policyVariants());
            v.addAll(variants.getOrDefault(t.name(), List.of()));
            DeployTarget out = v.isEmpty() ? t : t.withPolicyVariants(v);
            // An example is its own configuration: its targets say which one, as the module's own targets do not.
            targets.add(isExample(m.dir()) ? out.withName(out.name() + "@" + rel(m.dir())) : out);
        }
        return new IacResult(targets, base.resourcePolicies(), base.findings()).withDeclared(base);
    }

    /** Every variable of a root module with the value the check uses and where it comes from. */
    private List<InputValue> inputValues(Module m, Map<String, Node> vars, Map<String, String> sources,
                                         Instance.Context ctx) {
        List<InputValue> out = new ArrayList<>();
        Instance in = new Instance(m, "", vars, ctx);
        for (Map.Entry<String, Hcl.Block> v : m.variables().entrySet()) {
            String name = v.getKey();
            boolean hasDefault = v.getValue().body().attribute("default").isPresent();
            String source = sources.getOrDefault(name, hasDefault ? "its default" : "no value given");
            Node value = in.variable(name, v.getValue().location());
            out.add(new InputValue(rel(m.dir()), "var." + name, Values.isUnknown(value) ? SymbolicValue.UNKNOWN
                    : Values.json(value), source));
        }
        out.add(new InputValue(rel(m.dir()), "terraform.workspace", ctx.workspace(), options.workspace().isPresent()
                ? "the configuration or option" : workspace(m.dir()).isPresent() ? ".terraform/environment"
                : "the default workspace"));
        return out;
    }

    private Instance.Context context(Module m, List<Finding> sink) {
        return new Instance.Context(root, m.dir(), options.partition(), options.region(), options.accountId(), sink,
                modules, new java.util.HashMap<>(), workspace(m.dir()).orElse("default"));
    }

    /**
     * The workspace: the one given (configuration or option), else the one {@code terraform workspace select} left in
     * {@code .terraform/environment}; empty means {@code default}.
     */
    private Optional<String> workspace(Path rootModule) {
        if (options.workspace().isPresent()) {
            return options.workspace();
        }
        Path env = rootModule.resolve(".terraform/environment");
        try {
            if (Files.isRegularFile(env) && Files.size(env) < 256) {
                String w = Files.readString(env, StandardCharsets.UTF_8).trim();
                if (w.matches("[A-Za-z0-9_.-]+")) {
                    return Optional.of(w);
                }
            }
        } catch (IOException e) {
            // an unreadable marker is no workspace
        }
        return Optional.empty();
    }

    /**
     * The var file named after the workspace (or, without one, the --stage), as projects pass with
     * {@code -var-file=$(terraform workspace show).tfvars}: {@code NAME.tfvars} (or {@code .tfvars.json}) in the root
     * module's folder or one of {@link #WORKSPACE_VAR_DIRS}.
     */
    private Optional<Path> workspaceVarFile(Path rootModule) {
        Optional<String> name = workspace(rootModule).or(options::stage).filter(n -> !n.equals("default"));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (String d : WORKSPACE_VAR_DIRS) {
            for (String ext : List.of(".tfvars", ".tfvars.json")) {
                Path f = rootModule.resolve(d).resolve(name.get() + ext);
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a root module with the given values of its variables. */
    private IacResult readRoot(Module m, Map<String, Node> vars, Instance.Context ctx) {
        Instance rootInstance = new Instance(m, "", vars, ctx);
        List<Instance> instances = new ArrayList<>();
        List<ModuleModels.Call> calls = new ArrayList<>();
        instantiate(rootInstance, instances, new ArrayList<>(List.of(m.dir())), calls, new LinkedHashMap<>());
        List<Res> resources = new ArrayList<>();
        for (Instance in : instances) {
            for (Hcl.Block b : in.module().resources().values()) {
                // Only policies and attachments drop out: a function, task or instance whose count is 0 by default is
                // still checked (deployments set the input, e.g. with an environment's var file), read as one
                // target standing for its instances.
                if (!Conditionals.POLICY_TYPES.contains(b.labels().get(0)) || Conditionals.exists(in, b.body())) {
                    resources.add(new HclRes(in, b));
                }
            }
        }
        for (ModuleModels.Call c : calls) {
            resources.addAll(c.resources());
        }
        if (resources.isEmpty()) {
            return IacResult.EMPTY;
        }
        Packaging packaging = new Packaging(root, instances);
        Function<Res, List<String>> codeRoots = r -> r instanceof ModelRes mr ? mr.call().codeRoots(packaging)
                : r instanceof HclRes h ? packaging.ofFunction(h) : List.of();
        Extractor extractor = new Extractor(resources, options, ctx.findings(), codeRoots, new Images(root, instances),
                "tf:", ctx.renderings());
        IacResult r = extractor.extract();
        if (extractor.outcomes().isEmpty()) {
            return r;
        }
        List<DeployTarget> targets = new ArrayList<>();
        r.targets().forEach(t -> targets.add(withTemplateOutcomes(t, extractor.outcomes())));
        return new IacResult(targets, r.resourcePolicies(), r.findings());
    }

    /**
     * A target one of whose policies comes from a template with directives that depend on unknown values: its
     * policies as the outcome that grants least are a variant of it, which no value of the configuration decides, so a
     * call allowed by one outcome and denied by the other is a warning naming the directives.
     */
    private static DeployTarget withTemplateOutcomes(DeployTarget t, Map<PolicyDocument, Extractor.Outcomes> outcomes) {
        List<AttachedPolicy> least = new ArrayList<>();
        Set<String> deciders = new java.util.LinkedHashSet<>();
        List<String> differences = new ArrayList<>();
        SourceLocation at = null;
        for (AttachedPolicy p : t.identityPolicies()) {
            Extractor.Outcomes o = p.document().map(outcomes::get).orElse(null);
            if (o == null) {
                least.add(p);
                continue;
            }
            least.add(new AttachedPolicy(p.name(), p.origin(), Optional.of(o.least()), p.reference(), p.source()));
            deciders.addAll(o.deciders());
            at = at == null ? p.source() : at;
            differences.add("only some have " + String.join(", ", o.optional()) + " of " + p.name());
        }
        if (deciders.isEmpty()) {
            return t;
        }
        String input = String.join(", ", deciders);
        List<PolicyVariant> v = new ArrayList<>(t.policyVariants());
        v.add(new PolicyVariant(input, "the outcome that grants most", "the outcome that grants least", false, false,
                String.join("; ", differences), least, t.permissionBoundary(), at));
        return t.withPolicyVariants(v);
    }

    private void instantiate(Instance in, List<Instance> out, List<Path> chain, List<ModuleModels.Call> calls,
                             Map<String, ModuleModels.Call> registry) {
        out.add(in);
        if (chain.size() > MAX_MODULE_DEPTH) {
            return;
        }
        List<Runnable> deferred = new ArrayList<>();
        for (Map.Entry<String, Hcl.Block> call : in.module().modules().entrySet()) {
            Optional<Path> dir = localSource(in.module(), call.getValue());
            Optional<ModuleModels.Model> model = dir.isPresent() ? Optional.empty() : call.getValue().body()
                    .attribute("source").flatMap(a -> Values.knownText(in.eval(a.value())))
                    .flatMap(ModuleModels::match);
            if (model.isPresent()) {
                ModuleModels.Call c = new ModuleModels.Call(in, call.getKey(), call.getValue(), model.get(),
                        registry);
                in.addModelled(call.getKey(), c);
                calls.add(c);
                continue;
            }
            if (dir.isEmpty()) {
                String key = moduleKey(in.prefix(), call.getKey());
                dir = installed(in.context().cwd(), key);
                if (dir.isEmpty()) {
                    String source = call.getValue().body().attribute("source")
                            .flatMap(a -> Values.knownText(in.eval(a.value()))).orElse("?");
                    in.context().report(new Finding(InfraRules.TF_REMOTE_MODULE, Severity.NOTE, "module '" + key
                            + "' (source \"" + source + "\") comes from a registry or remote source that is not "
                            + "downloaded here, so its resources are not read; run `terraform init` in "
                            + (rel(in.context().cwd()).equals(".") ? "the project folder" : rel(in.context().cwd()))
                            + " (it writes .terraform/modules/modules.json) and check again",
                            call.getValue().location()));
                    continue;
                }
            }
            if (!Files.isDirectory(dir.get())) {
                in.context().report(new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "module '" + call.getKey()
                        + "' source '" + rel(dir.get()) + "' is not a directory", call.getValue().location()));
                continue;
            }
            if (chain.contains(dir.get())) {
                in.context().report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "module '" + call.getKey()
                        + "' calls '" + rel(dir.get()) + "', which is already being instantiated (a module cycle, "
                        + "which Terraform rejects); it is not read again", call.getValue().location()));
                continue;
            }
            Module child = load(dir.get());
            List<Path> next = new ArrayList<>(chain);
            next.add(dir.get());
            Map<String, Node> keys = instanceKeys(in, call.getValue());
            if (keys.isEmpty()) {
                Instance ci = Instance.withLazyInputs(child, in.prefix() + "module." + call.getKey() + ".",
                        lazyInputs(in, call.getValue()), in.context());
                in.addChild(call.getKey(), ci);
                // Read once every sibling is known: an input may come from a module declared after this one.
                deferred.add(() -> instantiate(ci, out, next, calls, registry));
                continue;
            }
            // for_each over known keys: one instance per key, addressed module.NAME["key"] as Terraform does
            // (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each#referring-to-instances).
            for (Map.Entry<String, Node> k : keys.entrySet()) {
                SourceLocation at = call.getValue().location();
                Map<String, Node> scope = Map.of("each", dev.iampreflight.core.tree.ObjectNode.of(List.of(
                        new dev.iampreflight.core.tree.ObjectNode.Field("key", at, Values.string(k.getKey(), at)),
                        new dev.iampreflight.core.tree.ObjectNode.Field("value", at, k.getValue())), at));
                Instance ci = new Instance(child, in.prefix() + "module." + call.getKey() + "[\"" + k.getKey()
                        + "\"].", inputs(in, call.getValue(), scope), in.context());
                deferred.add(() -> instantiate(ci, out, next, calls, registry));
            }
        }
        deferred.forEach(Runnable::run);
    }

    /** A module call's inputs, each evaluated in the caller's instance when the module first reads it. */
    private static Map<String, java.util.function.Supplier<Node>> lazyInputs(Instance in, Hcl.Block call) {
        Map<String, java.util.function.Supplier<Node>> inputs = new LinkedHashMap<>();
        for (Hcl.Attribute a : call.body().attributes()) {
            if (!NOT_INPUTS.contains(a.name())) {
                inputs.put(a.name(), () -> in.eval(a.value(), Map.of()));
            }
        }
        return inputs;
    }

    /**
     * A module call's key as {@code terraform init} records it: the names of the calls from the root, joined with
     * dots ({@code app.sub}); instance keys of for_each calls are not part of it.
     */
    private static String moduleKey(String prefix, String name) {
        String p = prefix.replaceAll("\\[[^\\]]*\\]", "");
        StringBuilder b = new StringBuilder();
        for (String part : p.split("\\.")) {
            if (!part.isEmpty() && !part.equals("module")) {
                b.append(part).append('.');
            }
        }
        return b + name;
    }

    /**
     * Where {@code terraform init} put a registry or git module: {@code .terraform/modules/modules.json} of the root
     * module lists each call's key and its folder, relative to the root module
     * (https://developer.hashicorp.com/terraform/cli/commands/init#child-module-installation).
     */
    private Optional<Path> installed(Path rootModule, String key) {
        Map<String, Path> dirs = installedModules.computeIfAbsent(rootModule, this::readModulesJson);
        return Optional.ofNullable(dirs.get(key)).filter(Files::isDirectory);
    }

    private Map<String, Path> readModulesJson(Path rootModule) {
        Map<String, Path> out = new LinkedHashMap<>();
        Path f = rootModule.resolve(".terraform/modules/modules.json");
        if (!Files.isRegularFile(f)) {
            return out;
        }
        TreeReader.Result t = TreeReader.read(f, rel(f), TreeReader.Format.JSON);
        findings.addAll(t.findings());
        Optional<Node> list = t.root().filter(n -> n instanceof ObjectNode).flatMap(n -> ((ObjectNode) n).get("Modules"));
        for (Node m : list.map(Values::items).orElse(List.of())) {
            if (m instanceof ObjectNode o && o.get("Key").isPresent() && o.get("Dir").isPresent()) {
                Path dir = rootModule.resolve(Values.text(o.get("Dir").get())).normalize();
                // Only folders of the project being checked are read.
                if (dir.startsWith(root)) {
                    out.put(Values.text(o.get("Key").get()), dir);
                }
            }
        }
        return out;
    }

    /** The inputs a module call passes, evaluated in the caller (with {@code each} for a for_each instance). */
    private static Map<String, Node> inputs(Instance in, Hcl.Block call, Map<String, Node> scope) {
        Map<String, Node> inputs = new LinkedHashMap<>();
        for (Hcl.Attribute a : call.body().attributes()) {
            if (!NOT_INPUTS.contains(a.name())) {
                inputs.put(a.name(), in.eval(a.value(), scope));
            }
        }
        return inputs;
    }

    /**
     * The instance keys of a module call's {@code for_each} when they are known (a map's keys, a set's strings), at
     * most {@link #MAX_MODULE_INSTANCES}; empty when there is no for_each or its keys are only known after apply
     * (then one instance stands for all).
     */
    private static Map<String, Node> instanceKeys(Instance in, Hcl.Block call) {
        Map<String, Node> out = new LinkedHashMap<>();
        Optional<Hcl.Attribute> fe = call.body().attribute("for_each");
        if (fe.isEmpty()) {
            return out;
        }
        Node coll = in.eval(fe.get().value());
        String one = "; its instances are read as one module." + call.labels().get(0) + " standing for each, with "
                + "each.key and each.value unknown";
        if (Values.isUnknown(coll)) {
            // Often a value a script passes with -var (a list of function folders): named here so the user can give
            // it and get one target per instance.
            in.context().report(new Finding(InfraRules.TF_REPEATED_RESOURCE, Severity.NOTE, "the for_each of module '"
                    + call.labels().get(0) + "' (" + Instance.describe(fe.get().value()) + ") is not known here" + one
                    + "; if it comes from variables the deployment passes (-var in a script), give them with --var "
                    + "NAME=VALUE or in .iam-preflight.yml (vars:) to read each instance on its own",
                    fe.get().location()));
            return out;
        }
        if (coll instanceof ObjectNode o) {
            o.fields().forEach(f -> out.put(f.key(), f.value()));
        } else if (coll instanceof dev.iampreflight.core.tree.ArrayNode a) {
            for (Node item : a.items()) {
                Optional<String> k = Values.knownText(item);
                if (k.isEmpty() || Values.isUnknown(item)) {
                    return new LinkedHashMap<>();
                }
                out.put(k.get(), item);
            }
        }
        if (out.size() > MAX_MODULE_INSTANCES) {
            in.context().report(new Finding(InfraRules.TF_REPEATED_RESOURCE, Severity.NOTE, "the for_each of module '"
                    + call.labels().get(0) + "' has " + out.size() + " instances, more than the "
                    + MAX_MODULE_INSTANCES + " read one by one" + one, fe.get().location()));
            return new LinkedHashMap<>();
        }
        return out;
    }

    /** Folders where projects keep one var file per workspace or environment, as {@code NAME.tfvars}. */
    private static final List<String> WORKSPACE_VAR_DIRS = List.of("", "env", "envs", "environments", "vars",
            "tfvars", "config");

    /**
     * The root module's variable values; {@code sources} says which file or option set each one. Files are read in
     * Terraform's order (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence):
     * terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and *.auto.tfvars.json by name, then the var files given
     * (a workspace-named file such as {@code prod.tfvars} when a workspace or stage names one, the configuration's and
     * --var-file's), then the --var values.
     */
    private Map<String, Node> rootVariables(Module m, Instance.Context ctx, Map<String, String> sources) {
        Map<String, Node> values = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (String n : List.of("terraform.tfvars", "terraform.tfvars.json")) {
            if (Files.isRegularFile(m.dir().resolve(n))) {
                files.add(m.dir().resolve(n));
            }
        }
        try (Stream<Path> s = Files.list(m.dir())) {
            s.filter(p -> p.getFileName().toString().endsWith(".auto.tfvars")
                    || p.getFileName().toString().endsWith(".auto.tfvars.json"))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).forEach(files::add);
        } catch (IOException e) {
            // listing worked a moment ago in load(); nothing more to add
        }
        workspaceVarFile(m.dir()).ifPresent(files::add);
        files.addAll(options.varFiles());
        Instance bare = new Instance(new Module(m.dir()), "", Map.of(), ctx);
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            String name = abs.startsWith(root) ? rel(abs) : f.toString();
            if (name.endsWith(".json")) {
                TreeReader.Result t = TreeReader.read(abs, name);
                findings.addAll(t.findings());
                t.root().ifPresent(n -> {
                    if (n instanceof ObjectNode o) {
                        o.fields().forEach(fl -> {
                            values.put(fl.key(), fl.value());
                            sources.put(fl.key(), name);
                        });
                    }
                });
                continue;
            }
            if (!Files.isRegularFile(abs)) {
                findings.add(new Finding(InfraRules.TF_BAD_VARIABLE, Severity.WARNING, "variable file '" + name
                        + "' does not exist", SourceLocation.of(name)));
                continue;
            }
            parse(abs).ifPresent(body -> {
                for (Hcl.Attribute a : body.attributes()) {
                    values.put(a.name(), bare.eval(a.value()));
                    sources.put(a.name(), name);
                }
                for (Hcl.Block b : body.blocks()) {
                    findings.add(new Finding(InfraRules.TF_BAD_VARIABLE, Severity.WARNING, "a variable file holds "
                            + "only NAME = value lines, not blocks ('" + b.type() + "')", b.location()));
                }
            });
        }
        for (Map.Entry<String, String> v : options.vars().entrySet()) {
            String text = v.getValue().trim();
            Node value = Values.string(v.getValue(), SourceLocation.of("--var " + v.getKey()));
            if (text.startsWith("[") || text.startsWith("{")) {
                try {
                    Hcl.Body b = HclParser.parse("x = " + text + "\n", "--var " + v.getKey());
                    value = bare.eval(b.attributes().get(0).value());
                } catch (HclParser.SyntaxError e) {
                    findings.add(new Finding(InfraRules.TF_BAD_VARIABLE, Severity.WARNING, "--var " + v.getKey()
                            + " is not a valid value: " + e.getMessage(), SourceLocation.of("--var")));
                }
            }
            values.put(v.getKey(), value);
            sources.put(v.getKey(), "--var");
        }
        // Only declared variables are inputs; a value for an undeclared one is a mistake worth saying.
        Map<String, Node> declared = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (m.variables().containsKey(k)) {
                declared.put(k, v);
            } else if (options.vars().containsKey(k) && modules.values().stream()
                    .noneMatch(other -> other.variables().containsKey(k)) && warnedVars.add(k)) {
                // One warning for a value no configuration of the tree declares, not one per root without it.
                findings.add(new Finding(InfraRules.TF_BAD_VARIABLE, Severity.WARNING, "--var " + k + " names no "
                        + "variable of " + rel(m.dir()) + dev.iampreflight.core.Suggestions.didYouMean(k,
                        m.variables().keySet()), SourceLocation.of(rel(m.dir()))));
            }
        });
        return declared;
    }
}

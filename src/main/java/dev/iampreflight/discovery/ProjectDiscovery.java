package dev.iampreflight.discovery;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.chalice.ChaliceReader;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.iac.templating.JinjaTemplates;
import dev.iampreflight.iac.terraform.TerraformReader;
import dev.iampreflight.project.DeployFormat;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicies;
import dev.iampreflight.project.SkippedDirectories;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds every deploy target under a directory: Chalice projects ({@code .chalice/config.json}), CloudFormation and SAM
 * templates (YAML or JSON, including {@code chalice package} output), Terraform configurations ({@code .tf} and
 * {@code .tf.json} directories), {@code terraform show -json} plan files, and the formats registered in
 * {@link DeployFormats} (Serverless Framework services, {@code serverless.yml}). Skips dependency, build and tool
 * directories. Every file that cannot be read becomes a finding and discovery goes on with the others.
 *
 * <p>Discovery sits above the readers ({@code iac.*}), which sit above the target model ({@code project}): the model
 * knows no reader and the readers know no discovery.
 */
public final class ProjectDiscovery {

    /** Template files larger than this are not templates a person wrote (CloudFormation's own limit is 1 MB). */
    static final long MAX_TEMPLATE_BYTES = 5L * 1024 * 1024;

    private final Path root;
    private final ProjectOptions options;
    /** The options for reading one deploy file or folder (a sub-project's config may give its own). */
    private final java.util.function.Function<Path, ProjectOptions> scoped;
    private final List<Finding> findings = new ArrayList<>();

    private ProjectDiscovery(Path root, ProjectOptions options,
                             java.util.function.Function<Path, ProjectOptions> scoped) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
        this.scoped = scoped;
    }

    /** Discovers the project under {@code root}. Throws only for a root that is not a readable directory. */
    public static Project discover(Path root, ProjectOptions options) {
        return new ProjectDiscovery(root, options, p -> options).run();
    }

    /**
     * Discovers the project under {@code root}, reading each deploy file (or Terraform folder) with the options
     * {@code scoped} gives for it: in a repository of several apps, each app's own configuration.
     * {@code options} are the run's own (used for what belongs to no file).
     */
    public static Project discover(Path root, ProjectOptions options,
                                   java.util.function.Function<Path, ProjectOptions> scoped) {
        return new ProjectDiscovery(root, options, scoped).run();
    }

    private ProjectOptions options(Path file) {
        return scoped.apply(file);
    }

    private final List<Path> chaliceProjects = new ArrayList<>();
    private final List<Path> candidates = new ArrayList<>();
    private final Set<Path> terraformDirs = new TreeSet<>();
    private final List<Path> planFiles = new ArrayList<>();
    /** The files each registered format claimed, in the registry's order. */
    private final Map<DeployFormat, List<Path>> claimed = new LinkedHashMap<>();
    private final List<Project.Read> reads = new ArrayList<>();

    private Project run() {
        if (!Files.isDirectory(root)) {
            throw new dev.iampreflight.core.UserException("'" + root + "' is not a directory");
        }
        walk();
        Map<String, String> fileParameters = parametersFile();
        IacResult all = IacResult.EMPTY;
        for (Path p : chaliceProjects) {
            reads.add(new Project.Read(rel(p.resolve(".chalice").resolve("config.json")), "chalice",
                    "a Chalice app's configuration"));
            all = all.plus(guarded(p, () -> ChaliceReader.read(root, p, options(p))));
        }
        // Files a format's input includes (a serverless.yml's ${file(...)}) are fragments of it (even one named like
        // an input), not templates or inputs of their own.
        Set<Path> included = new java.util.HashSet<>();
        List<Path> serviceDirs = new ArrayList<>();
        for (Map.Entry<DeployFormat, List<Path>> c : claimed.entrySet()) {
            DeployFormat format = c.getKey();
            Map<Path, IacResult> inputs = new LinkedHashMap<>();
            for (Path f : c.getValue()) {
                inputs.put(f, guarded(f, () -> {
                    DeployFormat.Read r = format.read(root, f, options(f));
                    included.addAll(r.filesRead());
                    return r.iac();
                }));
            }
            for (Map.Entry<Path, IacResult> s : inputs.entrySet()) {
                if (!included.contains(s.getKey().toAbsolutePath().normalize())) {
                    reads.add(new Project.Read(rel(s.getKey()), format.name(), format.describe()));
                    all = all.plus(s.getValue());
                    if (format.ownsFragments()) {
                        serviceDirs.add(s.getKey().toAbsolutePath().normalize().getParent());
                    }
                }
            }
        }
        // Templates are parsed first, so that one nested by another (a nested stack or SAM application with a local
        // template) is read through its parent, with the parameters the parent passes, and never on its own.
        Map<Path, Object> parsed = new LinkedHashMap<>();
        Set<Path> nested = new java.util.HashSet<>();
        for (Path f : candidates) {
            if (!included.contains(f.toAbsolutePath().normalize())) {
                Object p;
                try {
                    p = parseCandidate(f, serviceDirs);
                } catch (RuntimeException | StackOverflowError e) {
                    p = guarded(f, () -> {
                        throw e;
                    });
                }
                parsed.put(f, p);
                if (p instanceof Parsed t) {
                    nested.addAll(CloudFormationReader.nestedTemplates(f, t.root()));
                }
            }
        }
        // What CDK synthesized, by construct path: a template outside cdk.out whose constructs are all there (the
        // output of `cdk synth > template.yaml`, kept for `sam local`) is the same stack, read once from cdk.out.
        Map<String, Path> synthesizedPaths = new java.util.HashMap<>();
        parsed.forEach((f, p) -> {
            if (p instanceof Parsed t && inCdkOut(f)) {
                cdkPaths(t.root()).forEach(c -> synthesizedPaths.putIfAbsent(c, f));
            }
        });
        for (Map.Entry<Path, Object> e : parsed.entrySet()) {
            Path f = e.getKey();
            Set<String> own = e.getValue() instanceof Parsed t && !inCdkOut(f) ? cdkPaths(t.root()) : Set.of();
            if (e.getValue() instanceof IacResult r) {
                all = all.plus(r);
            } else if (!own.isEmpty() && synthesizedPaths.keySet().containsAll(own)) {
                all = all.plus(IacResult.ofFindings(List.of(new Finding(InfraRules.DISCOVERY_SKIPPED, Severity.NOTE,
                        "'" + rel(f) + "' is a copy of the template CDK synthesized in '"
                                + rel(synthesizedPaths.get(own.iterator().next())) + "' (the same construct paths, "
                                + "aws:cdk:path); it is read once, from cdk.out, where its asset folders are",
                        SourceLocation.of(rel(f))))));
            } else if (!nested.contains(f.toAbsolutePath().normalize())) {
                Parsed t = (Parsed) e.getValue();
                reads.add(new Project.Read(rel(f), "cloudformation", inCdkOut(f) ? "a template CDK synthesized"
                        : "a CloudFormation/SAM template (by its content)"));
                Map<String, String> parameters = new LinkedHashMap<>(fileParameters);
                parameters.putAll(options(f).parameters());
                all = all.plus(guarded(f, () -> readTemplate(t, parameters)));
            }
        }
        for (Path d : terraformDirs) {
            reads.add(new Project.Read(rel(d), "terraform", "a folder of Terraform configuration (*.tf)"));
        }
        // Folders read with the same options are read together (a root module and the local modules it calls).
        Map<ProjectOptions, List<Path>> tfGroups = new LinkedHashMap<>();
        for (Path d : terraformDirs) {
            tfGroups.computeIfAbsent(options(d), o -> new ArrayList<>()).add(d);
        }
        for (Map.Entry<ProjectOptions, List<Path>> g : tfGroups.entrySet()) {
            all = all.plus(guarded(root, () -> TerraformReader.readDirectories(root, g.getValue(), g.getKey())));
        }
        for (Path plan : planFiles) {
            reads.add(new Project.Read(rel(plan), "terraform plan", "a plan in JSON (terraform show -json)"));
            all = all.plus(guarded(plan, () -> TerraformReader.readPlan(root, plan, options(plan))));
        }
        List<Finding> fs = new ArrayList<>(findings);
        dev.iampreflight.core.FindingLists.addNew(fs, all.findings());
        // Findings in file and line order (stable: same-place findings keep the order they were found in).
        fs.sort(java.util.Comparator.comparing(Finding::location));
        return new Project(root, unique(all.targets()), new ResourcePolicies(all.resourcePolicies()), fs,
                all.resources(), all.roles(), all.inputs(), reads);
    }

    private String rel(Path p) {
        return DisplayPaths.rel(root, p);
    }

    /**
     * Target names stay short ({@code sam:OrdersFunction}) unless two projects in the tree declare the same one;
     * then each of those is qualified with where it was declared ({@code sam:OrdersFunction@orders/template.yaml},
     * {@code chalice:dev:api_handler@services/api}, {@code tf:aws_lambda_function.f@infra/prod}).
     */
    static List<DeployTarget> unique(List<DeployTarget> targets) {
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        targets.forEach(t -> count.merge(t.name(), 1, Integer::sum));
        // Every target of a project that has a colliding name is qualified, so one project's names stay alike.
        java.util.Set<String> qualified = new java.util.HashSet<>();
        for (DeployTarget t : targets) {
            if (count.get(t.name()) > 1) {
                qualified.add(where(t));
            }
        }
        List<DeployTarget> out = new ArrayList<>();
        for (DeployTarget t : targets) {
            out.add(qualified.contains(where(t)) ? t.withName(t.name() + "@" + where(t)) : t);
        }
        return out;
    }

    private static String where(DeployTarget t) {
        String file = t.declaredIn().file();
        String w = switch (t.kind()) {
            case CHALICE -> file.endsWith(".chalice/config.json")
                    ? file.substring(0, file.length() - ".chalice/config.json".length()) : file;
            case TERRAFORM -> file.endsWith(".json") || !file.contains("/") ? (file.endsWith(".json") ? file : "")
                    : file.substring(0, file.lastIndexOf('/'));
            default -> file;
        };
        w = w.endsWith("/") ? w.substring(0, w.length() - 1) : w;
        return w.isEmpty() ? "." : w;
    }

    /**
     * Runs one reader so that a bug it trips over on one odd input costs only that input: the other files are still
     * read and the user sees where it happened (a stack overflow on absurdly deep input included).
     */
    private IacResult guarded(Path input, java.util.function.Supplier<IacResult> reader) {
        try {
            return reader.get();
        } catch (RuntimeException | StackOverflowError e) {
            return IacResult.ofFindings(List.of(new Finding(ReservedRules.UNREADABLE, Severity.ERROR, "'" + rel(input)
                    + "' could not be read (internal error " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; please report it)",
                    SourceLocation.of(rel(input)))));
        }
    }

    private void walk() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (n.equals("cdk.out") && !dir.equals(root) && dir.getParent() != null
                            && Files.isRegularFile(dir.getParent().resolve("cdk.json"))) {
                        synthesized(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(root) && SkippedDirectories.contains(n)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    // chalice writes deployed-resource records here; they are not inputs.
                    if (n.equals("deployments") && dir.getParent() != null
                            && ".chalice".equals(String.valueOf(dir.getParent().getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.isRegularFile(dir.resolve(".chalice").resolve("config.json"))) {
                        chaliceProjects.add(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    boolean inChalice = file.getParent() != null
                            && ".chalice".equals(String.valueOf(file.getParent().getFileName()));
                    if (n.equals("cdk.json") && !inChalice) {
                        cdkApps.add(file);
                    }
                    if (n.endsWith(".tf") || n.endsWith(".tf.json")) {
                        terraformDirs.add(file.getParent());
                    } else if (claim(file)) {
                        return FileVisitResult.CONTINUE;
                    } else if (!inChalice && (mayBeTemplate(n) || JinjaTemplates.isJinja(n)
                            && mayBeTemplate(JinjaTemplates.renderedName(n)))) {
                        if (attrs.size() > MAX_TEMPLATE_BYTES) {
                            findings.add(new Finding(InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "'" + rel(file)
                                    + "' is not read: at " + attrs.size() + " bytes it is larger than any "
                                    + "template (CloudFormation's limit is 1 MB)", SourceLocation.of(rel(file))));
                            return FileVisitResult.CONTINUE;
                        }
                        candidates.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    findings.add(new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "'" + rel(file)
                            + "' cannot be read: " + exc.getMessage(), SourceLocation.of(rel(file))));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            findings.add(new Finding(ReservedRules.UNREADABLE, Severity.ERROR, "'" + root + "' cannot be searched: "
                    + e.getMessage(), SourceLocation.of(".")));
        }
        candidates.sort(null);
        claimed.values().forEach(l -> l.sort(null));
        for (Path cdkJson : cdkApps) {
            if (!synthesizedApps.contains(cdkJson.getParent())) {
                findings.add(new Finding(InfraRules.CDK_NOT_SYNTHESIZED, Severity.NOTE, "'" + rel(cdkJson)
                        + "' is a CDK app without synthesized output: the tool reads the CloudFormation that CDK "
                        + "writes, not the CDK program, so its stacks are not checked; run `cdk synth` in '"
                        + rel(cdkJson.getParent()) + "' (it writes cdk.out/) and check again",
                        SourceLocation.of(rel(cdkJson))));
            }
        }
    }

    /** Gives a file to the first registered format that claims it. */
    private boolean claim(Path file) {
        for (DeployFormat f : DeployFormats.registered()) {
            if (f.claims(file)) {
                claimed.computeIfAbsent(f, k -> new ArrayList<>()).add(file);
                return true;
            }
        }
        return false;
    }

    private final List<Path> cdkApps = new ArrayList<>();
    private final Set<Path> synthesizedApps = new java.util.HashSet<>();

    /**
     * A CDK app's cloud assembly: its stack templates ({@code cdk.out/*.template.json}, and those of CDK stages in
     * {@code assembly-*}/) are CloudFormation and are read as such; the asset folders beside them are build copies of
     * the code, never templates, so nothing else there is read.
     */
    private void synthesized(Path cdkOut) {
        List<Path> templates = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.walk(cdkOut, 2)) {
            s.filter(p -> p.getFileName().toString().endsWith(".template.json"))
                    .filter(p -> p.getParent().equals(cdkOut)
                            || p.getParent().getFileName().toString().startsWith("assembly-"))
                    .filter(Files::isRegularFile).sorted().forEach(templates::add);
        } catch (IOException | RuntimeException e) {
            findings.add(new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "'" + rel(cdkOut)
                    + "' cannot be read: " + e.getMessage(), SourceLocation.of(rel(cdkOut))));
        }
        if (!templates.isEmpty()) {
            synthesizedApps.add(cdkOut.getParent());
            candidates.addAll(templates);
        }
    }

    /**
     * File names a template may have: YAML and JSON, and the endings people give CloudFormation templates
     * ({@code .template}, {@code .cfn}, {@code .cform}, {@code .tmpl}); a name holding "template" without an ending.
     * Whether it is one is then decided by its content, never its ending.
     */
    static boolean mayBeTemplate(String lowerName) {
        for (String ext : List.of(".yaml", ".yml", ".json", ".template", ".cfn", ".cform", ".tmpl")) {
            if (lowerName.endsWith(ext)) {
                return true;
            }
        }
        return lowerName.contains("template") && !lowerName.contains(".");
    }

    /**
     * A YAML/JSON file is read only when a cheap look at its text says it may be a template or a plan, so that
     * package.json, tsconfig.json and friends cost nothing and produce no findings.
     */
    private static boolean inCdkOut(Path f) {
        for (Path p = f.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("cdk.out")) {
                return true;
            }
        }
        return false;
    }

    /** The CDK construct paths ({@code Metadata."aws:cdk:path"}) of a template's resources. */
    private static Set<String> cdkPaths(ObjectNode template) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Nodes.childObject(template, "Resources").ifPresent(rs -> rs.fields().forEach(f -> Nodes.object(f.value())
                .flatMap(r -> Nodes.childObject(r, "Metadata")).flatMap(m -> Nodes.string(m, "aws:cdk:path"))
                .ifPresent(out::add)));
        return out;
    }

    /** A parsed template, with the findings of parsing it. */
    private record Parsed(Path file, ObjectNode root, List<Finding> findings) {
    }

    /** Reads a parsed template. */
    private IacResult readTemplate(Parsed t, Map<String, String> parameters) {
        IacResult r = CloudFormationReader.read(root, t.file(), t.root(), options(t.file()), parameters);
        List<Finding> fs = new ArrayList<>(t.findings());
        fs.addAll(r.findings());
        return new IacResult(r.targets(), r.resourcePolicies(), fs).withDeclared(r);
    }

    /** A {@link Parsed} template, or what a file that is no template (or one not read alone) gives. */
    private Object parseCandidate(Path file, List<Path> serviceDirs) {
        byte[] bytes;
        try {
            bytes = dev.iampreflight.core.InputFiles.readBytes(file, MAX_TEMPLATE_BYTES);
        } catch (IOException | RuntimeException e) {
            return IacResult.ofFindings(List.of(new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "'"
                    + rel(file) + "' cannot be read: " + e.getMessage(), SourceLocation.of(rel(file)))));
        }
        // Decoded leniently only to look at it: a template with a byte that is not UTF-8 is still a template, and
        // the reader below names that byte (a silent skip would pass the check without reading its policies).
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Finding> rendering = List.of();
        java.util.function.UnaryOperator<SourceLocation> relocate = java.util.function.UnaryOperator.identity();
        TreeReader.Format format = CloudFormationReader.formatOf(text);
        String lowerName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (JinjaTemplates.isJinja(lowerName)) {
            // Rendered only when its text may be a template: Ansible and web-server templates cost nothing.
            if (!text.contains("AWSTemplateFormatVersion") && !text.contains("AWS::")) {
                return IacResult.EMPTY;
            }
            String renderedName = JinjaTemplates.renderedName(lowerName);
            format = renderedName.endsWith(".json") ? TreeReader.Format.JSON
                    : renderedName.endsWith(".yml") || renderedName.endsWith(".yaml") ? TreeReader.Format.YAML
                    : CloudFormationReader.formatOf(text.replaceAll("(?s)\\{[%#].*?[%#]}", ""));
            JinjaTemplates.Rendered r = JinjaTemplates.render(text, rel(file), options(file).templateVars(),
                    format == TreeReader.Format.JSON);
            if (r.text().isEmpty()) {
                return IacResult.ofFindings(r.findings());
            }
            text = r.text().get();
            bytes = text.getBytes(StandardCharsets.UTF_8);
            rendering = r.findings();
            relocate = r.relocate();
        }
        boolean plan = text.contains("\"planned_values\"") || (text.contains("\"format_version\"")
                && text.contains("\"terraform_version\"") && text.contains("\"resource_changes\""));
        if (plan) {
            planFiles.add(file);
            return IacResult.EMPTY;
        }
        boolean looksLikeTemplate = text.contains("AWSTemplateFormatVersion") || text.contains("AWS::Serverless")
                || (text.contains("Resources") && text.contains("AWS::"));
        if (!looksLikeTemplate) {
            return IacResult.EMPTY;
        }
        // In a Serverless service, a YAML file with Resources but no template header is a piece of serverless.yml
        // (resources: ${file(...)}) that the service does not include: it refers to resources the framework
        // generates, so read alone it would only give false "unknown reference" errors.
        Path abs = file.toAbsolutePath().normalize();
        if (!text.contains("AWSTemplateFormatVersion") && !text.contains("Transform")
                && serviceDirs.stream().anyMatch(abs::startsWith)) {
            return IacResult.ofFindings(List.of(new Finding(InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "'"
                    + rel(file) + "' looks like a fragment of a Serverless service (Resources without "
                    + "AWSTemplateFormatVersion) that no serverless.yml includes; it is not read as a template",
                    SourceLocation.of(rel(file)))));
        }
        TreeReader.Result tree = TreeReader.parse(bytes, rel(file), format, relocate);
        if (tree.root().isEmpty()) {
            List<Finding> fs = new ArrayList<>(rendering);
            fs.addAll(tree.findings());
            return IacResult.ofFindings(fs);
        }
        if (!CloudFormationReader.isTemplate(tree.root().get())) {
            return IacResult.EMPTY;
        }
        // In a Chalice project, Resources that override chalice's own (no Type: DefaultRole, APIHandler,
        // WebsocketConnect...) are a fragment for `chalice package --merge-template`, merged into the template chalice
        // generates (chalice/package.py TemplateMergePostProcessor); alone it is no template. The Chalice reader
        // reads the role policies it replaces.
        if (chaliceProjects.stream().anyMatch(c -> abs.startsWith(c.toAbsolutePath().normalize()))
                && Nodes.childObject((ObjectNode) tree.root().get(), "Resources").map(rs -> rs.fields().stream()
                .anyMatch(f -> Nodes.object(f.value()).map(o -> o.field("Type").isEmpty()).orElse(false)))
                .orElse(false)) {
            return IacResult.ofFindings(List.of(new Finding(InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "'"
                    + rel(file) + "' looks like a fragment for `chalice package --merge-template` (resources without "
                    + "Type in a Chalice project); it is not read as a template of its own",
                    SourceLocation.of(rel(file)))));
        }
        List<Finding> fs = new ArrayList<>(rendering);
        fs.addAll(tree.findings());
        return new Parsed(file, (ObjectNode) tree.root().get(), fs);
    }

    /**
     * CloudFormation parameter overrides from the parameters file (a JSON list of {@code {"ParameterKey",
     * "ParameterValue"}} as {@code aws cloudformation} takes it, or a plain map); each template's options'
     * parameters ({@code --parameter K=V}, then the config's) come after them.
     */
    private Map<String, String> parametersFile() {
        Map<String, String> out = new LinkedHashMap<>();
        if (options.parametersFile().isPresent()) {
            Path p = options.parametersFile().get();
            String shown = p.toString();
            TreeReader.Result tree = TreeReader.read(p, shown);
            findings.addAll(tree.findings());
            tree.root().ifPresent(n -> readParameters(n, out));
        }
        return out;
    }

    private void readParameters(Node n, Map<String, String> out) {
        if (n instanceof ArrayNode a) {
            for (Node item : a.items()) {
                if (item instanceof ObjectNode o && Nodes.string(o, "ParameterKey").isPresent()) {
                    out.put(Nodes.string(o, "ParameterKey").get(), Nodes.string(o, "ParameterValue").orElse(""));
                } else {
                    findings.add(new Finding(InfraRules.CFN_BAD_PARAMETER, Severity.WARNING, "a parameters file "
                            + "entry must be {\"ParameterKey\": ..., \"ParameterValue\": ...}", item.location()));
                }
            }
        } else if (n instanceof ObjectNode o) {
            Node body = o.get("Parameters").filter(x -> x instanceof ObjectNode).orElse(o);
            for (ObjectNode.Field f : ((ObjectNode) body).fields()) {
                Nodes.text(f.value()).ifPresentOrElse(v -> out.put(f.key(), v), () -> findings.add(new Finding(
                        InfraRules.CFN_BAD_PARAMETER, Severity.WARNING, "parameter '" + f.key() + "' must be a "
                        + "string, not " + f.value().kindName(), f.value().location())));
            }
        } else {
            findings.add(new Finding(InfraRules.CFN_BAD_PARAMETER, Severity.WARNING, "a parameters file must be a "
                    + "JSON list of {\"ParameterKey\",\"ParameterValue\"} or a map", n.location()));
        }
    }
}

package dev.iampreflight.iac.serverless;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.iac.serverless.internal.PackagePatterns;
import dev.iampreflight.iac.serverless.internal.Variables;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Serverless Framework service ({@code serverless.yml} / {@code serverless.yaml}, framework v1 to v4) the way
 * the framework deploys it: it compiles the file into the CloudFormation template the framework would generate (the
 * shared {@code IamRoleLambdaExecution} role with the log statements, {@code provider.iam.role} statements and managed
 * policies and the statements event sources add; one {@code AWS::Lambda::Function} per function; log groups; the
 * {@code resources} section merged in) and reads that with the CloudFormation reader, so Ref/GetAtt/Sub, customer
 * managed policies, AWS managed policies and resource policies behave exactly as in a template. Sources:
 * serverless/serverless {@code lib/plugins/aws/package/lib/merge-iam-templates.js}, {@code compile/functions.js},
 * {@code compile/events/stream.js}, {@code compile/events/sqs.js}, and the serverless-iam-roles-per-function plugin's
 * {@code src/lib/index.ts} (per-function roles).
 *
 * <p>Each Python function becomes a target {@code serverless:<stage>:<function>}; functions in other languages and
 * container images are reported as notes, never silently dropped.
 */
public final class ServerlessReader {

    /** What reading one service gave, and which other files it read through {@code ${file(...)}}. */
    public record Result(IacResult iac, Set<Path> filesRead) {
    }

    /** The framework's default stage and region when neither the options nor the file set them. */
    static final String DEFAULT_STAGE = "dev";
    static final String DEFAULT_REGION = "us-east-1";
    static final String SHARED_ROLE = "IamRoleLambdaExecution";
    static final String PER_FUNCTION_PLUGIN = "serverless-iam-roles-per-function";

    private static final String U = SymbolicValue.UNKNOWN;

    private final Path root;
    private final Path file;
    private final Path serviceDir;
    private final String name;
    private final ProjectOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private Variables vars;
    private String service;
    private String stage;
    private String region;
    private String partition;
    private String account;
    private ObjectNode provider;
    private ObjectNode userResources;

    private ServerlessReader(Path root, Path file, ProjectOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.file = file.toAbsolutePath().normalize();
        this.serviceDir = this.file.getParent();
        this.name = DisplayPaths.rel(root, file);
        this.options = options;
    }

    /** True for the file names the framework looks for by default. */
    public static boolean isServiceFile(Path f) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString();
        return n.equals("serverless.yml") || n.equals("serverless.yaml");
    }

    public static Result read(Path root, Path file, ProjectOptions options) {
        ServerlessReader r = new ServerlessReader(root, file, options);
        IacResult iac = r.read();
        Set<Path> files = new java.util.HashSet<>(r.referenced);
        if (r.vars != null) {
            files.addAll(r.vars.filesRead());
        }
        return new Result(iac, Set.copyOf(files));
    }

    /** Files named by ${file(...)} anywhere in the service, resolved or not (custom sections of plugins too). */
    private final Set<Path> referenced = new java.util.HashSet<>();
    private static final java.util.regex.Pattern FILE_REF = java.util.regex.Pattern
            .compile("\\$\\{file\\(\\s*['\"]?([^)'\"$]+?)['\"]?\\s*\\)");

    private void collectReferences(Node n) {
        if (n instanceof ScalarNode s && s.isString()) {
            java.util.regex.Matcher m = FILE_REF.matcher(s.text());
            while (m.find()) {
                referenced.add(serviceDir.resolve(m.group(1).trim()).normalize());
            }
        } else if (n instanceof ObjectNode o) {
            o.fields().forEach(f -> collectReferences(f.value()));
        } else if (n instanceof ArrayNode a) {
            a.items().forEach(this::collectReferences);
        }
    }

    private void add(String rule, Severity s, String message, SourceLocation at) {
        findings.add(new Finding(rule, s, message, at));
    }

    private IacResult read() {
        TreeReader.Result tree = TreeReader.read(file, name);
        findings.addAll(tree.findings());
        if (tree.root().isEmpty()) {
            return IacResult.ofFindings(findings);
        }
        if (!(tree.root().get() instanceof ObjectNode raw)) {
            add(ReservedRules.BAD_SHAPE, Severity.ERROR, "a serverless.yml must be an object with service, "
                    + "provider and functions, not " + tree.root().get().kindName(), tree.root().get().location());
            return IacResult.ofFindings(findings);
        }
        collectReferences(raw);
        partition = options.partition();
        account = options.accountOrUnknown();
        settle(raw);
        Optional<ObjectNode> prov = raw.get("provider").flatMap(vars::resolve).flatMap(Nodes::object);
        if (prov.isEmpty()) {
            if (raw.get("service").isEmpty()) {
                add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "'" + name + "' has neither service nor provider: "
                        + "it is a piece of another service's configuration, not a service, so it has no deploy "
                        + "target", raw.location());
            } else {
                add(ReservedRules.BAD_SHAPE, Severity.ERROR, "'" + name + "' has no provider section; the "
                        + "Serverless Framework needs 'provider: {name: aws, runtime: ...}'", raw.location());
            }
            return IacResult.ofFindings(findings);
        }
        provider = prov.get();
        Optional<String> providerName = Nodes.string(provider, "name");
        if (providerName.isPresent() && !providerName.get().equals("aws")) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "provider '" + providerName.get() + "' is not AWS, so "
                    + "this service has no IAM deploy target", provider.get("name").get().location());
            return IacResult.ofFindings(findings);
        }
        service = raw.get("service").flatMap(vars::resolve)
                .map(s -> s instanceof ObjectNode o ? Nodes.string(o, "name").orElse(U) : Variables.text(Optional.of(s)))
                .orElse(U);
        userResources = resources(raw);
        // serverless-functions-base-path: handlers are relative to custom.functionsBasePath.
        if (plugins(raw).contains("serverless-functions-base-path")) {
            functionsBasePath = Nodes.childObject(raw, "custom").flatMap(c -> c.get("functionsBasePath"))
                    .flatMap(vars::resolve).flatMap(Nodes::text).filter(t -> !t.contains(U));
        }
        // serverless-wsgi: the handler wsgi_handler.handler is a module the plugin writes into the package at deploy
        // time; it imports the WSGI app named by custom.wsgi.app (path/to/module.app), which is the real entry point
        // (https://github.com/logandk/serverless-wsgi#readme, "Configuration").
        if (plugins(raw).contains("serverless-wsgi")) {
            wsgiApp = Nodes.childObject(raw, "custom").flatMap(c -> c.get("wsgi")).flatMap(vars::resolve)
                    .flatMap(Nodes::object).flatMap(w -> w.get("app")).flatMap(vars::resolve).flatMap(Nodes::text)
                    .filter(t -> !t.contains(U) && t.lastIndexOf('.') > 0);
        }
        topPackage = raw.get("package").flatMap(vars::resolve).flatMap(Nodes::object);
        Map<String, ObjectNode> functions = functions(raw);
        if (functions.isEmpty()) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "'" + name + "' declares no functions, so it has no "
                    + "deploy target", raw.get("functions").map(Node::location).orElse(raw.location()));
        }
        return compile(raw, functions);
    }

    /** Stage and region first (other variables depend on them), then the resolver every other value goes through. */
    private void settle(ObjectNode raw) {
        Map<String, String> opt = new LinkedHashMap<>();
        options.stage().ifPresent(s -> opt.put("stage", s));
        options.region().ifPresent(r -> opt.put("region", r));
        Variables boot = new Variables(root, file, raw, opt, null, options.regionOrUnknown(), account, findings);
        Optional<ObjectNode> rawProvider = Nodes.childObject(raw, "provider");
        Optional<Node> stageNode = rawProvider.flatMap(p -> p.get("stage"));
        stage = options.stage().orElseGet(() -> stageNode.map(n -> Variables.text(boot.resolve(n)))
                .orElse(DEFAULT_STAGE));
        Optional<Node> regionNode = rawProvider.flatMap(p -> p.get("region"));
        region = options.region().orElseGet(() -> regionNode.map(n -> Variables.text(boot.resolve(n)))
                .orElse(DEFAULT_REGION));
        // The findings of this first pass are found again by the second one.
        findings.clear();
        vars = new Variables(root, file, raw, opt, stage, region, account, findings);
        stageNode.ifPresent(vars::resolve);
        regionNode.ifPresent(vars::resolve);
    }

    // ---- reading the sections -----------------------------------------------------------------------------------

    /** {@code functions}: a map, or (as ${file()} includes allow) a list of maps, merged in order. */
    private Map<String, ObjectNode> functions(ObjectNode raw) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Optional<Node> fs = raw.get("functions").flatMap(vars::resolve);
        if (fs.isEmpty() || Nodes.isNull(fs.get())) {
            return out;
        }
        List<Node> parts = fs.get() instanceof ArrayNode a ? a.items() : List.of(fs.get());
        for (Node part : parts) {
            if (!(part instanceof ObjectNode o)) {
                add(ReservedRules.BAD_SHAPE, Severity.ERROR, "functions must map each function name to its "
                        + "settings, not " + part.kindName(), part.location());
                continue;
            }
            for (ObjectNode.Field f : o.fields()) {
                if (f.value() instanceof ObjectNode fo) {
                    // The function's key is where it is declared.
                    out.put(f.key(), new ObjectNode(fo.fields(), fo.duplicateKeys(), f.keyLocation(), fo.tag()));
                } else {
                    add(ReservedRules.BAD_SHAPE, Severity.ERROR, "function '" + f.key() + "' must be an object with "
                            + "a handler or an image, not " + f.value().kindName(), f.value().location());
                }
            }
        }
        return out;
    }

    /** {@code resources}: an object with Resources/Outputs/Conditions, or a list of such fragments, merged. */
    private ObjectNode resources(ObjectNode raw) {
        Map<String, List<ObjectNode.Field>> sections = new LinkedHashMap<>();
        Optional<Node> rs = raw.get("resources").flatMap(vars::resolve);
        SourceLocation at = rs.map(Node::location).orElse(raw.location());
        if (rs.isPresent() && !Nodes.isNull(rs.get())) {
            List<Node> parts = rs.get() instanceof ArrayNode a ? a.items() : List.of(rs.get());
            for (Node part : parts) {
                if (!(part instanceof ObjectNode o)) {
                    add(ReservedRules.BAD_SHAPE, Severity.ERROR, "resources must be an object with Resources (and "
                            + "Outputs, Conditions), not " + part.kindName(), part.location());
                    continue;
                }
                for (ObjectNode.Field f : o.fields()) {
                    if (f.value() instanceof ObjectNode so) {
                        sections.computeIfAbsent(f.key(), k -> new ArrayList<>()).addAll(so.fields());
                    } else if (List.of("Resources", "Outputs", "Conditions", "Mappings").contains(f.key())
                            && !Nodes.isNull(f.value()) && !Variables.text(Optional.of(f.value())).contains(U)) {
                        add(ReservedRules.BAD_SHAPE, Severity.ERROR, "resources." + f.key() + " must be an object, "
                                + "not " + f.value().kindName(), f.value().location());
                    }
                }
            }
        }
        List<ObjectNode.Field> out = new ArrayList<>();
        sections.forEach((k, v) -> out.add(new ObjectNode.Field(k, at, ObjectNode.of(v, at))));
        return ObjectNode.of(out, at);
    }

    private Optional<ObjectNode> userSection(String key) {
        return Nodes.childObject(userResources, key);
    }

    // ---- compiling -----------------------------------------------------------------------------------------------

    /** One function as the framework sees it. */
    private record Fn(String key, ObjectNode node, String logicalId, String functionName, boolean python,
                      Optional<Node> role, boolean ownRole, Optional<ImageCode> image) {
    }

    /** An image the framework builds from a local folder (provider.ecr.images): its code and entry point. */
    private record ImageCode(Path base, Optional<String> handler) {
    }

    private IacResult compile(ObjectNode raw, Map<String, ObjectNode> functions) {
        Optional<ObjectNode> iam = Nodes.childObject(provider, "iam");
        Optional<Node> iamRole = iam.flatMap(i -> i.get("role"));
        // provider.iam.role given as a name, an ARN or an intrinsic is an existing role (merge-iam-templates.js).
        Optional<Node> providerRole = iamRole.filter(r -> r instanceof ScalarNode || isIntrinsic(r))
                .or(() -> provider.get("role"));
        Optional<ObjectNode> roleSettings = iamRole.flatMap(Nodes::object).filter(o -> !isIntrinsic(o));
        boolean plugin = plugins(raw).contains(PER_FUNCTION_PLUGIN);
        Optional<ObjectNode> pluginSettings = Nodes.childObject(raw, "custom")
                .flatMap(c -> c.get(PER_FUNCTION_PLUGIN)).flatMap(vars::resolve).flatMap(Nodes::object);

        List<Fn> fns = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : functions.entrySet()) {
            ObjectNode f = e.getValue();
            String fnName = f.get("name").map(n -> Variables.text(Optional.of(n)))
                    .orElse(service + "-" + stage + "-" + e.getKey());
            Optional<Node> ownRole = f.get("role");
            boolean perFunction = f.get("iamRoleStatements").isPresent();
            if (perFunction && !plugin) {
                add(InfraRules.SLS_SUSPICIOUS_SETTING, Severity.WARNING, "function '" + e.getKey() + "' has "
                        + "iamRoleStatements, which only the " + PER_FUNCTION_PLUGIN + " plugin reads, and plugins "
                        + "does not list it: the framework ignores these statements and the function gets the "
                        + "service role", f.get("iamRoleStatements").get().location());
                perFunction = false;
            }
            if (perFunction && ownRole.isPresent()) {
                add(InfraRules.SLS_SUSPICIOUS_SETTING, Severity.WARNING, "function '" + e.getKey() + "' sets both "
                        + "role and iamRoleStatements, which " + PER_FUNCTION_PLUGIN + " refuses; the role is used",
                        f.get("iamRoleStatements").get().location());
                perFunction = false;
            }
            Optional<ImageCode> image = f.get("image").isPresent() ? imageCode(e.getKey(), f) : Optional.empty();
            boolean python = f.get("image").isPresent() ? image.isPresent() : isPython(e.getKey(), f);
            fns.add(new Fn(e.getKey(), f, normalized(e.getKey()) + "LambdaFunction", fnName, python,
                    ownRole.or(() -> providerRole), perFunction && ownRole.isEmpty(), image));
        }
        boolean sharedRole = providerRole.isEmpty() && fns.stream().anyMatch(f -> f.role().isEmpty());

        List<ObjectNode.Field> resources = new ArrayList<>();
        SourceLocation pat = provider.location();
        resources.add(res("ServerlessDeploymentBucket", "AWS::S3::Bucket", pat));
        resources.add(res("ApiGatewayRestApi", "AWS::ApiGateway::RestApi", pat, "Name", str(stage + "-" + service,
                pat)));
        resources.add(res("WebsocketsApi", "AWS::ApiGatewayV2::Api", pat, "Name", str(stage + "-" + service
                + "-websockets", pat)));
        resources.add(res("HttpApi", "AWS::ApiGatewayV2::Api", pat, "Name", str(stage + "-" + service, pat)));
        if (plugins(raw).contains("serverless-plugin-bind-deployment-id")) {
            // The plugin replaces '__deployment__' (Ref, or a resource giving the deployment's own Properties) by
            // the logical id of the API Gateway deployment the framework generates, which carries a timestamp
            // (jacob-meacham/serverless-plugin-bind-deployment-id, README "Usage").
            resources.add(res("__deployment__", "AWS::ApiGateway::Deployment", pat));
        }
        if (sharedRole) {
            resources.add(sharedRoleResource(roleSettings, iam, fns));
        }
        for (Fn f : fns) {
            if (f.ownRole()) {
                resources.add(perFunctionRole(f, roleSettings, iam, pluginSettings));
            }
            SourceLocation at = f.node().location();
            resources.add(res(normalized(f.key()) + "LogGroup", "AWS::Logs::LogGroup", at, "LogGroupName",
                    str("/aws/lambda/" + f.functionName(), at)));
            resources.add(functionResource(f));
            resources.addAll(eventSourceMappings(f));
        }
        Map<String, Node> merged = new LinkedHashMap<>();
        for (ObjectNode.Field r : resources) {
            merged.put(r.key(), r.value());
        }
        userSection("Resources").ifPresent(ur -> ur.fields().forEach(f -> merged.merge(f.key(), f.value(),
                ServerlessReader::deepMerge)));
        List<ObjectNode.Field> resFields = new ArrayList<>();
        merged.forEach((k, v) -> resFields.add(new ObjectNode.Field(k, v.location(), v)));
        List<ObjectNode.Field> template = new ArrayList<>();
        template.add(new ObjectNode.Field("Resources", pat, ObjectNode.of(resFields, pat)));
        for (String section : List.of("Conditions", "Mappings", "Outputs")) {
            userSection(section).ifPresent(s -> template.add(new ObjectNode.Field(section, s.location(), s)));
        }
        ProjectOptions cfnOptions = options.withAccount(options.accountId().orElse(null),
                region.contains(U) ? null : region);
        IacResult cfn = CloudFormationReader.read(root, file, ObjectNode.of(template, raw.location()), cfnOptions,
                Map.of());
        findings.addAll(cfn.findings());

        Map<String, Fn> byTarget = new LinkedHashMap<>();
        fns.forEach(f -> byTarget.put("cfn:" + f.logicalId(), f));
        List<DeployTarget> targets = new ArrayList<>();
        for (DeployTarget t : cfn.targets()) {
            Fn f = byTarget.get(t.name());
            if (f == null) {
                targets.add(t); // a function of the resources section: a CloudFormation target of its own
                continue;
            }
            if (!f.python()) {
                continue;
            }
            targets.add(new DeployTarget("serverless:" + stage + ":" + f.key(), TargetKind.SERVERLESS,
                    t.principal(), Optional.of(stage), Optional.of(f.key()), t.identityPolicies(),
                    t.permissionBoundary(), t.environment(), f.image().isPresent()
                    ? List.of(DisplayPaths.rel(root, f.image().get().base())) : codeRoots(f),
                    f.image().isPresent() ? f.image().get().handler() : f.node().get("handler")
                    .flatMap(h -> entryPoint(Variables.text(Optional.of(h)))), options.accountId(), Optional.of(region)
                    .filter(r -> !r.contains(U)), Optional.of(partition), f.node().location()));
        }
        return new IacResult(targets, cfn.resourcePolicies(), findings).withDeclared(cfn);
    }

    private static boolean isIntrinsic(Node n) {
        if (n.tag().isPresent() && n.tag().get().startsWith("!") && !n.tag().get().startsWith("!!")) {
            return true;
        }
        return n instanceof ObjectNode o && o.fields().size() == 1 && (o.fields().get(0).key().startsWith("Fn::")
                || o.fields().get(0).key().equals("Ref"));
    }

    private List<String> plugins(ObjectNode raw) {
        List<String> out = new ArrayList<>();
        Optional<Node> p = raw.get("plugins").flatMap(vars::resolve);
        if (p.isPresent() && p.get() instanceof ObjectNode o) {
            p = o.get("modules");
        }
        p.flatMap(Nodes::array).ifPresent(a -> a.items().forEach(i -> Nodes.text(i).ifPresent(out::add)));
        return out;
    }

    /**
     * An image function is a Python target when the framework builds its image from a folder of the project
     * ({@code provider.ecr.images.<name>}: a path, or {@code {path, file}}) on a Python base image; the entry point
     * is {@code image.command}, else the Dockerfile's CMD. Otherwise it gets a note saying why it is not a target.
     */
    private Optional<ImageCode> imageCode(String key, ObjectNode f) {
        Node image = f.get("image").get();
        String imageName = image instanceof ObjectNode io ? Nodes.string(io, "name").orElse("")
                : Nodes.text(image).orElse("");
        Optional<Node> build = Nodes.childObject(provider, "ecr").flatMap(e -> Nodes.childObject(e, "images"))
                .flatMap(i -> i.get(imageName));
        Optional<String> path = build.flatMap(b -> b instanceof ObjectNode bo ? Nodes.string(bo, "path")
                : Nodes.text(b));
        if (path.isEmpty() || path.get().contains(U)) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "function '" + key + "' runs a container image that is "
                    + "not built from a folder of this project (provider.ecr.images); its code is in the image, "
                    + "which is not scanned, so it is not a deploy target", f.location());
            return Optional.empty();
        }
        Path base = serviceDir.resolve(path.get()).normalize();
        String dockerfile = build.flatMap(b -> b instanceof ObjectNode bo ? Nodes.string(bo, "file")
                : Optional.empty()).orElse("Dockerfile");
        List<String> lines;
        try {
            lines = new String(dev.iampreflight.core.InputFiles.readBytes(base.resolve(dockerfile), 1 << 20),
                    java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (java.io.IOException | RuntimeException e) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "function '" + key + "' runs an image built from '"
                    + DisplayPaths.rel(root, base) + "', whose " + dockerfile + " cannot be read, so its language is "
                    + "unknown and it is not a deploy target", f.location());
            return Optional.empty();
        }
        boolean python = lines.stream().map(String::trim).filter(l -> l.toUpperCase(Locale.ROOT).startsWith("FROM "))
                .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("python"));
        if (!python) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "function '" + key + "' runs an image built from '"
                    + DisplayPaths.rel(root, base) + "' on a base image that is not Python; only Python code is "
                    + "scanned, so it is not a deploy target", f.location());
            return Optional.empty();
        }
        Optional<String> handler = image instanceof ObjectNode io ? io.get("command").flatMap(Nodes::array)
                .filter(a -> !a.items().isEmpty()).flatMap(a -> Nodes.text(a.items().get(0))) : Optional.empty();
        if (handler.isEmpty()) {
            handler = dev.iampreflight.project.internal.Dockerfile.parse(lines).command();
        }
        return Optional.of(new ImageCode(base, handler));
    }

    /** Python functions are targets; other runtimes get a note saying why they are not. */
    private boolean isPython(String key, ObjectNode f) {
        Optional<String> runtime = f.get("runtime").or(() -> provider.get("runtime"))
                .map(n -> Variables.text(Optional.of(n)));
        if (runtime.isEmpty()) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "function '" + key + "' has no runtime (nor has the "
                    + "provider); the Serverless Framework then deploys it as Node.js, so it is not a Python deploy "
                    + "target", f.location());
            return false;
        }
        if (!runtime.get().toLowerCase(Locale.ROOT).startsWith("python")) {
            add(InfraRules.SLS_NOT_A_TARGET, Severity.NOTE, "function '" + key + "' runs on " + runtime.get()
                    + "; only Python code is scanned, so it is not a deploy target", f.location());
            return false;
        }
        Optional<Node> handler = f.get("handler");
        if (handler.isEmpty()) {
            add(ReservedRules.BAD_SHAPE, Severity.ERROR, "function '" + key + "' needs a handler "
                    + "(path/to/module.function) or an image", f.location());
            return true;
        }
        String h = entryPoint(Variables.text(handler)).orElseThrow();
        int dot = h.lastIndexOf('.');
        if (dot <= 0 || dot == h.length() - 1) {
            add(InfraRules.SLS_HANDLER_NOT_FOUND, Severity.WARNING, "handler '" + h + "' of function '" + key + "' "
                    + "must be written path/to/module.function", handler.get().location());
            return true;
        }
        if (!h.contains(U)) {
            Path base = codeBase(f);
            // The Python runtime imports the module part with '/' read as '.', so both separate packages.
            String module = h.substring(0, dot).replace('.', '/');
            if (!Files.isRegularFile(base.resolve(module + ".py"))
                    && !Files.isRegularFile(base.resolve(module).resolve("__init__.py"))) {
                add(InfraRules.SLS_HANDLER_NOT_FOUND, Severity.WARNING, "handler '" + h + "' of function '" + key
                        + "' names module '" + DisplayPaths.rel(root, base.resolve(module + ".py")) + "', which does "
                        + "not exist: Lambda would fail with Runtime.ImportModuleError", handler.get().location());
            }
        }
        return true;
    }

    /**
     * Where a function's code is: the service directory, or the folder named by {@code module} (the
     * serverless-python-requirements layout), or {@code custom.functionsBasePath} of the serverless-functions-base-path
     * plugin, or a {@code package.artifact} that is a directory.
     */
    private Path codeBase(ObjectNode f) {
        Optional<String> module = f.get("module").flatMap(Nodes::text);
        if (module.isPresent() && !module.get().contains(U)) {
            return serviceDir.resolve(module.get()).normalize();
        }
        return functionsBasePath.map(b -> serviceDir.resolve(b).normalize()).orElse(serviceDir);
    }

    private List<String> codeRoots(Fn f) {
        List<String> patterns = new ArrayList<>();
        Optional<ObjectNode> servicePackage = topPackage;
        servicePackage.ifPresent(p -> patterns.addAll(patterns(p)));
        Nodes.childObject(f.node(), "package").ifPresent(p -> patterns.addAll(patterns(p)));
        Path base = codeBase(f.node());
        Optional<String> artifact = Nodes.childObject(f.node(), "package").flatMap(p -> Nodes.string(p, "artifact"))
                .or(() -> servicePackage.flatMap(p -> Nodes.string(p, "artifact")));
        if (artifact.isPresent() && Files.isDirectory(serviceDir.resolve(artifact.get()))) {
            base = serviceDir.resolve(artifact.get()).normalize();
        } else if (artifact.isPresent()) {
            // A prebuilt archive (often built by a script, absent from the repository) is deployed as it is: the
            // service directory is not its code. The check finds the code by the handler's module, if anywhere.
            return List.of();
        }
        if (!base.startsWith(root)) {
            return List.of();
        }
        return PackagePatterns.codeRoots(root, base, patterns,
                dev.iampreflight.project.SkippedDirectories.NAMES);
    }

    private Optional<ObjectNode> topPackage = Optional.empty();
    private Optional<String> functionsBasePath = Optional.empty();
    /** The WSGI app of the serverless-wsgi plugin ({@code custom.wsgi.app}), when the service uses the plugin. */
    private Optional<String> wsgiApp = Optional.empty();

    /** The handlers the serverless-wsgi plugin generates (wsgi.handler before its 1.x releases). */
    private static final Set<String> WSGI_HANDLERS = Set.of("wsgi_handler.handler", "wsgi.handler");

    /** The entry point of a function: its handler, or the WSGI app behind serverless-wsgi's generated handler. */
    private Optional<String> entryPoint(String handler) {
        return WSGI_HANDLERS.contains(handler) && wsgiApp.isPresent() ? wsgiApp : Optional.of(handler);
    }

    /** {@code exclude} (as {@code !glob}), then {@code include}, then {@code patterns}, in the framework's order. */
    private static List<String> patterns(ObjectNode pkg) {
        List<String> out = new ArrayList<>();
        // In the old exclude list a '!' entry takes files back in (exclude: ['**', '!src/**']).
        strings(pkg.get("exclude")).forEach(s -> out.add(s.startsWith("!") ? s.substring(1) : "!" + s));
        out.addAll(strings(pkg.get("include")));
        out.addAll(strings(pkg.get("patterns")));
        return out;
    }

    private static List<String> strings(Optional<Node> n) {
        List<String> out = new ArrayList<>();
        n.flatMap(Nodes::array).ifPresent(a -> a.items().forEach(i -> Nodes.text(i).ifPresent(out::add)));
        return out;
    }

    // ---- the generated template ----------------------------------------------------------------------------------

    private ObjectNode.Field sharedRoleResource(Optional<ObjectNode> roleSettings, Optional<ObjectNode> iam,
                                                List<Fn> fns) {
        SourceLocation at = roleSettings.map(ObjectNode::location).orElse(provider.location());
        List<Node> statements = new ArrayList<>();
        // merge-iam-templates.js: canonically named functions share one log-group prefix, others get their own.
        List<Node> create = new ArrayList<>();
        List<Node> put = new ArrayList<>();
        String prefix = "/aws/lambda/" + service + "-" + stage;
        boolean canonical = false;
        for (Fn f : fns) {
            if (f.role().isPresent() || f.node().get("disableLogs").flatMap(Nodes::text)
                    .map("true"::equals).orElse(false)) {
                continue;
            }
            if (f.functionName().startsWith(service + "-" + stage)) {
                canonical = true;
            } else {
                create.add(str(logArn("/aws/lambda/" + f.functionName() + ":*"), at));
                put.add(str(logArn("/aws/lambda/" + f.functionName() + ":*:*"), at));
            }
        }
        if (canonical) {
            create.add(0, str(logArn(prefix + "*:*"), at));
            put.add(0, str(logArn(prefix + "*:*:*"), at));
        }
        if (!create.isEmpty()) {
            statements.add(statement(at, List.of("logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"),
                    create));
            statements.add(statement(at, List.of("logs:PutLogEvents"), put));
        }
        Optional<Node> userStatements = roleSettings.flatMap(r -> r.get("statements"))
                .or(() -> provider.get("iamRoleStatements"));
        userStatements.ifPresent(s -> statements.addAll(statementList(s)));
        for (Fn f : fns) {
            statements.addAll(eventStatements(f, true));
        }
        if (fns.stream().anyMatch(f -> tracing(f.node()))) {
            // compile/functions.js adds X-Ray for traced functions.
            statements.add(statement(at, List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                    List.of(str("*", at))));
        }
        List<Node> managed = new ArrayList<>();
        roleSettings.flatMap(r -> r.get("managedPolicies")).or(() -> provider.get("iamManagedPolicies"))
                .ifPresent(m -> managed.addAll(list(m, "managedPolicies")));
        if (provider.get("vpc").isPresent() || fns.stream().anyMatch(f -> f.node().get("vpc").isPresent())) {
            managed.add(str("arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
                    at));
        }
        Optional<Node> boundary = roleSettings.flatMap(r -> r.get("permissionsBoundary"))
                .or(() -> roleSettings.flatMap(r -> r.get("permissionBoundary")))
                .or(() -> provider.get("rolePermissionsBoundary"));
        String roleName = roleSettings.flatMap(r -> r.get("name")).map(n -> Variables.text(Optional.of(n)))
                .orElse(service + "-" + stage + "-" + region + "-lambdaRole");
        SourceLocation policyAt = userStatements.map(Node::location).orElse(at);
        return roleResource(SHARED_ROLE, roleName, roleSettings.flatMap(r -> Nodes.string(r, "path")).orElse("/"),
                stage + "-" + service + "-lambda", statements, managed, boundary, at, policyAt);
    }

    /** The role serverless-iam-roles-per-function makes for a function with its own iamRoleStatements. */
    private ObjectNode.Field perFunctionRole(Fn f, Optional<ObjectNode> roleSettings, Optional<ObjectNode> iam,
                                             Optional<ObjectNode> pluginSettings) {
        ObjectNode n = f.node();
        SourceLocation at = n.get("iamRoleStatements").map(Node::location).orElse(n.location());
        List<Node> statements = new ArrayList<>();
        statements.add(statement(at, List.of("logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutLogEvents"),
                List.of(str(logArn("/aws/lambda/" + f.functionName() + ":*:*"), at))));
        statements.addAll(eventStatements(f, false));
        boolean inherit = n.get("iamRoleStatementsInherit").flatMap(Nodes::text).map("true"::equals)
                .orElseGet(() -> pluginSettings.flatMap(p -> Nodes.string(p, "defaultInherit")).map("true"::equals)
                        .orElse(false) && !n.get("iamRoleStatementsInherit").flatMap(Nodes::text)
                        .map("false"::equals).orElse(false));
        if (inherit) {
            // The plugin inherits provider.iam.role.statements when provider.iam exists, else iamRoleStatements.
            Optional<Node> providerStatements = iam.isPresent() ? roleSettings.flatMap(r -> r.get("statements"))
                    : provider.get("iamRoleStatements");
            providerStatements.ifPresent(s -> statements.addAll(statementList(s)));
        }
        n.get("iamRoleStatements").ifPresent(s -> statements.addAll(statementList(s)));
        List<Node> managed = new ArrayList<>(); // the plugin drops the provider's managed policies
        if (provider.get("vpc").isPresent() || n.get("vpc").isPresent()) {
            managed.add(str("arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
                    at));
        }
        Optional<Node> boundary = n.get("iamPermissionsBoundary")
                .or(() -> pluginSettings.flatMap(p -> p.get("iamGlobalPermissionsBoundary")));
        String roleName = n.get("iamRoleStatementsName").map(x -> Variables.text(Optional.of(x))).orElseGet(() -> {
            String full = service + "-" + stage + "-" + f.key() + "-" + region + "-lambdaRole";
            return full.length() > 64 ? full.substring(0, full.length() - "-lambdaRole".length()) : full;
        });
        return roleResource(normalized(f.key()) + SHARED_ROLE, roleName, "/", stage + "-" + service + "-lambda",
                statements, managed, boundary, at, at);
    }

    private ObjectNode.Field roleResource(String id, String roleName, String path, String policyName,
                                          List<Node> statements, List<Node> managed, Optional<Node> boundary,
                                          SourceLocation at, SourceLocation policyAt) {
        List<ObjectNode.Field> props = new ArrayList<>();
        props.add(field("RoleName", str(roleName, at)));
        props.add(field("Path", str(path, at)));
        ObjectNode doc = obj(policyAt, field("Version", str("2012-10-17", policyAt)),
                field("Statement", ArrayNode.of(statements, policyAt)));
        if (!statements.isEmpty()) {
            props.add(field("Policies", ArrayNode.of(List.of(obj(policyAt, field("PolicyName", str(policyName,
                    policyAt)), field("PolicyDocument", doc))), policyAt)));
        }
        if (!managed.isEmpty()) {
            props.add(field("ManagedPolicyArns", ArrayNode.of(managed, at)));
        }
        boundary.ifPresent(b -> props.add(field("PermissionsBoundary", b)));
        return new ObjectNode.Field(id, at, obj(at, field("Type", str("AWS::IAM::Role", at)),
                field("Properties", ObjectNode.of(props, at))));
    }

    /**
     * Statements event sources add: stream.js (DynamoDB and Kinesis streams, with or without a consumer), sqs.js,
     * and for the framework's role also an onError SNS topic; {@code framework} picks the framework's actions,
     * otherwise the per-function plugin's.
     */
    private List<Node> eventStatements(Fn f, boolean framework) {
        List<Node> out = new ArrayList<>();
        List<Node> dynamo = new ArrayList<>();
        List<Node> kinesis = new ArrayList<>();
        List<Node> kinesisConsumer = new ArrayList<>();
        List<Node> sqs = new ArrayList<>();
        SourceLocation at = f.node().location();
        Optional<ArrayNode> events = f.node().get("events").flatMap(Nodes::array);
        for (Node e : events.map(ArrayNode::items).orElse(List.of())) {
            if (!(e instanceof ObjectNode eo)) {
                continue;
            }
            eo.get("stream").ifPresent(s -> {
                Node arn = s instanceof ObjectNode so && so.get("arn").isPresent() ? so.get("arn").get() : s;
                String type = s instanceof ObjectNode so ? Nodes.string(so, "type").orElse(arnService(arn))
                        : arnService(arn);
                boolean consumer = s instanceof ObjectNode so && so.get("consumer").isPresent();
                if (type.equals("dynamodb")) {
                    dynamo.add(arn);
                } else if (framework && consumer) {
                    kinesisConsumer.add(arn);
                } else {
                    kinesis.add(arn);
                }
            });
            eo.get("sqs").ifPresent(s -> sqs.add(s instanceof ObjectNode so && so.get("arn").isPresent()
                    ? so.get("arn").get() : s));
        }
        if (!dynamo.isEmpty()) {
            out.add(statement(at, List.of("dynamodb:GetRecords", "dynamodb:GetShardIterator",
                    "dynamodb:DescribeStream", "dynamodb:ListStreams"), dynamo));
        }
        if (!kinesis.isEmpty()) {
            out.add(statement(at, List.of("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                    "kinesis:ListStreams"), kinesis));
        }
        if (!kinesisConsumer.isEmpty()) {
            out.add(statement(at, List.of("kinesis:GetRecords", "kinesis:GetShardIterator",
                    "kinesis:DescribeStreamSummary", "kinesis:ListShards"), kinesisConsumer));
        }
        if (!sqs.isEmpty()) {
            out.add(statement(at, List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), sqs));
        }
        f.node().get("onError").filter(o -> o instanceof ScalarNode).ifPresent(o -> out.add(statement(at,
                List.of("sns:Publish"), List.of(o))));
        return out;
    }

    /**
     * The {@code AWS::Lambda::EventSourceMapping} the framework compiles for each {@code sqs} and {@code stream}
     * event (compile/events/sqs.js, stream.js), so that the CloudFormation reader requires of the function's role
     * what Lambda needs to poll the source (the framework's own role grants it; a custom role may not).
     */
    private List<ObjectNode.Field> eventSourceMappings(Fn f) {
        List<ObjectNode.Field> out = new ArrayList<>();
        int i = 0;
        for (Node e : f.node().get("events").flatMap(Nodes::array).map(ArrayNode::items).orElse(List.of())) {
            if (!(e instanceof ObjectNode eo)) {
                continue;
            }
            for (String kind : List.of("sqs", "stream")) {
                Optional<Node> ev = eo.get(kind);
                if (ev.isEmpty()) {
                    continue;
                }
                Node s = ev.get();
                Node arn = s instanceof ObjectNode so && so.get("arn").isPresent() ? so.get("arn").get() : s;
                SourceLocation at = arn.location();
                out.add(new ObjectNode.Field(f.logicalId() + "EventSourceMapping" + (++i), at, obj(at,
                        field("Type", str("AWS::Lambda::EventSourceMapping", at)),
                        field("Properties", obj(at, field("FunctionName", getAtt(f.logicalId(), at)),
                                field("EventSourceArn", arn))))));
            }
        }
        return out;
    }

    private static String arnService(Node arn) {
        String s = Nodes.text(arn).orElse("");
        String[] parts = s.split(":");
        return parts.length > 2 ? parts[2] : "";
    }

    private boolean tracing(ObjectNode f) {
        Optional<Node> t = f.get("tracing").or(() -> Nodes.childObject(provider, "tracing")
                .flatMap(p -> p.get("lambda")));
        return t.flatMap(Nodes::text).map(x -> !x.equals("false") && !x.equals("PassThrough")).orElse(false);
    }

    /** A list of statements as written; anything else is reported and contributes nothing. */
    private List<Node> statementList(Node n) {
        if (n instanceof ArrayNode a) {
            return a.items();
        }
        if (Nodes.isNull(n) || n instanceof ScalarNode s && (s.text().isEmpty() || s.text().contains(U))) {
            return List.of(); // nothing written, or unknown (a finding already says why)
        }
        add(ReservedRules.BAD_SHAPE, Severity.ERROR, "IAM role statements must be a list of statements (each with "
                + "Effect, Action and Resource), not " + n.kindName(), n.location());
        return List.of();
    }

    private List<Node> list(Node n, String what) {
        if (n instanceof ArrayNode a) {
            return a.items();
        }
        if (Nodes.isNull(n) || n instanceof ScalarNode s && (s.text().isEmpty() || s.text().contains(U))) {
            return List.of();
        }
        add(ReservedRules.BAD_SHAPE, Severity.ERROR, what + " must be a list of policy ARNs, not " + n.kindName(),
                n.location());
        return List.of();
    }

    private ObjectNode.Field functionResource(Fn f) {
        ObjectNode n = f.node();
        SourceLocation at = n.location();
        List<ObjectNode.Field> props = new ArrayList<>();
        props.add(field("FunctionName", str(f.functionName(), at)));
        n.get("handler").ifPresent(h -> props.add(field("Handler", h)));
        Node role;
        if (f.ownRole()) {
            role = getAtt(normalized(f.key()) + SHARED_ROLE, at);
        } else if (f.role().isPresent()) {
            role = roleReference(f.role().get());
        } else {
            role = getAtt(SHARED_ROLE, at);
        }
        props.add(field("Role", role));
        Map<String, ObjectNode.Field> env = new LinkedHashMap<>();
        for (Optional<Node> level : List.of(provider.get("environment"), n.get("environment"))) {
            level.flatMap(Nodes::object).ifPresent(o -> o.fields().forEach(v -> env.put(v.key(), v)));
            level.filter(l -> !(l instanceof ObjectNode) && !Nodes.isNull(l)
                    && !(l instanceof ScalarNode s && (s.text().isEmpty() || s.text().contains(U)))).ifPresent(l -> add(
                    ReservedRules.BAD_SHAPE, Severity.ERROR, "environment must map variable names to values, not "
                            + l.kindName(), l.location()));
        }
        if (!env.isEmpty()) {
            props.add(field("Environment", obj(at, field("Variables", ObjectNode.of(new ArrayList<>(env.values()),
                    at)))));
        }
        // functions.X.kmsKeyArn, else provider.kmsKeyArn: the key of the function's environment.
        n.get("kmsKeyArn").or(() -> provider.get("kmsKeyArn")).filter(k -> !Nodes.isNull(k))
                .ifPresent(k -> props.add(field("KmsKeyArn", k)));
        return new ObjectNode.Field(f.logicalId(), at, obj(at, field("Type", str("AWS::Lambda::Function", at)),
                field("Properties", ObjectNode.of(props, at))));
    }

    /**
     * compile/functions.js compileRole: an ARN is used as is, an intrinsic too, and any other string is the logical
     * id of a role in resources. A name that is not one is most likely an existing role's name: the policy lives in
     * AWS, and the deploy would fail, which is said.
     */
    private Node roleReference(Node role) {
        if (!(role instanceof ScalarNode s) || !s.isString()) {
            return role;
        }
        String v = s.text();
        if (v.startsWith("arn:") || v.contains(U)) {
            return role;
        }
        boolean declared = userSection("Resources").flatMap(r -> r.get(v)).isPresent();
        if (declared) {
            return getAtt(v, s.location());
        }
        add(InfraRules.SLS_SUSPICIOUS_SETTING, Severity.WARNING, "role '" + v + "' is not a role of resources."
                + "Resources; the Serverless Framework reads a role that is not an ARN as the logical id of one, so "
                + "the deploy would fail. Taken as an existing role named '" + v + "': write its ARN "
                + "(arn:" + partition + ":iam::ACCOUNT:role/" + v + ")", s.location());
        return str("arn:" + partition + ":iam::" + account + ":role/" + v, s.location());
    }

    // ---- small builders ------------------------------------------------------------------------------------------

    private String logArn(String logGroupAndSuffix) {
        return "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:" + logGroupAndSuffix;
    }

    private static ObjectNode statement(SourceLocation at, List<String> actions, List<Node> resources) {
        List<Node> acts = new ArrayList<>();
        actions.forEach(a -> acts.add(str(a, at)));
        return obj(at, field("Effect", str("Allow", at)), field("Action", ArrayNode.of(acts, at)),
                field("Resource", ArrayNode.of(resources, at)));
    }

    private static ObjectNode getAtt(String id, SourceLocation at) {
        return obj(at, field("Fn::GetAtt", ArrayNode.of(List.of(str(id, at), str("Arn", at)), at)));
    }

    private static ObjectNode.Field res(String id, String type, SourceLocation at) {
        return new ObjectNode.Field(id, at, obj(at, field("Type", str(type, at))));
    }

    private static ObjectNode.Field res(String id, String type, SourceLocation at, String prop, Node value) {
        return new ObjectNode.Field(id, at, obj(at, field("Type", str(type, at)),
                field("Properties", obj(at, field(prop, value)))));
    }

    private static ScalarNode str(String s, SourceLocation at) {
        return ScalarNode.string(s, at);
    }

    private static ObjectNode.Field field(String key, Node value) {
        return new ObjectNode.Field(key, value.location(), value);
    }

    private static ObjectNode obj(SourceLocation at, ObjectNode.Field... fields) {
        return ObjectNode.of(List.of(fields), at);
    }

    /** A resource the file declares over one the framework generates: objects merge, other values replace. */
    private static Node deepMerge(Node generated, Node user) {
        if (generated instanceof ObjectNode g && user instanceof ObjectNode u && !isIntrinsic(u)) {
            Map<String, ObjectNode.Field> out = new LinkedHashMap<>();
            g.fields().forEach(f -> out.put(f.key(), f));
            for (ObjectNode.Field f : u.fields()) {
                ObjectNode.Field prev = out.get(f.key());
                out.put(f.key(), prev == null ? f : new ObjectNode.Field(f.key(), f.keyLocation(),
                        deepMerge(prev.value(), f.value())));
            }
            return new ObjectNode(new ArrayList<>(out.values()), List.of(), u.location(), u.tag());
        }
        return user;
    }

    /** naming.getNormalizedFunctionName: '-' becomes Dash, '_' becomes Underscore, the first letter upper case. */
    static String normalized(String functionKey) {
        String s = functionKey.replace("-", "Dash").replace("_", "Underscore");
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

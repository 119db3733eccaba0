package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registry modules that iam-preflight models from their documented inputs, so that a call to one is checked without
 * {@code terraform init}. Each model is data ({@code modules/*.json} beside this class's package in the resources,
 * listed in {@code modules/index.txt}) that says, citing the module's documentation: the sources it answers to, its
 * inputs' defaults, the function and role it creates and under which inputs, the policies each {@code attach_*} input
 * adds, and what its outputs are. A second module is added by writing its JSON file.
 */
public final class ModuleModels {

    private static final String BASE = "/dev/iampreflight/iac/terraform/modules/";
    private static final String PACKAGE_TAG = "!package:";
    private static volatile List<Model> models;

    private ModuleModels() {
    }

    /** One model: its name, the version it was checked against, and its JSON description. */
    public record Model(String name, String checkedAgainst, List<String> sources, ObjectNode spec) {
    }

    static List<Model> all() {
        List<Model> m = models;
        if (m == null) {
            m = load();
            models = m;
        }
        return m;
    }

    private static List<Model> load() {
        List<Model> out = new ArrayList<>();
        for (String file : resource("index.txt").orElse("").split("\n")) {
            String f = file.strip();
            if (f.isEmpty() || f.startsWith("#")) {
                continue;
            }
            Optional<String> text = resource(f);
            if (text.isEmpty()) {
                throw new IllegalStateException("module model " + f + " is listed but not bundled");
            }
            ObjectNode spec = (ObjectNode) TreeReader.parse(text.get(), f, TreeReader.Format.JSON).root()
                    .orElseThrow(() -> new IllegalStateException("module model " + f + " is not valid JSON"));
            List<String> sources = new ArrayList<>();
            spec.get("sources").ifPresent(s -> Values.items(s).forEach(x -> sources.add(Values.text(x))));
            out.add(new Model(Nodes.string(spec, "name").orElse(f), Nodes.string(spec, "checkedAgainst").orElse("?"),
                    sources, spec));
        }
        return List.copyOf(out);
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = ModuleModels.class.getResourceAsStream(BASE + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The model of a module source: a registry address ({@code NS/NAME/PROVIDER}, with an optional registry host) or
     * a git/GitHub URL of the module's repository; a sub-module ({@code //modules/x}) is another module.
     */
    public static Optional<Model> match(String source) {
        String s = source.strip();
        if (s.contains("//") && s.indexOf("//") != s.indexOf("://")) {
            int q = s.indexOf('?');
            String path = q < 0 ? s : s.substring(0, q);
            String afterScheme = path.contains("://") ? path.substring(path.indexOf("://") + 3) : path;
            if (afterScheme.contains("//")) {
                return Optional.empty();
            }
        }
        String bare = s.replaceFirst("\\?.*$", "").replaceFirst("\\.git$", "").replaceFirst("^registry\\.terraform\\.io/",
                "").replaceFirst("^git::", "").replaceFirst("^https://", "").replaceFirst("^ssh://", "");
        for (Model m : all()) {
            for (String src : m.sources()) {
                String b = src.replaceFirst("^git::", "").replaceFirst("^https://", "");
                if (bare.equals(b) || bare.equals("git@" + b.replaceFirst("/", ":"))) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** The version a module call asks for: its {@code version} argument, else a git source's {@code ?ref=}. */
    static String version(Instance caller, Block call) {
        Optional<String> v = call.body().attribute("version").flatMap(a -> Values.knownText(caller.eval(a.value())));
        if (v.isPresent()) {
            return v.get();
        }
        String source = call.body().attribute("source").map(a -> Values.text(caller.eval(a.value()))).orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]ref=([^&]+)").matcher(source);
        return m.find() ? m.group(1) : "any version";
    }

    /**
     * One call of a modelled module: what it creates as resources the extractor reads like any other, its outputs,
     * and the code its function runs.
     */
    public static final class Call {
        private final Instance caller;
        private final String name;
        private final Block block;
        private final Model model;
        private final String prefix;
        private final Map<String, Call> registry;
        private final Map<String, Node> inputs = new LinkedHashMap<>();

        public Call(Instance caller, String name, Block block, Model model, Map<String, Call> registry) {
            this.caller = caller;
            this.name = name;
            this.block = block;
            this.model = model;
            this.prefix = caller.prefix() + "module." + name + ".";
            this.registry = registry;
            registry.put(prefix, this);
        }

        public String prefix() {
            return prefix;
        }

        public Model model() {
            return model;
        }

        private ObjectNode spec(String key) {
            return model.spec().get(key).flatMap(Nodes::object).orElse(ObjectNode.of(List.of(), block.location()));
        }

        private String specText(ObjectNode o, String key) {
            return Nodes.string(o, key).orElse("");
        }

        /** An input's value: the call's argument evaluated in the caller, else the documented default. */
        Node input(String n) {
            Node cached = inputs.get(n);
            if (cached != null) {
                return cached;
            }
            Optional<Hcl.Attribute> a = block.body().attribute(n);
            Node v;
            if (a.isPresent()) {
                v = caller.eval(a.get().value());
            } else {
                v = spec("defaults").get(n).map(d -> relocate(d, block.location()))
                        .orElse(Values.nullValue(block.location()));
            }
            inputs.put(n, v);
            return v;
        }

        private SourceLocation where(String input) {
            return block.body().attribute(input).map(Hcl.Attribute::location).orElse(block.location());
        }

        private List<String> refs(String input) {
            return block.body().attribute(input).map(a -> HclRes.refsOf(caller, a.value())).orElse(List.of());
        }

        private static boolean isNull(Node n) {
            return n instanceof ScalarNode s && !Values.isUnknown(s) && s.isNull();
        }

        /** An input read as a condition: unknown counts as true (what it enables is then read as present). */
        private boolean holds(String input) {
            boolean negate = input.startsWith("!");
            Node v = input(negate ? input.substring(1) : input);
            boolean value = !(v instanceof ScalarNode s && !Values.isUnknown(s)
                    && (s.isNull() || s.text().equals("false")));
            return negate != value;
        }

        private boolean when(ObjectNode o) {
            for (Node c : o.get("when").map(Values::items).orElse(List.of())) {
                if (!holds(Values.text(c))) {
                    return false;
                }
            }
            return true;
        }

        private String text(String input) {
            return Values.text(input(input));
        }

        private Optional<String> functionName() {
            String n = text(specText(spec("function"), "name"));
            return n.isEmpty() ? Optional.empty() : Optional.of(n);
        }

        boolean createsFunction() {
            return when(spec("function"));
        }

        boolean createsRole() {
            return when(spec("role"));
        }

        private String roleName() {
            for (Node n : spec("role").get("name").map(Values::items).orElse(List.of())) {
                Node v = input(Values.text(n));
                if (!isNull(v) && !Values.text(v).isEmpty()) {
                    return Values.text(v);
                }
            }
            return SymbolicValue.UNKNOWN;
        }

        private String roleArn() {
            Instance.Context ctx = caller.context();
            String path = text(specText(spec("role"), "path"));
            path = path.isEmpty() ? "/" : path;
            return "arn:" + ctx.partition() + ":iam::" + ctx.account().orElse(SymbolicValue.UNKNOWN) + ":role"
                    + path + roleName();
        }

        private String functionArn() {
            Instance.Context ctx = caller.context();
            return "arn:" + ctx.partition() + ":lambda:" + ctx.region().orElse(SymbolicValue.UNKNOWN) + ":"
                    + ctx.account().orElse(SymbolicValue.UNKNOWN) + ":function:"
                    + functionName().orElse(SymbolicValue.UNKNOWN);
        }

        /** A module output, as far as the model knows it. */
        Node output(String out, SourceLocation at) {
            String kind = spec("outputs").get(out).map(Values::text).orElse("unknown");
            return switch (kind) {
                case "functionArn" -> createsFunction() ? Values.string(functionArn(), at) : Values.string("", at);
                case "functionName" -> createsFunction() ? Values.string(functionName()
                        .orElse(SymbolicValue.UNKNOWN), at) : Values.string("", at);
                case "roleArn" -> createsRole() ? Values.string(roleArn(), at) : Values.string("", at);
                case "roleName" -> createsRole() ? Values.string(roleName(), at) : Values.string("", at);
                case "s3Object" -> ObjectNode.of(List.of(
                        new ObjectNode.Field("bucket", at, input("s3_bucket")),
                        new ObjectNode.Field("key", at, packageToken(at))), at);
                case "package" -> packageToken(at);
                default -> Values.unknown(at);
            };
        }

        /** A value standing for the package this call builds: unknown text, tagged so a consumer can find it. */
        private Node packageToken(SourceLocation at) {
            return new ScalarNode(ScalarNode.Kind.STRING, SymbolicValue.UNKNOWN, at, Optional.of(PACKAGE_TAG + prefix));
        }

        /** The resources this call creates, in the shapes the extractor reads. */
        public List<Res> resources() {
            List<Res> out = new ArrayList<>();
            SourceLocation at = block.location();
            Instance.Context ctx = caller.context();
            ctx.report(new Finding(InfraRules.TF_MODELLED_MODULE, Severity.NOTE, "module '" + name + "' ("
                    + model.name() + ", " + version(caller, block) + ") is read from iam-preflight's model of the "
                    + "module's documented inputs (checked against " + model.checkedAgainst() + "), not from its "
                    + "source", at));
            boolean role = createsRole();
            String roleAddress = prefix + specText(spec("role"), "address");
            if (role) {
                ModelRes r = new ModelRes(this, specText(spec("role"), "address"), "aws_iam_role", at);
                r.set("name", Values.string(roleName(), at), List.of());
                r.set("arn", Values.string(roleArn(), at), List.of());
                String boundary = specText(spec("role"), "boundary");
                if (!boundary.isEmpty() && !isNull(input(boundary))) {
                    r.set("permissions_boundary", input(boundary), refs(boundary));
                }
                out.add(r);
                for (Node p : model.spec().get("policies").map(Values::items).orElse(List.of())) {
                    if (p instanceof ObjectNode po && when(po)) {
                        policies(po, roleAddress, out);
                    }
                }
            }
            if (createsFunction()) {
                ObjectNode fn = spec("function");
                ModelRes f = new ModelRes(this, specText(fn, "address"), "aws_lambda_function", at);
                if (role) {
                    f.set("role", Values.string(roleArn(), at), List.of(roleAddress));
                } else {
                    String existing = specText(fn, "existingRole");
                    f.set("role", input(existing), refs(existing));
                }
                f.set("function_name", Values.string(functionName().orElse(SymbolicValue.UNKNOWN), at), List.of());
                f.set("arn", Values.string(functionArn(), at), List.of());
                boolean zip = text(specText(fn, "packageType")).equals("Zip");
                if (zip && !isNull(input(specText(fn, "handler")))) {
                    f.set("handler", input(specText(fn, "handler")), List.of());
                }
                f.set("package_type", input(specText(fn, "packageType")), List.of());
                f.set("image_uri", input(specText(fn, "imageUri")), List.of());
                f.set("kms_key_arn", input(specText(fn, "kmsKeyArn")), refs(specText(fn, "kmsKeyArn")));
                Node env = input(specText(fn, "environment"));
                if (env instanceof ObjectNode || Values.isUnknown(env)) {
                    f.block("environment", List.of(ObjectNode.of(List.of(new ObjectNode.Field("variables",
                            where(specText(fn, "environment")), env)), at)));
                }
                out.add(f);
            }
            return out;
        }

        private void policies(ObjectNode p, String roleAddress, List<Res> out) {
            String address = specText(p, "address");
            String type = address.substring(0, address.indexOf('.'));
            SourceLocation at = block.location();
            Node roleName = Values.string(roleName(), at);
            if (p.get("awsManaged").isPresent()) {
                out.add(new ModelRes(this, address, "aws_iam_role_policy_attachment", at)
                        .set("role", roleName, List.of(roleAddress))
                        .set("policy_arn", Values.string("arn:" + caller.context().partition() + ":iam::aws:policy/"
                                + Nodes.string(p, "awsManaged").orElse(""), at), List.of()));
                return;
            }
            if (p.get("arn").isPresent() || p.get("arns").isPresent()) {
                boolean many = p.get("arns").isPresent();
                String input = specText(p, many ? "arns" : "arn");
                List<Node> arns = many ? limit(Values.items(input(input)), p) : List.of(input(input));
                Optional<Hcl.Expr> expr = block.body().attribute(input).map(Hcl.Attribute::value);
                for (int i = 0; i < arns.size(); i++) {
                    int k = i;
                    List<String> refs = many
                            ? expr.filter(e -> e instanceof Hcl.Tuple t && t.items().size() == arns.size())
                                    .map(e -> HclRes.refsOf(caller, ((Hcl.Tuple) e).items().get(k))).orElse(List.of())
                            : expr.map(e -> HclRes.refsOf(caller, e)).orElse(List.of());
                    out.add(new ModelRes(this, address + (many ? "[" + i + "]" : ""), "aws_iam_role_policy_attachment",
                            where(input)).set("role", roleName, List.of(roleAddress))
                            .set("policy_arn", arns.get(i), refs));
                }
                return;
            }
            List<Node> documents = new ArrayList<>();
            String input = "";
            if (p.get("json").isPresent()) {
                input = specText(p, "json");
                documents.add(input(input));
            } else if (p.get("jsons").isPresent()) {
                input = specText(p, "jsons");
                documents.addAll(limit(Values.items(input(input)), p));
            } else if (p.get("statementsInput").isPresent()) {
                input = specText(p, "statementsInput");
                documents.add(statementsDocument(input(input), where(input)));
            } else {
                documents.add(literalDocument(p, at));
            }
            for (int i = 0; i < documents.size(); i++) {
                String label = address + (documents.size() > 1 ? "[" + i + "]" : "");
                out.add(new ModelRes(this, label, type, input.isEmpty() ? at : where(input))
                        .set("role", roleName, List.of(roleAddress))
                        .set("name", Values.string(roleName() + "-" + address.substring(address.indexOf('.') + 1),
                                at), List.of())
                        .set("policy", documents.get(i), List.of()));
            }
        }

        /** The first {@code count} items, as the module creates one policy per index below its number_of_ input. */
        private List<Node> limit(List<Node> items, ObjectNode p) {
            String countInput = specText(p, "count");
            if (countInput.isEmpty()) {
                return items;
            }
            Node n = input(countInput);
            if (n instanceof ScalarNode s && !Values.isUnknown(s) && s.text().matches("\\d+")) {
                return items.subList(0, Math.min(items.size(), Integer.parseInt(s.text())));
            }
            return items;
        }

        /**
         * A policy written in the model: {@code ${logGroupArn}} is the function's log group, {@code ${var.X}} an
         * input; an action given as {@code {"value", "when"}} is there only when its inputs hold.
         */
        private Node literalDocument(ObjectNode p, SourceLocation at) {
            List<Node> statements = new ArrayList<>();
            for (Node st : p.get("statements").map(Values::items).orElse(List.of())) {
                List<ObjectNode.Field> fields = new ArrayList<>();
                for (ObjectNode.Field f : ((ObjectNode) st).fields()) {
                    List<Node> values = new ArrayList<>();
                    for (Node v : Values.items(f.value())) {
                        if (v instanceof ObjectNode cond) {
                            if (when(cond)) {
                                values.add(Values.string(Nodes.string(cond, "value").orElse(""), at));
                            }
                        } else {
                            values.add(substitute(Values.text(v), at));
                        }
                    }
                    Node value = f.value() instanceof ArrayNode ? ArrayNode.of(values, at) : values.get(0);
                    fields.add(new ObjectNode.Field(f.key(), at, value));
                }
                statements.add(ObjectNode.of(fields, at));
            }
            return ObjectNode.of(List.of(new ObjectNode.Field("Version", at, Values.string("2012-10-17", at)),
                    new ObjectNode.Field("Statement", at, ArrayNode.of(statements, at))), at);
        }

        private Node substitute(String template, SourceLocation at) {
            if (template.startsWith("${var.") && template.endsWith("}") && template.indexOf('}') == template.length()
                    - 1) {
                Node v = input(template.substring(6, template.length() - 1));
                return isNull(v) ? Values.unknown(at) : v;
            }
            Instance.Context ctx = caller.context();
            String logGroup = "arn:" + ctx.partition() + ":logs:" + ctx.region().orElse(SymbolicValue.UNKNOWN) + ":"
                    + ctx.account().orElse(SymbolicValue.UNKNOWN) + ":log-group:/aws/lambda/"
                    + functionName().orElse(SymbolicValue.UNKNOWN);
            return Values.string(template.replace("${logGroupArn}", logGroup), at);
        }

        /**
         * {@code policy_statements}: a map (or list) of objects with {@code effect}, {@code actions},
         * {@code not_actions}, {@code resources}, {@code not_resources} and {@code condition} ({@code test},
         * {@code variable}, {@code values}), as the module's README documents; a map key is the statement's Sid.
         */
        private Node statementsDocument(Node value, SourceLocation at) {
            if (Values.isUnknown(value)) {
                return value;
            }
            List<Map.Entry<String, Node>> entries = new ArrayList<>();
            if (value instanceof ObjectNode o) {
                o.fields().forEach(f -> entries.add(Map.entry(f.key(), f.value())));
            } else {
                Values.items(value).forEach(v -> entries.add(Map.entry("", v)));
            }
            List<Node> statements = new ArrayList<>();
            for (Map.Entry<String, Node> e : entries) {
                if (!(e.getValue() instanceof ObjectNode s)) {
                    return Values.unknown(at);
                }
                SourceLocation sat = s.location();
                List<ObjectNode.Field> f = new ArrayList<>();
                Optional<Node> sid = s.get("sid").filter(x -> !isNull(x));
                String key = e.getKey().replaceAll("[^0-9A-Za-z]", "");
                if (sid.isPresent()) {
                    f.add(new ObjectNode.Field("Sid", sat, sid.get()));
                } else if (!key.isEmpty()) {
                    f.add(new ObjectNode.Field("Sid", sat, Values.string(key, sat)));
                }
                f.add(new ObjectNode.Field("Effect", sat, s.get("effect").filter(x -> !isNull(x))
                        .orElse(Values.string("Allow", sat))));
                for (String[] k : new String[][]{{"actions", "Action"}, {"not_actions", "NotAction"},
                        {"resources", "Resource"}, {"not_resources", "NotResource"}}) {
                    s.get(k[0]).filter(x -> !isNull(x)).ifPresent(x -> f.add(new ObjectNode.Field(k[1],
                            x.location(), x)));
                }
                List<Node> conditions = s.get("condition").map(Values::items).orElse(List.of());
                if (!conditions.isEmpty()) {
                    Map<String, List<ObjectNode.Field>> byTest = new LinkedHashMap<>();
                    for (Node c : conditions) {
                        if (c instanceof ObjectNode co) {
                            byTest.computeIfAbsent(Nodes.string(co, "test").orElse(""), x -> new ArrayList<>())
                                    .add(new ObjectNode.Field(co.get("variable").map(Values::text).orElse(""),
                                            co.location(), co.get("values").orElse(ArrayNode.of(List.of(), sat))));
                        }
                    }
                    List<ObjectNode.Field> ops = new ArrayList<>();
                    byTest.forEach((t, keys) -> ops.add(new ObjectNode.Field(t, sat, ObjectNode.of(keys, sat))));
                    f.add(new ObjectNode.Field("Condition", sat, ObjectNode.of(ops, sat)));
                }
                statements.add(ObjectNode.of(f, sat));
            }
            return ObjectNode.of(List.of(new ObjectNode.Field("Version", at, Values.string("2012-10-17", at)),
                    new ObjectNode.Field("Statement", at, ArrayNode.of(statements, at))), at);
        }

        /**
         * The code the function runs, relative to the discovery root: {@code source_path} (a path, a list of paths,
         * or objects with {@code path} and {@code prefix_in_zip}; relative paths are from the directory Terraform
         * runs in, as the README says), else the package of another modelled call named by
         * {@code local_existing_package} / {@code s3_existing_package}; empty when not known.
         */
        public List<String> codeRoots(Packaging packaging) {
            ObjectNode fn = spec("function");
            if (!text(specText(fn, "packageType")).equals("Zip")) {
                return List.of();
            }
            Node local = input(specText(fn, "localPackage"));
            Node s3 = input(specText(fn, "s3Package"));
            if (!isNull(local)) {
                return fromPackage(local, packaging);
            }
            if (!isNull(s3)) {
                return s3 instanceof ObjectNode o ? o.get("key").map(k -> fromPackage(k, packaging))
                        .orElse(List.of()) : List.of();
            }
            if (!holds(specText(fn, "createPackage"))) {
                return List.of();
            }
            return sourcePath(packaging);
        }

        /** The instance whose module calls this one. */
        public Instance callerInstance() {
            return caller;
        }

        /**
         * The local archive the function deploys ({@code local_existing_package}) as the configuration names it,
         * when it is a known path and not the package of another modelled call.
         */
        public Optional<String> localPackage() {
            ObjectNode fn = spec("function");
            if (!text(specText(fn, "packageType")).equals("Zip")) {
                return Optional.empty();
            }
            Node local = input(specText(fn, "localPackage"));
            if (isNull(local) || local.tag().filter(t -> t.startsWith(PACKAGE_TAG)).isPresent()) {
                return Optional.empty();
            }
            return Values.knownText(local);
        }

        private List<String> fromPackage(Node value, Packaging packaging) {
            Optional<String> tag = value.tag().filter(t -> t.startsWith(PACKAGE_TAG));
            if (tag.isPresent()) {
                Call producer = registry.get(tag.get().substring(PACKAGE_TAG.length()));
                return producer == null || producer == this ? List.of() : producer.sourcePath(packaging);
            }
            Optional<String> path = Values.knownText(value);
            return path.map(p -> packaging.ofArchivePath(caller, p)).orElse(List.of());
        }

        List<String> sourcePath(Packaging packaging) {
            Node sp = input(specText(spec("function"), "sourcePath"));
            if (isNull(sp) || Values.isUnknown(sp)) {
                return List.of();
            }
            Path cwd = caller.context().cwd();
            Path root = caller.context().root();
            List<String> out = new ArrayList<>();
            for (Node item : Values.items(sp)) {
                String path;
                String prefixInZip = "";
                List<String> excluded = new ArrayList<>();
                if (item instanceof ObjectNode o) {
                    path = o.get("path").map(Values::text).orElse("");
                    prefixInZip = o.get("prefix_in_zip").filter(x -> !isNull(x)).map(Values::text).orElse("");
                    o.get("patterns").filter(x -> !isNull(x)).ifPresent(ps -> Values.items(ps)
                            .forEach(x -> excludedFolder(Values.text(x)).ifPresent(excluded::add)));
                } else {
                    path = Values.text(item);
                }
                if (path.isEmpty() || path.contains(SymbolicValue.UNKNOWN)) {
                    continue;
                }
                Path abs = cwd.resolve(path).normalize();
                if (Files.isRegularFile(abs) && !abs.getFileName().toString().endsWith(".py")) {
                    continue; // requirements.txt for pip_requirements, a package.json: not code of ours
                }
                // prefix_in_zip puts the folder under that prefix in the zip: when the folder's own path ends with
                // it (path = ../backend/src, prefix_in_zip = src), the zip's root is the folder above it.
                String prefixNorm = prefixInZip.replaceAll("^/+|/+$", "");
                if (!prefixNorm.isEmpty() && abs.endsWith(prefixNorm)) {
                    Path up = abs;
                    for (int i = 0; i < Path.of(prefixNorm).getNameCount(); i++) {
                        up = up.getParent();
                    }
                    abs = up;
                }
                if (Files.isDirectory(abs) && !excluded.isEmpty()) {
                    out.addAll(packaging.withoutExcluded(abs, excluded));
                } else if (Files.exists(abs)) {
                    out.add(DisplayPaths.rel(root, abs));
                }
            }
            return out;
        }
    }

    /**
     * The folder a {@code patterns} line of {@code source_path} leaves out of the package, when it is the plain form
     * {@code !DIR/.*} (or {@code !DIR/}, {@code !DIR}): the module reads each line as a Python regular expression
     * over the paths under {@code path}, {@code !} excluding what matches (terraform-aws-modules/lambda README,
     * "Combine various options for extreme flexibility"). Any other line is not followed: its files stay charged.
     */
    static Optional<String> excludedFolder(String pattern) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("!([A-Za-z0-9_\\-]+(?:/[A-Za-z0-9_\\-]+)*)/?(?:\\.\\*)?")
                .matcher(pattern.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A JSON default as a node located at the module call. */
    private static Node relocate(Node n, SourceLocation at) {
        if (n instanceof ObjectNode o) {
            List<ObjectNode.Field> fs = new ArrayList<>();
            o.fields().forEach(f -> fs.add(new ObjectNode.Field(f.key(), at, relocate(f.value(), at))));
            return ObjectNode.of(fs, at);
        }
        if (n instanceof ArrayNode a) {
            List<Node> items = new ArrayList<>();
            a.items().forEach(i -> items.add(relocate(i, at)));
            return ArrayNode.of(items, at);
        }
        ScalarNode s = (ScalarNode) n;
        return new ScalarNode(s.kind(), s.text(), at, Optional.empty());
    }
}

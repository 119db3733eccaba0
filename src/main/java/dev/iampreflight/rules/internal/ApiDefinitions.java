package dev.iampreflight.rules.internal;

import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.iac.terraform.internal.Hcl;
import dev.iampreflight.iac.terraform.internal.HclParser;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;
import dev.iampreflight.rules.ProjectFacts.ApiDefinition;
import dev.iampreflight.rules.ProjectFacts.Carrier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the OpenAPI/Swagger documents a directory hands to an API Gateway REST API, and how: a CloudFormation
 * {@code Body}, a SAM {@code DefinitionUri} file or inline {@code DefinitionBody}, a Terraform
 * {@code aws_api_gateway_rest_api.body} (HCL {@code jsonencode}, {@code file}/{@code templatefile}, a local or a
 * {@code template_file}, and the JSON strings {@code chalice package --pkg-format terraform} writes), or a standalone
 * file with {@code x-amazon-apigateway-} extensions. A file some carrier names is that carrier's, never standalone.
 * What cannot be known offline (an intrinsic function, a variable) is a tagged scalar or no document at all.
 */
final class ApiDefinitions {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final String UNKNOWN_TAG = "!Unknown";

    private final Path dir;
    private final List<ApiDefinition> found = new ArrayList<>();
    /** Absolute files a template or a Terraform body names: their carrier decides, not the standalone walk. */
    private final Set<Path> claimed = new HashSet<>();
    private final Map<Path, Node> standalone = new LinkedHashMap<>();

    ApiDefinitions(Path dir) {
        this.dir = dir;
    }

    List<ApiDefinition> result() {
        for (Map.Entry<Path, Node> e : standalone.entrySet()) {
            if (!claimed.contains(e.getKey())) {
                found.add(new ApiDefinition(e.getValue(), Carrier.STANDALONE, SourceLocation.of(rel(e.getKey())),
                        Optional.empty(), Set.of()));
            }
        }
        return found;
    }

    private String rel(Path p) {
        return DisplayPaths.rel(dir, p);
    }

    /** A YAML or JSON file: a template, an API definition, or neither. */
    void yamlOrJson(Path file) {
        String text;
        try {
            text = InputFiles.readUtf8(file, MAX_BYTES);
        } catch (IOException | RuntimeException e) {
            return;
        }
        boolean template = text.contains("AWS::ApiGateway::RestApi") || text.contains("AWS::Serverless::Api");
        boolean api = text.contains("x-amazon-apigateway-") && (text.contains("openapi") || text.contains("swagger"));
        if (!template && !api) {
            return;
        }
        Optional<Node> root = TreeReader.parse(text, rel(file), CloudFormationReader.formatOf(text)).root();
        if (root.isEmpty() || !(root.get() instanceof ObjectNode o)) {
            return;
        }
        Path abs = file.toAbsolutePath().normalize();
        if (CloudFormationReader.isTemplate(o)) {
            template(abs, o);
        } else if (api && isApiDocument(o)) {
            standalone.put(abs, o);
        }
    }

    static boolean isApiDocument(ObjectNode o) {
        return (o.field("openapi").isPresent() || o.field("swagger").isPresent()) && o.field("paths").isPresent();
    }

    private void template(Path file, ObjectNode t) {
        Optional<ObjectNode> resources = Nodes.childObject(t, "Resources");
        if (resources.isEmpty()) {
            return;
        }
        for (ObjectNode.Field r : resources.get().fields()) {
            Optional<ObjectNode> res = Nodes.object(r.value());
            String type = res.flatMap(o -> Nodes.string(o, "Type")).orElse("");
            Optional<ObjectNode> props = res.flatMap(o -> Nodes.childObject(o, "Properties"));
            if (props.isEmpty()) {
                continue;
            }
            SourceLocation at = r.keyLocation();
            if (type.equals("AWS::ApiGateway::RestApi")) {
                props.get().get("Body").ifPresent(b -> body(file, b, Carrier.CFN_BODY, at, Set.of()));
            } else if (type.equals("AWS::Serverless::Api")) {
                Optional<Node> body = props.get().get("DefinitionBody");
                if (body.isPresent()) {
                    body(file, body.get(), Carrier.SAM_DEFINITION_BODY, at, samSchemes(props.get()));
                }
                props.get().get("DefinitionUri").flatMap(Nodes::text).ifPresent(uri -> {
                    Optional<Path> local = localFile(file.getParent(), uri);
                    local.ifPresent(p -> fromFile(p, Carrier.SAM_DEFINITION_URI, at, Set.of()));
                });
            }
        }
    }

    /**
     * The scheme names SAM adds for an Api's {@code Auth}: its authorizers, AWS_IAM and api_key
     * (samtranslator/model/api/api_generator.py, _add_auth).
     */
    private static Set<String> samSchemes(ObjectNode props) {
        Set<String> out = new HashSet<>();
        Nodes.childObject(props, "Auth").ifPresent(auth -> {
            out.add("AWS_IAM");
            out.add("api_key");
            Nodes.childObject(auth, "Authorizers").ifPresent(a -> out.addAll(a.keys()));
        });
        return out;
    }

    /** A Body or DefinitionBody: the document itself, an AWS::Include of a local file, or unknown. */
    private void body(Path template, Node body, Carrier carrier, SourceLocation at, Set<String> added) {
        if (!(body instanceof ObjectNode o) || body.tag().isPresent()) {
            return;
        }
        Optional<ObjectNode.Field> transform = o.field("Fn::Transform");
        if (transform.isPresent() && o.fields().size() == 1) {
            Nodes.object(transform.get().value())
                    .filter(t -> Nodes.string(t, "Name").orElse("").equals("AWS::Include"))
                    .flatMap(t -> Nodes.childObject(t, "Parameters"))
                    .flatMap(p -> Nodes.string(p, "Location"))
                    .flatMap(l -> localFile(template.getParent(), l))
                    .ifPresent(p -> fromFile(p, carrier, at, added));
            return;
        }
        if (o.fields().size() == 1 && o.fields().get(0).key().startsWith("Fn::")) {
            return;
        }
        if (isApiDocument(o)) {
            found.add(new ApiDefinition(o, carrier, at, Optional.empty(), added));
        }
    }

    /** A path relative to {@code base} that names a file on disk (not an S3 URI or a URL). */
    private static Optional<Path> localFile(Path base, String uri) {
        if (uri.isBlank() || uri.contains("://") || uri.contains("${")) {
            return Optional.empty();
        }
        try {
            Path p = base.resolve(uri).toAbsolutePath().normalize();
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void fromFile(Path file, Carrier carrier, SourceLocation at, Set<String> added) {
        claimed.add(file);
        String text;
        try {
            text = InputFiles.readUtf8(file, MAX_BYTES);
        } catch (IOException | RuntimeException e) {
            return;
        }
        TreeReader.parse(text, rel(file), CloudFormationReader.formatOf(text)).root()
                .filter(n -> n instanceof ObjectNode o && isApiDocument(o))
                .ifPresent(n -> found.add(new ApiDefinition(n, carrier, at, Optional.empty(), added)));
    }

    // ---- Terraform ----

    /** The Terraform files of one module directory. */
    void terraform(Path moduleDir, List<Path> files) {
        Map<String, Hcl.Expr> locals = new LinkedHashMap<>();
        Map<String, Hcl.Expr> templateFiles = new LinkedHashMap<>();
        Map<String, Node> jsonLocals = new LinkedHashMap<>();
        Map<String, Node> jsonTemplateFiles = new LinkedHashMap<>();
        List<Hcl.Attribute> bodies = new ArrayList<>();
        List<Node> jsonBodies = new ArrayList<>();
        List<SourceLocation> jsonBodyResources = new ArrayList<>();
        List<SourceLocation> bodyResources = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = InputFiles.readUtf8(f, MAX_BYTES);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!text.contains("aws_api_gateway_rest_api") && !text.contains("locals")
                    && !text.contains("template_file")) {
                continue;
            }
            if (f.getFileName().toString().endsWith(".json")) {
                Optional<Node> root = TreeReader.parse(text, rel(f), TreeReader.Format.JSON).root();
                if (root.isEmpty() || !(root.get() instanceof ObjectNode o)) {
                    continue;
                }
                Nodes.childObject(o, "locals").ifPresent(l -> l.fields().forEach(x -> jsonLocals.put(x.key(),
                        x.value())));
                Nodes.childObject(o, "data").flatMap(d -> Nodes.childObject(d, "template_file"))
                        .ifPresent(d -> d.fields().forEach(x -> Nodes.object(x.value())
                                .flatMap(b -> b.get("template")).ifPresent(v -> jsonTemplateFiles.put(x.key(), v))));
                Nodes.childObject(o, "resource").flatMap(r -> Nodes.childObject(r, "aws_api_gateway_rest_api"))
                        .ifPresent(r -> r.fields().forEach(x -> Nodes.object(x.value()).flatMap(b -> b.get("body"))
                                .ifPresent(b -> {
                                    jsonBodies.add(b);
                                    jsonBodyResources.add(x.keyLocation());
                                })));
                continue;
            }
            Hcl.Body body;
            try {
                body = HclParser.parse(text, rel(f));
            } catch (HclParser.SyntaxError e) {
                continue;
            }
            for (Hcl.Block b : body.blocks()) {
                if (b.type().equals("locals")) {
                    b.body().attributes().forEach(a -> locals.put(a.name(), a.value()));
                } else if (b.type().equals("data") && b.labels().size() == 2
                        && b.labels().get(0).equals("template_file")) {
                    b.body().attribute("template").ifPresent(a -> templateFiles.put(b.labels().get(1), a.value()));
                } else if (b.type().equals("resource") && b.labels().size() == 2
                        && b.labels().get(0).equals("aws_api_gateway_rest_api")) {
                    b.body().attribute("body").ifPresent(a -> {
                        bodies.add(a);
                        bodyResources.add(b.location());
                    });
                }
            }
        }
        Terraform tf = new Terraform(moduleDir, locals, templateFiles, jsonLocals, jsonTemplateFiles);
        for (int i = 0; i < bodies.size(); i++) {
            tf.hcl(bodies.get(i).value(), bodyResources.get(i), 0);
        }
        for (int i = 0; i < jsonBodies.size(); i++) {
            tf.json(jsonBodies.get(i), jsonBodyResources.get(i), 0);
        }
    }

    /** Resolves a Terraform body expression to a document, following locals and template_file data sources. */
    private final class Terraform {
        private static final int MAX_DEPTH = 8;
        private final Path moduleDir;
        private final Map<String, Hcl.Expr> locals;
        private final Map<String, Hcl.Expr> templateFiles;
        private final Map<String, Node> jsonLocals;
        private final Map<String, Node> jsonTemplateFiles;

        Terraform(Path moduleDir, Map<String, Hcl.Expr> locals, Map<String, Hcl.Expr> templateFiles,
                  Map<String, Node> jsonLocals, Map<String, Node> jsonTemplateFiles) {
            this.moduleDir = moduleDir;
            this.locals = locals;
            this.templateFiles = templateFiles;
            this.jsonLocals = jsonLocals;
            this.jsonTemplateFiles = jsonTemplateFiles;
        }

        void hcl(Hcl.Expr e, SourceLocation resource, int depth) {
            if (depth > MAX_DEPTH) {
                return;
            }
            if (e instanceof Hcl.Call c && c.name().equals("jsonencode") && c.args().size() == 1) {
                Node doc = node(c.args().get(0), 0);
                if (doc instanceof ObjectNode o && isApiDocument(o)) {
                    found.add(new ApiDefinition(o, Carrier.TERRAFORM_BODY, resource, Optional.empty(), Set.of()));
                }
            } else if (e instanceof Hcl.Call c && (c.name().equals("file") || c.name().equals("templatefile"))
                    && !c.args().isEmpty()) {
                path(c.args().get(0)).ifPresent(p -> fromFile(p, Carrier.TERRAFORM_BODY, resource, Set.of()));
            } else if (e instanceof Hcl.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof Hcl.Expr x) {
                hcl(x, resource, depth + 1);
            } else if (e instanceof Hcl.Template t) {
                t.literal().ifPresent(s -> text(s, t.location(), resource));
            } else if (e instanceof Hcl.GetAttr g && g.target() instanceof Hcl.Variable v && v.name().equals("local")) {
                Optional.ofNullable(locals.get(g.name())).ifPresent(x -> hcl(x, resource, depth + 1));
            } else if (e instanceof Hcl.GetAttr g && g.name().equals("rendered")
                    && g.target() instanceof Hcl.GetAttr name && name.target() instanceof Hcl.GetAttr kind
                    && kind.name().equals("template_file") && kind.target() instanceof Hcl.Variable d
                    && d.name().equals("data")) {
                Optional.ofNullable(templateFiles.get(name.name())).ifPresent(x -> hcl(x, resource, depth + 1));
            }
        }

        /** A Terraform JSON-syntax value: a string holding a document or a ${...} reference. */
        void json(Node value, SourceLocation resource, int depth) {
            if (depth > MAX_DEPTH) {
                return;
            }
            if (value instanceof ObjectNode o && isApiDocument(o)) {
                found.add(new ApiDefinition(o, Carrier.TERRAFORM_BODY, resource, Optional.empty(), Set.of()));
                return;
            }
            Optional<String> s = Nodes.text(value);
            if (s.isEmpty()) {
                return;
            }
            String v = s.get().strip();
            if (v.startsWith("${local.") && v.endsWith("}") && v.indexOf("${", 1) < 0) {
                String name = v.substring("${local.".length(), v.length() - 1);
                Optional.ofNullable(jsonLocals.get(name)).ifPresent(x -> json(x, resource, depth + 1));
            } else if (v.startsWith("${data.template_file.") && v.endsWith(".rendered}") && v.indexOf("${", 1) < 0) {
                String name = v.substring("${data.template_file.".length(), v.length() - ".rendered}".length());
                Optional.ofNullable(jsonTemplateFiles.get(name)).ifPresent(x -> json(x, resource, depth + 1));
            } else if (!v.contains("${")) {
                text(v, value.location(), resource);
            } else {
                try {
                    hcl(HclParser.parseExpression(v, value.location().file(), value.location()), resource,
                            depth + 1);
                } catch (HclParser.SyntaxError e) {
                    // The Terraform reader reports it.
                }
            }
        }

        /** A document written as a string: its findings point at the string. */
        private void text(String s, SourceLocation at, SourceLocation resource) {
            TreeReader.parse(s, at.file(), CloudFormationReader.formatOf(s)).root()
                    .filter(n -> n instanceof ObjectNode o && isApiDocument(o))
                    .ifPresent(n -> found.add(new ApiDefinition(n, Carrier.TERRAFORM_BODY, resource, Optional.of(at),
                            Set.of())));
        }

        /** A file() argument: a literal path, or one under ${path.module} / ${path.root}. */
        private Optional<Path> path(Hcl.Expr e) {
            if (!(e instanceof Hcl.Template t)) {
                return Optional.empty();
            }
            StringBuilder b = new StringBuilder();
            for (Object part : t.parts()) {
                if (part instanceof String s) {
                    b.append(s);
                } else if (part instanceof Hcl.GetAttr g && g.target() instanceof Hcl.Variable v
                        && v.name().equals("path") && (g.name().equals("module") || g.name().equals("root"))
                        && b.isEmpty()) {
                    b.append('.');
                } else {
                    return Optional.empty();
                }
            }
            return localFile(moduleDir, b.toString());
        }

        /** An HCL value as a tree; what cannot be known offline is a scalar tagged {@value #UNKNOWN_TAG}. */
        private Node node(Hcl.Expr e, int depth) {
            if (depth > 64) {
                return unknown(e.location());
            }
            if (e instanceof Hcl.ObjectCons o) {
                List<ObjectNode.Field> fields = new ArrayList<>();
                for (Hcl.ObjectCons.Item item : o.items()) {
                    Optional<String> key = item.key() instanceof Hcl.Template t ? t.literal()
                            : item.key() instanceof Hcl.Variable v ? Optional.of(v.name()) : Optional.empty();
                    if (key.isEmpty()) {
                        return unknown(o.location());
                    }
                    fields.add(new ObjectNode.Field(key.get(), item.key().location(), node(item.value(), depth + 1)));
                }
                return ObjectNode.of(fields, o.location());
            }
            if (e instanceof Hcl.Tuple t) {
                List<Node> items = new ArrayList<>();
                for (Hcl.Expr x : t.items()) {
                    items.add(node(x, depth + 1));
                }
                return ArrayNode.of(items, t.location());
            }
            if (e instanceof Hcl.Template t && t.literal().isPresent()) {
                return ScalarNode.string(t.literal().get(), t.location());
            }
            if (e instanceof Hcl.Literal l) {
                ScalarNode.Kind k = switch (l.kind()) {
                    case NUMBER -> ScalarNode.Kind.NUMBER;
                    case BOOL -> ScalarNode.Kind.BOOLEAN;
                    case NULL -> ScalarNode.Kind.NULL;
                };
                return new ScalarNode(k, l.value(), l.location(), Optional.empty());
            }
            return unknown(e.location());
        }

        private static Node unknown(SourceLocation at) {
            return new ScalarNode(ScalarNode.Kind.STRING, "{?}", at, Optional.of(UNKNOWN_TAG));
        }
    }
}

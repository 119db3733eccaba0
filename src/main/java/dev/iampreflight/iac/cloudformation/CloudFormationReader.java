package dev.iampreflight.iac.cloudformation;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.cloudformation.internal.Connectors;
import dev.iampreflight.iac.cloudformation.internal.SamEventSources;
import dev.iampreflight.iac.cloudformation.internal.FunctionCode;
import dev.iampreflight.iac.cloudformation.internal.Intrinsics;
import dev.iampreflight.iac.cloudformation.internal.SamGenerated;
import dev.iampreflight.iac.cloudformation.internal.Template;
import dev.iampreflight.iac.cloudformation.internal.WrittenPartition;
import dev.iampreflight.iamdata.SamPolicyTemplate;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.DeclaredRole;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.ImageBuilds;
import dev.iampreflight.project.internal.StateMachineRuns;
import dev.iampreflight.project.internal.Knowledge;
import dev.iampreflight.project.internal.Nodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CloudFormation or AWS SAM template (YAML with short tags, or JSON) into deploy targets (Lambda functions) and
 * resource policies. Roles: {@code AWS::IAM::Role} inline Policies, ManagedPolicyArns and PermissionsBoundary, plus
 * {@code AWS::IAM::Policy}/{@code ManagedPolicy} attached through their Roles property. SAM functions: Role or
 * Policies (SAM policy templates, managed policy names/ARNs, inline documents) with the implicit role SAM creates
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html), and
 * the Globals Function section.
 */
public final class CloudFormationReader {

    /** SAM's implicit function role always gets this managed policy (AWS SAM specification, "Role" property). */
    static final String BASIC_EXECUTION = "arn:%s:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    static final String BASIC_DURABLE_EXECUTION =
            "arn:%s:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy";

    private final Path root;
    /** The project's image builds, read when a template first runs a container. */
    private ImageBuilds images;
    /** The runs of ECS tasks by the template's state machines, by task family. */
    private final Map<String, List<StateMachineRuns.Run>> runs = new LinkedHashMap<>();
    private final Path file;
    private final String name;
    private final ProjectOptions options;
    private final Map<String, String> parameters;
    private final List<Finding> findings = new ArrayList<>();
    private Template template;
    private Intrinsics in;
    /** Role logical id to the policies attached to it, in attachment order. */
    private final Map<String, List<AttachedPolicy>> rolePolicies = new LinkedHashMap<>();
    private final Map<String, AttachedPolicy> roleBoundaries = new LinkedHashMap<>();
    /** Function logical id to the policies SAM connectors add to its role. */
    private final Map<String, List<AttachedPolicy>> connectorPolicies = new LinkedHashMap<>();

    /** Nested stacks read at most this deep (CloudFormation itself allows a few levels; real projects use one). */
    private static final int MAX_NESTING = 5;
    /** The templates of the stacks that nest this one, outermost first (a template nesting itself is not read). */
    private final List<Path> chain;

    private CloudFormationReader(Path root, Path file, ProjectOptions options, Map<String, String> parameters) {
        this(root, file, options, parameters, List.of());
    }

    private CloudFormationReader(Path root, Path file, ProjectOptions options, Map<String, String> parameters,
                                 List<Path> chain) {
        this.root = root;
        this.file = file;
        this.name = DisplayPaths.rel(root, file);
        this.options = options;
        this.parameters = parameters;
        this.chain = chain;
    }

    /** The resource types whose template is another template: nested stacks and SAM applications. */
    private static final Map<String, String> NESTING = Map.of("AWS::CloudFormation::Stack", "TemplateURL",
            "AWS::Serverless::Application", "Location");

    /**
     * The local templates that {@code template} (read from {@code file}) nests as stacks or SAM applications
     * ({@code TemplateURL}/{@code Location} a relative path, as {@code sam build}/{@code aws cloudformation package}
     * take it): they are read through this template, with the parameters it passes, and never on their own.
     */
    public static List<Path> nestedTemplates(Path file, ObjectNode template) {
        List<Path> out = new ArrayList<>();
        Nodes.childObject(template, "Resources").ifPresent(rs -> rs.fields().forEach(f -> Nodes.object(f.value())
                .ifPresent(r -> Nodes.string(r, "Type").ifPresent(type -> Nodes.childObject(r, "Properties")
                        .flatMap(p -> nestedLocation(file, type, p)).ifPresent(out::add)))));
        return out;
    }

    private static Optional<Path> nestedLocation(Path file, String type, ObjectNode properties) {
        Optional<String> key = Optional.ofNullable(NESTING.get(type));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Nodes.string(properties, key.get())
                .filter(l -> !l.contains("://") && !l.startsWith("s3:") && !l.contains("${") && !l.isBlank())
                .map(l -> file.toAbsolutePath().normalize().getParent().resolve(l).normalize());
    }

    /**
     * The targets of a nested stack or SAM application with a local template, named under the nesting resource
     * ({@code sam:applicationOne/HelloWorldFunction}, as {@code sam build} names nested functions), read with the
     * parameters the parent passes (the child's defaults for the others); a template elsewhere (an S3 URL, the
     * Serverless Application Repository) gets a note, since its functions are not checked.
     */
    private Optional<IacResult> nested(Template.Resource r) {
        String key = NESTING.get(r.type());
        Node location = r.properties().get(key).orElse(null);
        if (location == null) {
            return Optional.empty();
        }
        Optional<Path> child = nestedLocation(file, r.type(), r.properties());
        if (child.isEmpty() || !java.nio.file.Files.isRegularFile(child.get())) {
            add(dev.iampreflight.project.InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "the template of " + r.type()
                    + " '" + r.id() + "' (" + (location instanceof ObjectNode o && o.get("ApplicationId").isPresent()
                    ? "the Serverless Application Repository application " + in.string(o.get("ApplicationId").get())
                    : key + " " + in.string(location)) + ") is not a file of the project, so "
                    + "the functions and roles it deploys are not checked", location.location());
            return Optional.empty();
        }
        Path c = child.get();
        if (chain.contains(c) || c.equals(file.toAbsolutePath().normalize()) || chain.size() >= MAX_NESTING) {
            add(dev.iampreflight.project.InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "the template of '" + r.id()
                    + "' (" + DisplayPaths.rel(root, c) + ") is not read: " + (chain.size() >= MAX_NESTING
                    ? "stacks nested more than " + MAX_NESTING + " deep" : "it nests the stack that nests it"),
                    location.location());
            return Optional.empty();
        }
        Map<String, String> passed = new LinkedHashMap<>();
        r.properties().get("Parameters").flatMap(Nodes::object).ifPresent(ps -> ps.fields().forEach(f ->
                passed.put(f.key(), in.string(f.value()))));
        List<Path> nextChain = new ArrayList<>(chain);
        nextChain.add(file.toAbsolutePath().normalize());
        IacResult res = new CloudFormationReader(root, c, options, passed, nextChain).read();
        List<DeployTarget> named = new ArrayList<>();
        for (DeployTarget t : res.targets()) {
            int colon = t.name().indexOf(':');
            named.add(t.withName(t.name().substring(0, colon + 1) + r.id() + "/" + t.name().substring(colon + 1)));
        }
        return Optional.of(new IacResult(named, res.resourcePolicies(), res.findings()));
    }

    /**
     * Reads one template. {@code parameters} are overrides (from --parameter and a parameters file) on top of the
     * template's defaults.
     */
    public static IacResult read(Path root, Path file, ProjectOptions options, Map<String, String> parameters) {
        return new CloudFormationReader(root, file, options, parameters).read();
    }

    /** Reads an already parsed template (used for {@code chalice package} output and tests). */
    public static IacResult read(Path root, Path file, ObjectNode rootNode, ProjectOptions options,
                                 Map<String, String> parameters) {
        CloudFormationReader r = new CloudFormationReader(root, file, options, parameters);
        return r.readTree(rootNode);
    }

    /** True when a parsed JSON/YAML tree looks like a CloudFormation or SAM template. */
    public static boolean isTemplate(Node rootNode) {
        if (!(rootNode instanceof ObjectNode o)) {
            return false;
        }
        if (o.field("AWSTemplateFormatVersion").isPresent()) {
            return true;
        }
        Optional<ObjectNode> resources = Nodes.childObject(o, "Resources");
        if (resources.isEmpty()) {
            return false;
        }
        for (ObjectNode.Field f : resources.get().fields()) {
            if (Nodes.object(f.value()).flatMap(r -> Nodes.string(r, "Type")).map(t -> t.startsWith("AWS::"))
                    .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * JSON when the text starts like JSON, YAML otherwise: a {@code *.template} (or a template of any name) may be
     * either, and YAML short tags ({@code !Ref}) only parse as YAML.
     */
    public static TreeReader.Format formatOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\uFEFF' || Character.isWhitespace(ch)) {
                continue;
            }
            return ch == '{' || ch == '[' ? TreeReader.Format.JSON : TreeReader.Format.YAML;
        }
        return TreeReader.Format.YAML;
    }

    private IacResult read() {
        String text;
        try {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            text = null;
        }
        TreeReader.Result tree = text == null ? TreeReader.read(file, name) : TreeReader.parse(text, name,
                formatOf(text));
        findings.addAll(tree.findings());
        if (tree.root().isEmpty() || !(tree.root().get() instanceof ObjectNode o)) {
            return IacResult.ofFindings(findings);
        }
        return readTree(o);
    }

    private void add(String rule, Severity s, String message, SourceLocation at) {
        findings.add(new Finding(rule, s, message, at));
    }

    private IacResult readTree(ObjectNode rootNode) {
        template = Template.of(name, rootNode);
        checkShapes(rootNode);
        String partition = options.partition();
        if (partition.equals(ProjectOptions.DEFAULT_PARTITION)) {
            Optional<WrittenPartition.Written> written = WrittenPartition.of(rootNode);
            if (written.isPresent()) {
                partition = written.get().partition();
                add(InfraRules.CFN_PARTITION_FROM_ARNS, Severity.NOTE, "every ARN this template writes is in "
                        + "partition '" + partition + "' (none in 'aws'), so its functions are checked in '"
                        + partition + "'; give --partition to choose another", written.get().at());
            }
        }
        in = new Intrinsics(template, parameters, partition, options.region(), options.accountId(), findings);
        in.generated(SamGenerated.of(template, in));
        List<ResourcePolicy> resourcePolicies = new ArrayList<>();
        // Resolve every resource once so that a bad reference anywhere in the template is reported, even in
        // resources that hold no policy.
        for (Template.Resource r : template.resources().values()) {
            if (active(r)) {
                in.resolve(r.properties());
            }
        }
        resolveOutputs(rootNode);
        // Roles first, so that functions can find the policies of the role they use.
        for (Template.Resource r : template.resources().values()) {
            if (!active(r)) {
                continue;
            }
            if (r.type().equals("AWS::IAM::Role")) {
                readRole(r);
            }
        }
        for (Template.Resource r : template.resources().values()) {
            if (!active(r)) {
                continue;
            }
            if (r.type().equals("AWS::IAM::Policy") || r.type().equals("AWS::IAM::ManagedPolicy")) {
                readPolicyResource(r);
            }
        }
        for (Connectors.Grant g : Connectors.grants(template, in, findings)) {
            String docName = name + " " + g.label();
            connectorPolicies.computeIfAbsent(g.functionId(), k -> new ArrayList<>()).add(new AttachedPolicy(docName,
                    PolicyOrigin.INLINE, document(g.document(), docName), Optional.empty(), g.at()));
        }
        for (Template.Resource r : template.resources().values()) {
            if (active(r) && (r.type().equals("AWS::StepFunctions::StateMachine")
                    || r.type().equals("AWS::Serverless::StateMachine"))) {
                try {
                    stateMachineRuns(r);
                } catch (RuntimeException e) {
                    // A definition that cannot be read binds no command; the tasks keep all their image's code.
                }
            }
        }
        List<DeployTarget> targets = new ArrayList<>();
        List<DeclaredResource> declared = new ArrayList<>();
        for (Template.Resource r : template.resources().values()) {
            if (!active(r)) {
                continue;
            }
            try {
                declared(r).ifPresent(declared::add);
                declared.addAll(eventSourceMappings(r));
                switch (r.type()) {
                    case "AWS::Serverless::Function" -> targets.add(samFunction(r));
                    case "AWS::Lambda::Function" -> targets.add(lambdaFunction(r));
                    case "AWS::ECS::TaskDefinition" -> {
                        if (r.properties().get("TaskRoleArn").isPresent()) {
                            targets.add(ecsTask(r));
                        }
                    }
                    case "AWS::Batch::JobDefinition" -> batchJob(r).ifPresent(targets::add);
                    case "AWS::EC2::Instance" -> r.properties().get("IamInstanceProfile")
                            .ifPresent(p -> targets.add(instance(r, p)));
                    case "AWS::EC2::LaunchTemplate" -> Nodes.childObject(r.properties(), "LaunchTemplateData")
                            .flatMap(d -> Nodes.childObject(d, "IamInstanceProfile"))
                            .flatMap(ip -> ip.get("Arn").or(() -> ip.get("Name")))
                            .ifPresent(p -> targets.add(instance(r, p)));
                    case "AWS::S3::BucketPolicy" -> resourcePolicy(r, "Bucket", "PolicyDocument",
                            ResourceKind.S3_BUCKET, resourcePolicies);
                    case "AWS::KMS::Key" -> kmsKey(r, resourcePolicies);
                    case "AWS::SQS::QueuePolicy" -> resourcePolicy(r, "Queues", "PolicyDocument",
                            ResourceKind.SQS_QUEUE, resourcePolicies);
                    case "AWS::SNS::TopicPolicy" -> resourcePolicy(r, "Topics", "PolicyDocument",
                            ResourceKind.SNS_TOPIC, resourcePolicies);
                    case "AWS::SecretsManager::ResourcePolicy" -> resourcePolicy(r, "SecretId", "ResourcePolicy",
                            ResourceKind.SECRETS_MANAGER_SECRET, resourcePolicies);
                    case "AWS::Lambda::Permission" -> lambdaPermission(r, resourcePolicies);
                    default -> {
                    }
                }
            } catch (RuntimeException e) {
                // A reader bug on one odd resource must not lose the rest of the template.
                add(dev.iampreflight.project.InfraRules.CFN_UNSUPPORTED, Severity.WARNING, "resource '" + r.id()
                        + "' (" + r.type() + ") could not be read: " + e, r.location());
            }
        }
        List<DeclaredRole> roles = new ArrayList<>(declaredRoles());
        for (Template.Resource r : template.resources().values()) {
            if (active(r) && NESTING.containsKey(r.type())) {
                nested(r).ifPresent(res -> {
                    targets.addAll(res.targets());
                    resourcePolicies.addAll(res.resourcePolicies());
                    findings.addAll(res.findings());
                    declared.addAll(res.resources());
                    roles.addAll(res.roles());
                });
            }
        }
        return new IacResult(targets, resourcePolicies, findings, declared, roles);
    }

    /** Every role of the template with its policies and trust policy: code may assume it. */
    private List<DeclaredRole> declaredRoles() {
        List<DeclaredRole> out = new ArrayList<>();
        for (Template.Resource r : template.resources().values()) {
            if (active(r) && r.type().equals("AWS::IAM::Role")) {
                // Read quietly: a trust policy that cannot be read is not used (sts:AssumeRole on the role is then
                // checked on the caller's side only), and its problems are not this reader's findings to report.
                int before = findings.size();
                Optional<PolicyDocument> trust = r.properties().get("AssumeRolePolicyDocument")
                        .flatMap(d -> document(d, name + " " + r.id() + ".AssumeRolePolicyDocument"));
                findings.subList(before, findings.size()).clear();
                out.add(new DeclaredRole(in.resourceValue(r.id(), "Arn", r.location()), "AWS::IAM::Role " + r.id(),
                        rolePolicies.getOrDefault(r.id(), List.of()), Optional.ofNullable(roleBoundaries.get(r.id())),
                        trust, r.location()));
            }
        }
        return out;
    }

    /**
     * The tags and KMS key of a resource whose configuration decides what requests on it need (tags:
     * {@code aws:ResourceTag/*}; a customer managed key: the KMS actions of the calls that read or write it).
     */
    private Optional<DeclaredResource> declared(Template.Resource r) {
        ObjectNode p = r.properties();
        SourceLocation at = r.location();
        ResourceKind kind;
        String arn;
        Optional<Node> key = Optional.empty();
        Map<String, String> attributes = new LinkedHashMap<>();
        switch (r.type()) {
            case "AWS::SQS::Queue" -> {
                kind = ResourceKind.SQS_QUEUE;
                arn = in.resourceValue(r.id(), "Arn", at);
                key = p.get("KmsMasterKeyId");
            }
            case "AWS::SNS::Topic" -> {
                kind = ResourceKind.SNS_TOPIC;
                arn = in.resourceValue(r.id(), null, at);
                key = p.get("KmsMasterKeyId");
            }
            case "AWS::S3::Bucket" -> {
                kind = ResourceKind.S3_BUCKET;
                arn = in.resourceValue(r.id(), "Arn", at);
                for (Node rule : entries(Nodes.childObject(p, "BucketEncryption")
                        .flatMap(b -> b.get("ServerSideEncryptionConfiguration")))) {
                    Optional<ObjectNode> by = Nodes.object(in.resolve(rule)).flatMap(o -> Nodes.childObject(o,
                            "ServerSideEncryptionByDefault"));
                    if (by.isPresent() && by.get().get("SSEAlgorithm").map(in::string).orElse("")
                            .startsWith("aws:kms")) {
                        // No KMSMasterKeyID with aws:kms is the AWS managed key aws/s3.
                        key = Optional.of(by.get().get("KMSMasterKeyID").orElse(ScalarNode.string("alias/aws/s3",
                                at)));
                        Nodes.object(in.resolve(rule)).flatMap(o -> o.get("BucketKeyEnabled")).map(in::string)
                                .filter(v -> v.equalsIgnoreCase("true")).ifPresent(v -> attributes.put("bucketKey",
                                        "true"));
                    }
                }
                // The bucket's ACL grants access like a resource policy while ACLs are in effect (require.BucketAcls).
                p.get("AccessControl").ifPresent(a -> {
                    attributes.put(DeclaredResource.ACL, in.string(a));
                    attributes.put(DeclaredResource.ACL_AT, a.location().toString());
                });
                for (Node rule : entries(Nodes.childObject(p, "OwnershipControls").flatMap(o -> o.get("Rules")))) {
                    Nodes.object(in.resolve(rule)).flatMap(o -> o.get("ObjectOwnership")).map(in::string)
                            .ifPresent(v -> attributes.put(DeclaredResource.OBJECT_OWNERSHIP, v));
                }
                Nodes.childObject(p, "PublicAccessBlockConfiguration").flatMap(b -> b.get("IgnorePublicAcls"))
                        .map(in::string).ifPresent(v -> attributes.put(DeclaredResource.IGNORE_PUBLIC_ACLS, v));
            }
            case "AWS::DynamoDB::Table" -> {
                kind = ResourceKind.DYNAMODB_TABLE;
                arn = in.resourceValue(r.id(), "Arn", at);
                Optional<ObjectNode> sse = Nodes.childObject(p, "SSESpecification");
                if (sse.isPresent() && sse.get().get("SSEEnabled").map(in::string).orElse("")
                        .equalsIgnoreCase("true")) {
                    key = Optional.of(sse.get().get("KMSMasterKeyId").orElse(ScalarNode.string("alias/aws/dynamodb",
                            at)));
                }
                for (Node k : entries(p.get("KeySchema"))) {
                    Nodes.object(in.resolve(k)).filter(o -> o.get("KeyType").map(in::string).orElse("")
                                    .equals("HASH"))
                            .flatMap(o -> o.get("AttributeName")).map(in::string)
                            .ifPresent(h -> attributes.put("hashKey", h));
                }
            }
            case "AWS::Kinesis::Stream" -> {
                kind = ResourceKind.KINESIS_STREAM;
                arn = in.resourceValue(r.id(), "Arn", at);
                key = Nodes.childObject(p, "StreamEncryption").flatMap(e -> e.get("KeyId"));
            }
            case "AWS::SecretsManager::Secret" -> {
                kind = ResourceKind.SECRETS_MANAGER_SECRET;
                arn = in.resourceValue(r.id(), null, at);
                key = p.get("KmsKeyId");
            }
            case "AWS::Lambda::Function", "AWS::Serverless::Function" -> {
                kind = ResourceKind.LAMBDA_FUNCTION;
                arn = in.resourceValue(r.id(), "Arn", at);
                key = p.get("KmsKeyArn");
                // The function's own target is the one declared here: its execution role decrypts the environment.
                attributes.put("declaredIn", at.toString());
                p.get("FunctionName").map(in::string).ifPresent(n -> attributes.put("functionName", n));
                durableConfig(r).ifPresent(d -> DeclaredResource.markDurable(attributes, d.location()));
            }
            default -> {
                return Optional.empty();
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<Node> tagNode = p.get("Tags");
        if (tagNode.isPresent()) {
            Optional<Node> resolved = in.resolve(tagNode.get());
            if (resolved.isPresent() && resolved.get() instanceof ObjectNode o) {
                // SAM and a few resource types write tags as a map.
                o.fields().forEach(f -> tags.put(f.key(), in.string(f.value())));
            } else {
                for (Node t : entries(tagNode)) {
                    Nodes.object(in.resolve(t)).ifPresent(o -> o.get("Key").map(in::string)
                            .ifPresent(k -> tags.put(k, o.get("Value").map(in::string).orElse(""))));
                }
            }
        }
        Optional<String> keyArn = key.map(k -> keyArn(k, attributes)).filter(k -> !k.isBlank());
        SourceLocation source = key.map(Node::location).orElse(at);
        return Optional.of(new DeclaredResource(arn, kind, r.type() + " " + r.id(), tags, keyArn, attributes,
                source));
    }

    /**
     * A key reference as the ARN of the key KMS authorizes: a key of this template (its {@code AWS::KMS::Key} name
     * goes into {@code keyPolicy}, which joins the key's policy), a key ARN, an alias (kept, so that {@code alias/aws/*}
     * reads as an AWS managed key) or a key id.
     */
    private String keyArn(Node raw, Map<String, String> attributes) {
        String id = referencedName(raw);
        Optional<Template.Resource> k = Optional.ofNullable(template.resources().get(id));
        if (k.isPresent() && k.get().type().equals("AWS::KMS::Key")) {
            attributes.put("keyPolicy", "AWS::KMS::Key " + id);
            return in.resourceValue(id, "Arn", raw.location());
        }
        String v = in.string(raw);
        if (v.startsWith("arn:") || v.startsWith("alias/") || v.isBlank()) {
            return v;
        }
        return "arn:" + in.partition() + ":kms:" + in.region() + ":" + in.account() + ":key/" + v;
    }

    /**
     * Outputs are resolved too: CloudFormation rejects a template whose output references a resource or parameter it
     * does not declare, although no policy depends on it (an output of an inactive condition is skipped, like a
     * resource).
     */
    private void resolveOutputs(ObjectNode rootNode) {
        Nodes.childObject(rootNode, "Outputs").ifPresent(outputs -> outputs.fields().forEach(f -> Nodes.object(
                f.value()).ifPresent(out -> {
                    boolean on = Nodes.string(out, "Condition").map(c -> in.condition(c, out.location())
                            .orElse(true)).orElse(true);
                    if (on) {
                        out.get("Value").ifPresent(in::resolve);
                        out.get("Export").ifPresent(in::resolve);
                    }
                })));
    }

    /** Resources that are not objects with a Type and an object of Properties are reported, then skipped. */
    private void checkShapes(ObjectNode rootNode) {
        Optional<Node> resources = rootNode.get("Resources");
        if (resources.isPresent() && resources.get() instanceof ScalarNode empty && (empty.isNull()
                || empty.text().isBlank())) {
            // 'Resources:' followed only by comments: a source that a script completes (include markers, a template
            // engine) declares nothing that deploys as it stands, so nothing here can deny a call.
            add(ReservedRules.BAD_SHAPE, Severity.NOTE, "Resources has no entries, so this file declares nothing to "
                    + "deploy and is not read; if a script fills it in before deploying, check the generated template",
                    resources.get().location());
            return;
        }
        if (resources.isPresent() && !(resources.get() instanceof ObjectNode)) {
            add(ReservedRules.BAD_SHAPE, Severity.ERROR, "Resources must be an object of logical ids, not "
                    + resources.get().kindName(), resources.get().location());
            return;
        }
        resources.flatMap(Nodes::object).ifPresent(rs -> {
            for (ObjectNode.Field f : rs.fields()) {
                if (f.key().startsWith("Fn::ForEach")) {
                    add(dev.iampreflight.project.InfraRules.CFN_UNSUPPORTED, Severity.WARNING, "'" + f.key()
                            + "' (AWS::LanguageExtensions) is not expanded; the resources it generates are not read",
                            f.keyLocation());
                    continue;
                }
                if (!(f.value() instanceof ObjectNode r)) {
                    add(ReservedRules.BAD_SHAPE, Severity.ERROR, "resource '" + f.key() + "' must be an object with "
                            + "Type and Properties, not " + f.value().kindName(), f.value().location());
                    continue;
                }
                if (Nodes.string(r, "Type").isEmpty()) {
                    add(ReservedRules.BAD_SHAPE, Severity.ERROR, "resource '" + f.key() + "' has no Type",
                            f.keyLocation());
                }
                r.get("Properties").filter(p -> !(p instanceof ObjectNode)).ifPresent(p -> add(
                        ReservedRules.BAD_SHAPE, Severity.ERROR, "Properties of '" + f.key() + "' must be an "
                                + "object, not " + p.kindName(), p.location()));
            }
        });
    }

    private boolean active(Template.Resource r) {
        if (r.condition().isEmpty()) {
            return true;
        }
        return in.condition(r.condition().get(), r.location()).orElse(true);
    }

    private Optional<PolicyDocument> document(Node raw, String docName) {
        Optional<Node> resolved = in.resolve(raw);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Node doc = resolved.get();
        if (doc instanceof ScalarNode s && s.isString() && s.text().trim().startsWith("{")) {
            // A policy written as a JSON string (allowed by AWS::IAM::Role for PolicyDocument).
            PolicyParser.Result r = PolicyParser.parseJson(s.text(), docName);
            findings.addAll(relocate(r.findings(), s.location()));
            return r.document();
        }
        PolicyParser.Result r = PolicyParser.parse(doc, docName);
        findings.addAll(r.findings());
        return r.document();
    }

    private static List<Finding> relocate(List<Finding> fs, SourceLocation at) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : fs) {
            out.add(new Finding(f.ruleId(), f.severity(), f.message(), at, f.related()));
        }
        return out;
    }

    /** The entries of a list property; a list computed by an intrinsic (Fn::If) is resolved first. */
    private List<Node> entries(Optional<Node> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        if (list.get() instanceof ArrayNode a && Intrinsics.intrinsic(a).isEmpty()) {
            return a.items();
        }
        Optional<Node> resolved = in.resolve(list.get());
        if (resolved.isPresent() && resolved.get() instanceof ArrayNode a) {
            return a.items();
        }
        return resolved.map(List::of).orElse(List.of());
    }

    /** An entry that is an Fn::If (or another intrinsic) yielding an object is resolved; NoValue drops it. */
    private Optional<Node> entry(Node item) {
        Optional<Map.Entry<String, Node>> fn = Intrinsics.intrinsic(item);
        if (fn.isPresent() && fn.get().getKey().equals("Fn::If")) {
            return in.resolve(item);
        }
        return Optional.of(item);
    }

    private void readRole(Template.Resource r) {
        List<AttachedPolicy> policies = rolePolicies.computeIfAbsent(r.id(), k -> new ArrayList<>());
        int i = 0;
        for (Node raw : entries(r.properties().get("Policies"))) {
            Optional<Node> p = entry(raw);
            if (p.isEmpty()) {
                i++;
                continue;
            }
            if (!(p.get() instanceof ObjectNode po) || po.get("PolicyDocument").isEmpty()) {
                add(ReservedRules.BAD_SHAPE, Severity.ERROR, "each entry of " + r.id() + ".Policies needs "
                        + "PolicyName and PolicyDocument", raw.location());
                i++;
                continue;
            }
            String policyName = po.get("PolicyName").map(in::string).orElse("#" + (i + 1));
            String docName = name + " " + r.id() + ".Policies[" + i + "] (" + policyName + ")";
            Optional<PolicyDocument> doc = document(po.get("PolicyDocument").get(), docName);
            policies.add(new AttachedPolicy(docName, PolicyOrigin.INLINE, doc, Optional.empty(), po.location()));
            i++;
        }
        r.properties().get("ManagedPolicyArns").ifPresent(m -> managedArns(m, policies));
        r.properties().get("PermissionsBoundary").filter(this::names)
                .ifPresent(b -> roleBoundaries.put(r.id(), managedRef(b)));
    }

    private void managedArns(Node list, List<AttachedPolicy> into) {
        for (Node item : entries(Optional.of(list))) {
            if (names(item)) {
                into.add(managedRef(item));
            }
        }
    }

    /**
     * Whether a boundary or managed policy value names a policy: one that resolves to {@code AWS::NoValue} (a
     * {@code !If [HasBoundary, !Ref Boundary, !Ref AWS::NoValue]}) or to an empty string (an empty parameter) is no
     * policy at all, so it is absent rather than "a policy that lives in AWS".
     */
    private boolean names(Node raw) {
        Optional<Node> v = in.resolve(raw);
        return v.isPresent() && !(v.get() instanceof ScalarNode s && (s.isNull() || s.text().isBlank()));
    }

    /** A managed policy reference: a ManagedPolicy of this template, an AWS managed one, or one living in AWS. */
    private AttachedPolicy managedRef(Node raw) {
        Optional<Map.Entry<String, Node>> fn = Intrinsics.intrinsic(raw);
        if (fn.isPresent() && fn.get().getKey().equals("Ref")) {
            String id = Nodes.text(fn.get().getValue()).orElse("");
            Template.Resource target = template.resources().get(id);
            if (target != null && target.type().equals("AWS::IAM::ManagedPolicy")) {
                return customerManaged(target, raw.location());
            }
        }
        String arn = in.string(raw);
        for (Template.Resource res : template.resources().values()) {
            if (res.type().equals("AWS::IAM::ManagedPolicy") && !arn.contains(SymbolicValue.UNKNOWN)
                    && in.resourceValue(res.id(), null, raw.location()).equals(arn)) {
                return customerManaged(res, raw.location());
            }
        }
        return Knowledge.managed(arn, raw.location(), findings);
    }

    private AttachedPolicy customerManaged(Template.Resource mp, SourceLocation at) {
        String docName = name + " " + mp.id();
        Optional<PolicyDocument> doc = mp.properties().get("PolicyDocument").flatMap(d -> document(d, docName));
        return new AttachedPolicy(docName, PolicyOrigin.CUSTOMER_MANAGED, doc,
                Optional.of(in.resourceValue(mp.id(), null, at)), mp.location());
    }

    private void readPolicyResource(Template.Resource r) {
        List<Node> roles = entries(r.properties().get("Roles"));
        if (roles.isEmpty()) {
            return;
        }
        AttachedPolicy policy;
        if (r.type().equals("AWS::IAM::ManagedPolicy")) {
            policy = customerManaged(r, r.location());
        } else {
            String policyName = r.properties().get("PolicyName").map(in::string).orElse(r.id());
            String docName = name + " " + r.id() + " (" + policyName + ")";
            Optional<PolicyDocument> doc = r.properties().get("PolicyDocument").flatMap(d -> document(d, docName));
            policy = new AttachedPolicy(docName, PolicyOrigin.INLINE, doc, Optional.empty(), r.location());
        }
        for (Node role : roles) {
            roleId(role).ifPresent(id -> rolePolicies.computeIfAbsent(id, k -> new ArrayList<>()).add(policy));
        }
    }

    /** The logical id of a role of this template that a value refers to (Ref, GetAtt .Arn, or its name or ARN). */
    private Optional<String> roleId(Node raw) {
        // A role of the template, or one SAM generates (<Function>Role, which an AWS::IAM::Policy may name).
        return referencedId(raw, Set.of("AWS::IAM::Role"), in::resource);
    }

    /**
     * The logical id a {@code Ref} or {@code Fn::GetAtt} names ({@code !GetAtt Key.Arn} and {@code [Key, Arn]} alike),
     * or empty for any other value.
     */
    private static String referencedName(Node raw) {
        Optional<Map.Entry<String, Node>> fn = Intrinsics.intrinsic(raw);
        if (fn.isEmpty()) {
            return "";
        }
        Node arg = fn.get().getValue();
        return switch (fn.get().getKey()) {
            case "Ref" -> Nodes.text(arg).orElse("");
            case "Fn::GetAtt" -> arg instanceof ArrayNode a && !a.items().isEmpty()
                    ? Nodes.text(a.items().get(0)).orElse("")
                    : Nodes.text(arg).map(t -> t.contains(".") ? t.substring(0, t.indexOf('.')) : t).orElse("");
            default -> "";
        };
    }

    /**
     * The logical id of a resource of one of {@code types} that a value refers to: by Ref or GetAtt of an id that
     * {@code lookup} finds, or by the resource's name or ARN written out.
     */
    private Optional<String> referencedId(Node raw, Set<String> types,
                                          java.util.function.Function<String, Optional<Template.Resource>> lookup) {
        String id = referencedName(raw);
        if (!id.isEmpty() && lookup.apply(id).filter(t -> types.contains(t.type())).isPresent()) {
            return Optional.of(id);
        }
        String value = in.string(raw);
        if (value.contains(SymbolicValue.UNKNOWN)) {
            return Optional.empty();
        }
        for (Template.Resource t : template.resources().values()) {
            if (types.contains(t.type()) && (value.equals(in.resourceValue(t.id(), null, raw.location()))
                    || value.equals(in.resourceValue(t.id(), "Arn", raw.location())))) {
                return Optional.of(t.id());
            }
        }
        return Optional.empty();
    }

    private Map<String, SymbolicValue.Pattern> environment(ObjectNode props, Optional<ObjectNode> globals) {
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        List<Optional<ObjectNode>> levels = List.of(globals, Optional.of(props));
        for (Optional<ObjectNode> level : levels) {
            level.flatMap(l -> Nodes.childObject(l, "Environment")).flatMap(e -> Nodes.childObject(e, "Variables"))
                    .ifPresent(vars -> {
                        for (ObjectNode.Field f : vars.fields()) {
                            in.resolve(f.value()).ifPresent(v -> env.put(f.key(),
                                    new SymbolicValue.Pattern(textOrJson(v), f.value().location())));
                        }
                    });
        }
        return env;
    }

    /**
     * Whether {@link #environment} is the function's whole environment: each {@code Environment} (the function's and
     * the SAM Globals') is absent or a plain {@code Variables} map whose values resolve without a condition the
     * reader may not decide ({@code Fn::If} picks a branch when undecided), the function runs a zip (an image's
     * Dockerfile may set more), and no macro other than SAM's transforms the template.
     */
    private boolean environmentComplete(ObjectNode props, Optional<ObjectNode> globals) {
        Optional<Node> transform = template.root().get("Transform");
        if (transform.isPresent()) {
            List<Node> names = transform.get() instanceof ArrayNode a ? a.items() : List.of(transform.get());
            for (Node t : names) {
                if (!Nodes.text(t).orElse("").equals("AWS::Serverless-2016-10-31")) {
                    return false;
                }
            }
        }
        if (!prop(props, globals, "PackageType").map(in::string).orElse("Zip").equals("Zip")) {
            return false;
        }
        for (Optional<ObjectNode> level : List.of(globals, Optional.of(props))) {
            Optional<Node> e = level.flatMap(l -> l.get("Environment"));
            if (e.isEmpty()) {
                continue;
            }
            if (!(e.get() instanceof ObjectNode eo) || Intrinsics.intrinsic(e.get()).isPresent()) {
                return false;
            }
            for (ObjectNode.Field f : eo.fields()) {
                if (!f.key().equals("Variables")) {
                    return false;
                }
                if (!(f.value() instanceof ObjectNode vars) || Intrinsics.intrinsic(f.value()).isPresent()) {
                    return false;
                }
                for (ObjectNode.Field v : vars.fields()) {
                    String raw = v.value().toString();
                    if (raw.contains("Fn::If") || raw.contains("!If") || in.resolve(v.value()).isEmpty()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String textOrJson(Node n) {
        return n instanceof ScalarNode s ? (s.isNull() ? "" : Intrinsics.withoutDynamicReferences(s.text()))
                : SymbolicValue.UNKNOWN;
    }

    /**
     * A function's {@code DurableConfig} (SAM: also from {@code Globals}), unless it resolves to nothing
     * ({@code !Ref AWS::NoValue}, an {@code !If} that picks it).
     */
    private Optional<Node> durableConfig(Template.Resource r) {
        Optional<Node> d = r.type().equals("AWS::Serverless::Function")
                ? prop(r.properties(), globals(), "DurableConfig") : r.properties().get("DurableConfig");
        return d.filter(n -> in.resolve(n).isPresent());
    }

    private Optional<ObjectNode> globals() {
        return Nodes.childObject(template.root(), "Globals").flatMap(g -> Nodes.childObject(g, "Function"));
    }

    private Optional<Node> prop(ObjectNode props, Optional<ObjectNode> globals, String key) {
        return props.get(key).or(() -> globals.flatMap(g -> g.get(key)));
    }

    private DeployTarget samFunction(Template.Resource r) {
        ObjectNode props = r.properties();
        Optional<ObjectNode> globals = globals();
        String principal;
        List<AttachedPolicy> policies = new ArrayList<>();
        Optional<AttachedPolicy> boundary = Optional.empty();
        Optional<Node> role = prop(props, globals, "Role");
        if (role.isPresent()) {
            principal = in.string(role.get());
            Optional<String> roleId = roleId(role.get());
            if (roleId.isPresent()) {
                policies.addAll(rolePolicies.getOrDefault(roleId.get(), List.of()));
                boundary = Optional.ofNullable(roleBoundaries.get(roleId.get()));
                principal = in.resourceValue(roleId.get(), "Arn", r.location());
            } else {
                policies.add(AttachedPolicy.absent("existing role " + principal, PolicyOrigin.IN_AWS,
                        Optional.of(principal), role.get().location()));
            }
        } else {
            // SAM names the implicit role <FunctionLogicalId>Role; CloudFormation adds the stack name and a random
            // suffix to the role's name, so the name is unknown.
            principal = "arn:" + in.partition() + ":iam::" + in.account() + ":role/" + SymbolicValue.UNKNOWN;
            // A durable function's generated role gets AWSLambdaBasicDurableExecutionRolePolicy (the logs actions plus
            // lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState) instead of the basic execution
            // policy (aws/serverless-application-model pull request #3854, samtranslator/model/sam_resources.py
            // _construct_role).
            policies.add(Knowledge.managed(String.format(durableConfig(r).isPresent() ? BASIC_DURABLE_EXECUTION
                    : BASIC_EXECUTION, in.partition()), r.location(), findings));
            if (template.serverless() && prop(props, globals, "Tracing").filter(this::tracing).isPresent()) {
                // SAM's _construct_role adds the X-Ray write policy when Tracing is set and not 'Disabled':
                // AWSXrayWriteOnlyAccess in the aws partition, AWSXRayDaemonWriteAccess in the others
                // (aws/serverless-application-model samtranslator/model/sam_resources.py, xray_utils.py, v1.110.0).
                String xray = in.partition().equals("aws") ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess";
                policies.add(Knowledge.managed("arn:" + in.partition() + ":iam::aws:policy/" + xray, r.location(),
                        findings));
            }
            props.get("Policies").ifPresent(p -> samPolicies(r, p, policies));
            eventPolicies(props, policies);
            // Policies that AWS::IAM::Policy / ManagedPolicy resources attach to the generated <Function>Role.
            policies.addAll(rolePolicies.getOrDefault(r.id() + "Role", List.of()));
            Optional<Node> b = prop(props, globals, "PermissionsBoundary").filter(this::names);
            if (b.isPresent()) {
                boundary = Optional.of(managedRef(b.get()));
            }
        }
        policies.addAll(connectorPolicies.getOrDefault(r.id(), List.of()));
        FunctionCode code = FunctionCode.of(r, globals, true, codeContext());
        return new DeployTarget("sam:" + r.id(), template.serverless() ? TargetKind.SAM : TargetKind.CLOUDFORMATION,
                principal, Optional.empty(), Optional.of(r.id()), policies, boundary, environment(props, globals),
                code.codeRoots(), code.handler(), options.accountId(), options.region(),
                Optional.of(in.partition()), r.location(), code.notChecked(), code.inline())
                .withEnvironmentComplete(environmentComplete(props, globals));
    }

    /**
     * The AWS managed policy SAM attaches to the generated role for each pull event source of the function's
     * {@code Events} (SQS, Kinesis, DynamoDB, MSK: {@link SamEventSources}), once each.
     */
    private void eventPolicies(ObjectNode props, List<AttachedPolicy> into) {
        if (!template.serverless()) {
            return;
        }
        Set<String> added = new HashSet<>();
        for (ObjectNode.Field e : Nodes.childObject(props, "Events").map(ObjectNode::fields).orElse(List.of())) {
            Optional<String> type = Nodes.object(e.value()).flatMap(o -> o.get("Type")).map(in::string);
            Optional<String> policy = type.flatMap(SamEventSources::managedPolicy);
            if (policy.isPresent() && added.add(policy.get())) {
                into.add(Knowledge.managed("arn:" + in.partition() + ":iam::aws:policy/" + policy.get(),
                        e.value().location(), findings));
            }
        }
    }

    /**
     * The event source mappings that make Lambda poll a queue or stream for a function of this template: an
     * {@code AWS::Lambda::EventSourceMapping} whose FunctionName names a function here, or a SAM function's
     * {@code SQS}/{@code Kinesis}/{@code DynamoDB} event. Lambda polls with the function's execution role, so the
     * role needs the source's read actions ({@link dev.iampreflight.require.EventSources}); each mapping is declared
     * at the line that names its source.
     */
    private List<DeclaredResource> eventSourceMappings(Template.Resource r) {
        List<DeclaredResource> out = new ArrayList<>();
        if (r.type().equals("AWS::Lambda::EventSourceMapping")) {
            Optional<Node> fn = r.properties().get("FunctionName");
            Optional<Node> source = r.properties().get("EventSourceArn");
            Optional<Template.Resource> function = fn.flatMap(this::functionOf);
            if (function.isPresent() && source.isPresent()) {
                mapping(function.get(), source.get(), "", r.id(), out);
            }
        } else if (r.type().equals("AWS::Serverless::Function") && template.serverless()) {
            for (ObjectNode.Field e : Nodes.childObject(r.properties(), "Events").map(ObjectNode::fields)
                    .orElse(List.of())) {
                Optional<ObjectNode> ev = Nodes.object(e.value());
                String type = ev.flatMap(o -> o.get("Type")).map(in::string).orElse("");
                Optional<ObjectNode> p = ev.flatMap(o -> Nodes.childObject(o, "Properties"));
                Optional<Node> source = switch (type) {
                    case "SQS" -> p.flatMap(o -> o.get("Queue"));
                    case "Kinesis", "DynamoDB" -> p.flatMap(o -> o.get("Stream"));
                    default -> Optional.empty();
                };
                source.ifPresent(s -> mapping(r, s, type.equals("SQS") ? "sqs" : type.toLowerCase(Locale.ROOT),
                        r.id() + " event " + e.key(), out));
            }
        }
        return out;
    }

    private void mapping(Template.Resource function, Node source, String service, String label,
                         List<DeclaredResource> out) {
        String arn = in.string(source);
        if (service.isEmpty()) {
            String[] parts = arn.split(":", 4);
            service = parts.length > 3 ? parts[2] : "";
        }
        if (!List.of("sqs", "kinesis", "dynamodb").contains(service)) {
            return; // Kafka, MQ, DocumentDB, or a source whose service the ARN does not show
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("function", function.location().toString());
        attributes.put("service", service);
        attributes.put("source", arn);
        out.add(new DeclaredResource("arn:" + in.partition() + ":lambda:" + in.region() + ":" + in.account()
                + ":event-source-mapping:" + SymbolicValue.UNKNOWN, ResourceKind.EVENT_SOURCE_MAPPING, label,
                Map.of(), Optional.empty(), attributes, source.location()));
    }

    /** The function of this template a FunctionName value names (Ref, GetAtt .Arn, or its name or ARN). */
    private Optional<Template.Resource> functionOf(Node raw) {
        return referencedId(raw, Set.of("AWS::Lambda::Function", "AWS::Serverless::Function"),
                id -> Optional.ofNullable(template.resources().get(id))).map(template.resources()::get);
    }

    /**
     * A SAM {@code Tracing} value that enables tracing: known (parameter references resolved), set, and not
     * {@code Disabled}. An unknown value adds nothing: the grant is not assumed.
     */
    private boolean tracing(Node n) {
        String v = in.string(n);
        return !v.isBlank() && !v.equals("Disabled") && !v.contains(SymbolicValue.UNKNOWN);
    }

    private FunctionCode.Context codeContext() {
        return new FunctionCode.Context(root, file, name, template, in, findings);
    }

    private void samPolicies(Template.Resource fn, Node policiesNode, List<AttachedPolicy> into) {
        List<Node> items = policiesNode instanceof ScalarNode ? List.of(policiesNode)
                : entries(Optional.of(policiesNode));
        int i = 0;
        for (Node rawItem : items) {
            String label = name + " " + fn.id() + ".Policies[" + i + "]";
            i++;
            Optional<Node> maybe = entry(rawItem);
            if (maybe.isEmpty()) {
                continue;
            }
            Node item = maybe.get();
            Optional<Map.Entry<String, Node>> intrinsic = Intrinsics.intrinsic(item);
            if (item instanceof ScalarNode || intrinsic.isPresent()) {
                if (names(item)) {
                    into.add(managedRef(item));
                }
                continue;
            }
            if (!(item instanceof ObjectNode o)) {
                add(ReservedRules.BAD_SHAPE, Severity.ERROR, "a Policies entry must be a managed policy name or ARN, "
                        + "a SAM policy template or a policy document, not an array", item.location());
                continue;
            }
            if (o.field("Statement").isPresent()) {
                Optional<PolicyDocument> doc = document(o, label);
                into.add(new AttachedPolicy(label, PolicyOrigin.INLINE, doc, Optional.empty(), o.location()));
                continue;
            }
            if (o.fields().size() != 1) {
                add(ReservedRules.BAD_SHAPE, Severity.ERROR, "a SAM policy template entry has exactly one key (the "
                        + "template name), found " + o.keys(), o.location());
                continue;
            }
            ObjectNode.Field tf = o.fields().get(0);
            Optional<SamPolicyTemplate> t = Knowledge.samTemplate(tf.key(), tf.keyLocation(), findings);
            if (t.isEmpty()) {
                into.add(new AttachedPolicy(label + " (" + tf.key() + ")", PolicyOrigin.SAM_TEMPLATE,
                        Optional.empty(), Optional.of(tf.key()), tf.keyLocation()));
                continue;
            }
            Map<String, Node> args = new LinkedHashMap<>();
            Nodes.object(tf.value()).ifPresent(av -> av.fields().forEach(f -> args.put(f.key(), f.value())));
            Optional<PolicyDocument> doc = Knowledge.expand(t.get(), args, tf.keyLocation(), findings)
                    .flatMap(expanded -> document(relocateTree(expanded, tf.keyLocation()),
                            label + " (" + tf.key() + ")"));
            into.add(new AttachedPolicy(label + " (" + tf.key() + ")", PolicyOrigin.SAM_TEMPLATE, doc,
                    Optional.of(tf.key()), tf.keyLocation()));
        }
    }

    /**
     * Gives the nodes of an expanded SAM template (which come from the bundled data) the location of the template
     * entry in the user's file, keeping the locations of the user's own arguments spliced into it.
     */
    private Node relocateTree(Node n, SourceLocation at) {
        boolean foreign = !n.location().file().equals(name);
        SourceLocation loc = foreign ? at : n.location();
        if (n instanceof ObjectNode o) {
            List<ObjectNode.Field> fs = new ArrayList<>();
            for (ObjectNode.Field f : o.fields()) {
                fs.add(new ObjectNode.Field(f.key(), foreign ? at : f.keyLocation(), relocateTree(f.value(), at)));
            }
            return new ObjectNode(fs, List.of(), loc, o.tag());
        }
        if (n instanceof ArrayNode a) {
            List<Node> items = new ArrayList<>();
            a.items().forEach(x -> items.add(relocateTree(x, at)));
            return new ArrayNode(items, loc, a.tag());
        }
        ScalarNode s = (ScalarNode) n;
        return new ScalarNode(s.kind(), s.text(), loc, s.tag());
    }

    private DeployTarget lambdaFunction(Template.Resource r) {
        ObjectNode props = r.properties();
        List<AttachedPolicy> policies = new ArrayList<>();
        Optional<AttachedPolicy> boundary = Optional.empty();
        String principal = "arn:" + in.partition() + ":iam::" + in.account() + ":role/" + SymbolicValue.UNKNOWN;
        Optional<Node> role = props.get("Role");
        if (role.isPresent()) {
            principal = in.string(role.get());
            Optional<String> roleId = roleId(role.get());
            if (roleId.isPresent()) {
                policies.addAll(rolePolicies.getOrDefault(roleId.get(), List.of()));
                boundary = Optional.ofNullable(roleBoundaries.get(roleId.get()));
            } else {
                policies.add(AttachedPolicy.absent("existing role " + principal, PolicyOrigin.IN_AWS,
                        Optional.of(principal), role.get().location()));
            }
        }
        policies.addAll(connectorPolicies.getOrDefault(r.id(), List.of()));
        FunctionCode code = FunctionCode.of(r, Optional.empty(), false, codeContext());
        List<String> codeRoots = code.codeRoots();
        if (codeRoots.isEmpty()) {
            codeRoots = cdkAsset(r).map(List::of).orElse(codeRoots);
        }
        return new DeployTarget((template.serverless() ? "sam:" : "cfn:") + r.id(),
                template.serverless() ? TargetKind.SAM : TargetKind.CLOUDFORMATION, principal, Optional.empty(),
                Optional.of(r.id()), policies, boundary, environment(props, Optional.empty()), codeRoots,
                code.handler(), options.accountId(), options.region(), Optional.of(in.partition()),
                r.location(), code.notChecked(), code.inline())
                .withEnvironmentComplete(environmentComplete(props, Optional.empty()));
    }

    /**
     * The code folder of a function synthesized by CDK: its {@code aws:asset:path} metadata names the asset CDK staged
     * beside the template ({@code asset.<hash>} in cdk.out) or, with staging disabled ({@code cdk synth
     * --no-staging}, SAM's local testing), the source folder itself as an absolute path on the machine that ran the
     * synth, found here by its longest tail that exists in the project (CDK's cloud assembly:
     * https://docs.aws.amazon.com/cdk/v2/guide/assets.html). A staged asset missing from cdk.out (committed without
     * its assets) is no code: a note says so rather than charging the function the other assets' code.
     */
    private Optional<String> cdkAsset(Template.Resource r) {
        Optional<ObjectNode> meta = Nodes.childObject(r.node(), "Metadata");
        Optional<String> path = meta.flatMap(m -> Nodes.string(m, "aws:asset:path"));
        if (path.isEmpty() || !meta.flatMap(m -> Nodes.string(m, "aws:asset:property")).orElse("Code")
                .equals("Code") || path.get().endsWith(".zip") || path.get().endsWith(".jar")) {
            return Optional.empty();
        }
        Path absRoot = root.toAbsolutePath().normalize();
        String p = path.get().replace('\\', '/');
        if (p.startsWith("/") || p.matches("[A-Za-z]:/.*")) {
            String[] parts = p.replaceFirst("^[A-Za-z]:", "").replaceFirst("^/+", "").split("/");
            for (int i = 0; i < parts.length; i++) {
                Path candidate = absRoot.resolve(String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length)))
                        .normalize();
                if (candidate.startsWith(absRoot) && java.nio.file.Files.isDirectory(candidate)) {
                    return Optional.of(DisplayPaths.rel(root, candidate));
                }
            }
        } else {
            Path staged = file.toAbsolutePath().getParent().resolve(p).normalize();
            if (staged.startsWith(absRoot) && java.nio.file.Files.exists(staged)) {
                return Optional.of(DisplayPaths.rel(root, staged));
            }
        }
        add(dev.iampreflight.project.InfraRules.DISCOVERY_SKIPPED, Severity.NOTE, "the code of " + r.id() + " is the CDK asset '" + path.get()
                + "', which is not in the checked tree (cdk.out was kept without its assets), so its SDK calls are "
                + "not checked; run `cdk synth` and check again", meta.get().field("aws:asset:path")
                .map(ObjectNode.Field::keyLocation).orElse(r.location()));
        return Optional.empty();
    }

    /**
     * The ECS tasks a state machine runs, with the commands its states give them ({@link StateMachineRuns}): the
     * {@code Definition} object, the {@code DefinitionString} ({@code Fn::Sub}/{@code Fn::Join} resolved), or SAM's
     * local {@code DefinitionUri} file, with {@code DefinitionSubstitutions}
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html,
     * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html).
     */
    private void stateMachineRuns(Template.Resource r) {
        Map<String, String> subs = new LinkedHashMap<>();
        r.properties().get("DefinitionSubstitutions").flatMap(Nodes::object).ifPresent(o -> o.fields()
                .forEach(f -> subs.put(f.key(), in.string(f.value()))));
        Optional<Node> def = r.properties().get("Definition").flatMap(in::resolve);
        if (def.isEmpty()) {
            Optional<String> text = r.properties().get("DefinitionString").map(in::string);
            Optional<String> uri = r.properties().get("DefinitionUri").filter(u -> u instanceof ScalarNode)
                    .flatMap(Nodes::text);
            if (text.isEmpty() && uri.isPresent() && !uri.get().startsWith("s3://")) {
                Path f = file.toAbsolutePath().getParent().resolve(uri.get()).normalize();
                try {
                    text = Optional.of(java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException | RuntimeException e) {
                    text = Optional.empty();
                }
            }
            def = text.flatMap(t -> TreeReader.parse(t, name, formatOf(t)).root());
        }
        def.ifPresent(d -> StateMachineRuns.of(d, subs).forEach(run ->
                runs.computeIfAbsent(run.family(), k -> new ArrayList<>()).add(run)));
    }

    /**
     * An ECS task runs its containers as TaskRoleArn (never the execution role, which only pulls the image and writes
     * logs), with each container's Environment; their code is what the images the project builds hold.
     */
    private DeployTarget ecsTask(Template.Resource r) {
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        List<ObjectNode> containers = new ArrayList<>();
        for (Node c : entries(r.properties().get("ContainerDefinitions"))) {
            in.resolve(c).flatMap(Nodes::object).ifPresent(o -> {
                environment(o, env);
                containers.add(o);
            });
        }
        Optional<String> family = r.properties().get("Family").map(in::string)
                .filter(f -> !f.contains(SymbolicValue.UNKNOWN));
        return withImages(r, containerTarget(r, r.properties().get("TaskRoleArn").orElseThrow(), env), containers,
                family.map(f -> runs.getOrDefault(f, List.of())).orElse(List.of()));
    }

    /**
     * The target running the images of {@code containers}: when a build script of the project tags an image's
     * repository ({@link ImageBuilds}), the Dockerfile's copies are the code and its CMD/ENTRYPOINT, or the
     * container's {@code Command} in place of the CMD, the entry point; an image built elsewhere is named in the
     * note that says its code is not checked. Several containers with different entry points keep all their code.
     */
    private DeployTarget withImages(Template.Resource r, DeployTarget t, List<ObjectNode> containers,
                                    List<StateMachineRuns.Run> taskRuns) {
        if (images == null) {
            images = new ImageBuilds(root);
        }
        List<String> roots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Optional<String>> handlers = new ArrayList<>();
        for (ObjectNode c : containers) {
            String image = c.get("Image").map(in::string).orElse(SymbolicValue.UNKNOWN);
            List<Node> words = entries(c.get("Command"));
            List<String> literal = words.stream().map(w -> in.resolve(w).flatMap(Nodes::text)
                    .filter(x -> !x.contains(SymbolicValue.UNKNOWN))).flatMap(Optional::stream).toList();
            boolean commandKnown = literal.size() == words.size();
            Optional<List<String>> own = words.isEmpty() || !commandKnown ? Optional.empty() : Optional.of(literal);
            // What each state that runs the task executes here: the command it overrides this container with, else
            // the container's own; a command computed at run time leaves the entry unknown.
            StateMachineRuns.ContainerCommands runsHere = StateMachineRuns.commands(taskRuns,
                    Nodes.string(c, "Name"), containers.size(), own);
            List<Optional<List<String>>> commands = runsHere.commands().isEmpty() ? List.of(own)
                    : runsHere.commands();
            Optional<StateMachineRuns.Run> dynamic = runsHere.dynamic().stream().findFirst();
            List<Optional<String>> mine = new ArrayList<>();
            ImageBuilds.Code code = null;
            for (Optional<List<String>> cmd : commands) {
                code = images.of(image, cmd);
                code.roots().stream().filter(x -> !roots.contains(x)).forEach(roots::add);
                boolean entryPoint = c.get("EntryPoint").isPresent();
                Optional<String> noEntry = code.noEntry();
                if ((entryPoint || cmd.equals(own) && !commandKnown) && !code.roots().isEmpty()) {
                    noEntry = Optional.of("the image " + image + " runs code whose entry point is not read: its "
                            + "container definition sets " + (entryPoint ? "an EntryPoint" : "a Command that is not "
                            + "literal") + ", which replaces the Dockerfile's");
                    code = new ImageBuilds.Code(code.image(), code.roots(), Optional.empty(), noEntry);
                }
                noEntry.ifPresent(why -> add(InfraRules.IMAGE_ENTRY_UNKNOWN, Severity.NOTE, t.name() + ": " + why
                        + "; every Python file it copies in is charged to it", c.location()));
                mine.add(code.handler());
            }
            names.add(image);
            if (dynamic.isPresent() && !code.roots().isEmpty()) {
                mine.add(Optional.empty());
                add(InfraRules.IMAGE_ENTRY_UNKNOWN, Severity.NOTE, t.name() + ": the state '" + dynamic.get().state()
                        + "' runs it with a command computed at run time, so which script of the image " + image
                        + " runs is not known; every Python file it copies in is charged to it", dynamic.get().at());
            }
            if (!code.roots().isEmpty()) {
                handlers.add(DeployTarget.joinEntries(mine));
            }
        }
        Optional<String> handler = handlers.stream().distinct().count() == 1 ? handlers.get(0) : Optional.empty();
        return new DeployTarget(t.name(), t.kind(), t.principal(), t.stage(), t.function(), t.identityPolicies(),
                t.permissionBoundary(), t.environment(), roots, roots.isEmpty() ? Optional.empty() : handler,
                t.account(), t.region(), t.partition(), t.declaredIn(), List.of(),
                names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names)));
    }

    /**
     * A Batch job (a container job definition) runs as ContainerProperties.JobRoleArn, with its Environment
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-batch-jobdefinition-containerproperties.html);
     * without a job role its code has no AWS credentials of its own, so it is no target.
     */
    private Optional<DeployTarget> batchJob(Template.Resource r) {
        // As written (so that JobRoleArn: !GetAtt Role.Arn still names the role), or resolved when it is itself built.
        Optional<ObjectNode> props = r.properties().get("ContainerProperties").flatMap(Nodes::object)
                .or(() -> r.properties().get("ContainerProperties").flatMap(in::resolve).flatMap(Nodes::object));
        Optional<Node> role = props.flatMap(p -> p.get("JobRoleArn"));
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        environment(props.get(), env);
        ObjectNode container = in.resolve(props.get()).flatMap(Nodes::object).orElse(props.get());
        return Optional.of(withImages(r, containerTarget(r, role.get(), env), List.of(container), List.of()));
    }

    /** A container's Environment list of {Name, Value}, added to {@code env}. */
    private void environment(ObjectNode container, Map<String, SymbolicValue.Pattern> env) {
        entries(container.get("Environment")).forEach(e -> Nodes.object(e).ifPresent(kv -> Nodes.string(kv, "Name")
                .ifPresent(n -> env.put(n, new SymbolicValue.Pattern(kv.get("Value")
                        .map(CloudFormationReader::textOrJson).orElse(""), kv.location())))));
    }

    /** A container workload (ECS task, Batch job) that runs as {@code role}; its code is not in the template. */
    private DeployTarget containerTarget(Template.Resource r, Node role, Map<String, SymbolicValue.Pattern> env) {
        String principal = in.string(role);
        List<AttachedPolicy> policies = new ArrayList<>();
        Optional<AttachedPolicy> boundary = Optional.empty();
        Optional<String> roleId = roleId(role);
        if (roleId.isPresent()) {
            policies.addAll(rolePolicies.getOrDefault(roleId.get(), List.of()));
            boundary = Optional.ofNullable(roleBoundaries.get(roleId.get()));
            principal = in.resourceValue(roleId.get(), "Arn", r.location());
        } else {
            policies.add(AttachedPolicy.absent("existing role " + principal, PolicyOrigin.IN_AWS,
                    Optional.of(principal), role.location()));
        }
        return new DeployTarget((template.serverless() ? "sam:" : "cfn:") + r.id(),
                template.serverless() ? TargetKind.SAM : TargetKind.CLOUDFORMATION, principal, Optional.empty(),
                Optional.of(r.id()), policies, boundary, env, List.of(), Optional.empty(), options.accountId(),
                options.region(), Optional.of(in.partition()), r.location());
    }

    /**
     * An EC2 instance or launch template runs code as the role of its instance profile: the profile's Roles (one
     * role; https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-instanceprofile.html).
     */
    private DeployTarget instance(Template.Resource r, Node profileRef) {
        Optional<Template.Resource> profile = Optional.empty();
        Optional<Map.Entry<String, Node>> fn = Intrinsics.intrinsic(profileRef);
        if (fn.isPresent()) {
            Node arg = fn.get().getValue();
            String id = arg instanceof ArrayNode a && !a.items().isEmpty() ? Nodes.text(a.items().get(0)).orElse("")
                    : Nodes.text(arg).map(x -> x.contains(".") ? x.substring(0, x.indexOf('.')) : x).orElse("");
            profile = Optional.ofNullable(template.resources().get(id))
                    .filter(p -> p.type().equals("AWS::IAM::InstanceProfile"));
        }
        if (profile.isEmpty()) {
            String value = in.string(profileRef);
            for (Template.Resource p : template.resources().values()) {
                if (p.type().equals("AWS::IAM::InstanceProfile") && !value.contains(SymbolicValue.UNKNOWN)
                        && (value.equals(in.resourceValue(p.id(), null, r.location()))
                        || value.equals(in.resourceValue(p.id(), "Arn", r.location())))) {
                    profile = Optional.of(p);
                }
            }
        }
        List<AttachedPolicy> policies = new ArrayList<>();
        Optional<AttachedPolicy> boundary = Optional.empty();
        String principal = "arn:" + in.partition() + ":iam::" + in.account() + ":role/" + SymbolicValue.UNKNOWN;
        Optional<String> roleId = profile.flatMap(p -> entries(p.properties().get("Roles")).stream().findFirst())
                .flatMap(this::roleId);
        if (roleId.isPresent()) {
            policies.addAll(rolePolicies.getOrDefault(roleId.get(), List.of()));
            boundary = Optional.ofNullable(roleBoundaries.get(roleId.get()));
            principal = in.resourceValue(roleId.get(), "Arn", r.location());
        } else {
            String shown = in.string(profileRef);
            policies.add(AttachedPolicy.absent("role of instance profile " + shown, PolicyOrigin.IN_AWS,
                    Optional.of(shown), profileRef.location()));
        }
        return new DeployTarget((template.serverless() ? "sam:" : "cfn:") + r.id(),
                template.serverless() ? TargetKind.SAM : TargetKind.CLOUDFORMATION, principal, Optional.empty(),
                Optional.of(r.id()), policies, boundary, Map.of(), List.of(), Optional.empty(), options.accountId(),
                options.region(), Optional.of(in.partition()), r.location());
    }

    private void resourcePolicy(Template.Resource r, String targetKey, String docKey, ResourceKind kind,
                                List<ResourcePolicy> out) {
        Optional<Node> targets = r.properties().get(targetKey);
        Optional<Node> docNode = r.properties().get(docKey);
        if (targets.isEmpty() || docNode.isEmpty()) {
            add(ReservedRules.BAD_SHAPE, Severity.ERROR, r.type() + " '" + r.id() + "' needs " + targetKey + " and "
                    + docKey, r.location());
            return;
        }
        String docName = name + " " + r.id();
        Optional<PolicyDocument> doc = document(docNode.get(), docName);
        if (doc.isEmpty()) {
            return;
        }
        for (Node t : entries(targets)) {
            String value = in.string(t);
            String arn = switch (kind) {
                case S3_BUCKET -> value.startsWith("arn:") ? value : "arn:" + in.partition() + ":s3:::" + value;
                case SQS_QUEUE -> queueArn(value);
                default -> value;
            };
            out.add(new ResourcePolicy(arn, kind, r.type() + " " + r.id(), doc.get(), r.location()));
        }
    }

    /** https://sqs.REGION.amazonaws.com/ACCOUNT/NAME -> arn:PARTITION:sqs:REGION:ACCOUNT:NAME. */
    private String queueArn(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("https://sqs\\.([^./]+|\\{\\?})\\.[^/]+/([^/]+)/([^/]+)").matcher(url);
        if (m.matches()) {
            return "arn:" + in.partition() + ":sqs:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3);
        }
        return url.startsWith("arn:") ? url : "arn:" + in.partition() + ":sqs:" + in.region() + ":" + in.account()
                + ":" + SymbolicValue.UNKNOWN;
    }

    private void kmsKey(Template.Resource r, List<ResourcePolicy> out) {
        Optional<Node> kp = r.properties().get("KeyPolicy");
        if (kp.isEmpty()) {
            return; // KMS then uses the default key policy, which delegates to IAM.
        }
        String docName = name + " " + r.id() + ".KeyPolicy";
        document(kp.get(), docName).ifPresent(d -> out.add(new ResourcePolicy(
                in.resourceValue(r.id(), "Arn", r.location()), ResourceKind.KMS_KEY, "AWS::KMS::Key " + r.id(), d,
                kp.get().location())));
    }

    /**
     * An {@code AWS::Lambda::Permission} is one statement of the function's resource policy; this builds the
     * statement Lambda's AddPermission writes
     * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
     */
    private void lambdaPermission(Template.Resource r, List<ResourcePolicy> out) {
        ObjectNode p = r.properties();
        SourceLocation at = r.location();
        String function = p.get("FunctionName").map(in::string).orElse(SymbolicValue.UNKNOWN);
        String functionArn = function.startsWith("arn:") ? function : "arn:" + in.partition() + ":lambda:"
                + in.region() + ":" + in.account() + ":function:" + function;
        String action = p.get("Action").map(in::string).orElse("lambda:InvokeFunction");
        String principal = p.get("Principal").map(in::string).orElse(SymbolicValue.UNKNOWN);
        List<ObjectNode.Field> stmt = new ArrayList<>();
        stmt.add(new ObjectNode.Field("Effect", at, ScalarNode.string("Allow", at)));
        String type = principal.contains(".amazonaws.com") || principal.endsWith(".aws.internal") ? "Service"
                : "AWS";
        if (principal.equals("*")) {
            stmt.add(new ObjectNode.Field("Principal", at, ScalarNode.string("*", at)));
        } else {
            stmt.add(new ObjectNode.Field("Principal", at, ObjectNode.of(List.of(new ObjectNode.Field(type, at,
                    ScalarNode.string(principal, at))), at)));
        }
        stmt.add(new ObjectNode.Field("Action", at, ScalarNode.string(action, at)));
        stmt.add(new ObjectNode.Field("Resource", at, ScalarNode.string(functionArn, at)));
        List<ObjectNode.Field> conditions = new ArrayList<>();
        p.get("SourceArn").ifPresent(s -> conditions.add(cond("ArnLike", "AWS:SourceArn", in.string(s), at)));
        p.get("SourceAccount").ifPresent(s -> conditions.add(cond("StringEquals", "AWS:SourceAccount",
                in.string(s), at)));
        p.get("PrincipalOrgID").ifPresent(s -> conditions.add(cond("StringEquals", "aws:PrincipalOrgID",
                in.string(s), at)));
        p.get("FunctionUrlAuthType").ifPresent(s -> conditions.add(cond("StringEquals", "lambda:FunctionUrlAuthType",
                in.string(s), at)));
        if (!conditions.isEmpty()) {
            stmt.add(new ObjectNode.Field("Condition", at, ObjectNode.of(mergeOperators(conditions, at), at)));
        }
        ObjectNode doc = ObjectNode.of(List.of(
                new ObjectNode.Field("Version", at, ScalarNode.string(PolicyDocument.VERSION_2012, at)),
                new ObjectNode.Field("Statement", at, ArrayNode.of(List.of(ObjectNode.of(stmt, at)), at))), at);
        PolicyParser.Result parsed = PolicyParser.parse(doc, name + " " + r.id());
        findings.addAll(parsed.findings());
        parsed.document().ifPresent(d -> out.add(new ResourcePolicy(functionArn, ResourceKind.LAMBDA_FUNCTION,
                "AWS::Lambda::Permission " + r.id(), d, at)));
    }

    private static ObjectNode.Field cond(String op, String key, String value, SourceLocation at) {
        return new ObjectNode.Field(op, at, ObjectNode.of(List.of(new ObjectNode.Field(key, at,
                ScalarNode.string(value, at))), at));
    }

    private static List<ObjectNode.Field> mergeOperators(List<ObjectNode.Field> conditions, SourceLocation at) {
        Map<String, List<ObjectNode.Field>> byOp = new LinkedHashMap<>();
        for (ObjectNode.Field c : conditions) {
            byOp.computeIfAbsent(c.key(), k -> new ArrayList<>()).addAll(((ObjectNode) c.value()).fields());
        }
        List<ObjectNode.Field> out = new ArrayList<>();
        byOp.forEach((op, keys) -> out.add(new ObjectNode.Field(op, at, ObjectNode.of(keys, at))));
        return out;
    }
}

package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
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
import dev.iampreflight.project.internal.ImageBuilds;
import dev.iampreflight.project.internal.Knowledge;
import dev.iampreflight.project.internal.Nodes;
import dev.iampreflight.project.internal.StateMachineRuns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns Terraform resources (from .tf or a plan) into deploy targets and resource policies: roles with their inline
 * policies, managed policy attachments and boundaries; Lambda functions and EC2 instances / launch templates (through
 * their instance profile) as targets; bucket, key, queue, topic, secret policies and Lambda permissions as resource
 * policies.
 */
public final class Extractor {

    private record Role(Res res, List<AttachedPolicy> policies, List<Optional<AttachedPolicy>> boundary) {
    }

    private final List<Res> all;
    private final ProjectOptions options;
    private final List<Finding> findings;
    /** Code roots of a Lambda function, which only the .tf reader can see (archive_file sources). */
    private final Function<Res, List<String>> codeRoots;
    private final String targetPrefix;
    private final Images images;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Map<String, Res> byAddress = new LinkedHashMap<>();
    /** The runs of ECS tasks by the configuration's state machines, by task family. */
    private final Map<String, List<StateMachineRuns.Run>> runs = new LinkedHashMap<>();
    private final Map<String, Instance.Rendering> renderings;
    /** Documents rendered from templates with unknown directives: the document as the outcome granting least. */
    private final Map<PolicyDocument, Outcomes> outcomes = new java.util.IdentityHashMap<>();

    /**
     * The outcomes of a policy rendered from a template whose directives depend on unknown values: the checked
     * document holds every statement some outcome has, except Deny statements only some have; {@code least} holds the
     * statements every outcome has plus those Deny statements.
     *
     * @param deciders the directives that decide, for messages
     * @param optional the labels of the statements only some outcomes have
     */
    public record Outcomes(PolicyDocument least, List<String> deciders, List<String> optional) {
    }

    public Extractor(List<Res> all, ProjectOptions options, List<Finding> findings,
                     Function<Res, List<String>> codeRoots, String targetPrefix) {
        this(all, options, findings, codeRoots, null, targetPrefix);
    }

    /** With {@code images}, the code of container images the configuration builds from a Dockerfile. */
    public Extractor(List<Res> all, ProjectOptions options, List<Finding> findings,
                     Function<Res, List<String>> codeRoots, Images images, String targetPrefix) {
        this.images = images;
        this.all = all;
        this.options = options;
        this.findings = findings;
        this.codeRoots = codeRoots;
        this.targetPrefix = targetPrefix;
        this.renderings = Map.of();
        all.forEach(r -> byAddress.put(r.address(), r));
    }

    /** With the outcomes of templates whose directives depend on unknown values ({@link Instance.Context}). */
    public Extractor(List<Res> all, ProjectOptions options, List<Finding> findings,
                     Function<Res, List<String>> codeRoots, Images images, String targetPrefix,
                     Map<String, Instance.Rendering> renderings) {
        this.images = images;
        this.all = all;
        this.options = options;
        this.findings = findings;
        this.codeRoots = codeRoots;
        this.targetPrefix = targetPrefix;
        this.renderings = renderings;
        all.forEach(r -> byAddress.put(r.address(), r));
    }

    /** The documents read from a template with unknown directives, with what the other outcomes give. */
    public Map<PolicyDocument, Outcomes> outcomes() {
        return outcomes;
    }

    private void report(Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && !Values.isUnknown(s) && s.isNull();
    }

    private static String text(Node n) {
        return Values.text(n);
    }

    /**
     * A resource's {@code acl} argument, when set, into a bucket's attributes: the canned ACL and where it is
     * written.
     */
    private static void cannedAcl(Res r, Map<String, String> into) {
        if (r.has("acl") && !isNull(r.attr("acl"))) {
            into.put(DeclaredResource.ACL, text(r.attr("acl")));
            into.put(DeclaredResource.ACL_AT, r.attr("acl").location().toString());
        }
    }

    public IacResult extract() {
        for (Res r : all) {
            if (r.type().equals("aws_iam_role")) {
                roles.put(r.address(), new Role(r, new ArrayList<>(), new ArrayList<>()));
            }
        }
        for (Role role : roles.values()) {
            Res r = role.res();
            int i = 0;
            for (ObjectNode ip : r.blocks("inline_policy")) {
                String name = Nodes.string(ip, "name").orElse("#" + (i + 1));
                String label = r.address() + ".inline_policy[" + i + "] (" + name + ")";
                // A plan shows an empty inline_policy entry for a role that has none; it is not a policy.
                Optional<Node> policy = ip.get("policy").filter(x -> !(x instanceof ScalarNode sc
                        && !Values.isUnknown(sc) && (sc.isNull() || sc.text().isBlank())));
                if (policy.isPresent()) {
                    role.policies().add(new AttachedPolicy(label, PolicyOrigin.INLINE,
                            document(policy.get(), label, ip.location()), Optional.empty(), ip.location()));
                }
                i++;
            }
            if (r.has("managed_policy_arns")) {
                List<String> refs = r.refs("managed_policy_arns");
                for (Node arn : Values.items(r.attr("managed_policy_arns"))) {
                    if (!isNull(arn)) {
                        role.policies().add(managed(arn, refs, arn.location()));
                    }
                }
            }
            // A null boundary (a default null, cond ? null : arn, try(x, null)) is no boundary at all.
            if (r.has("permissions_boundary") && !isNull(r.attr("permissions_boundary"))) {
                Node b = r.attr("permissions_boundary");
                role.boundary().add(Optional.of(managed(b, r.refs("permissions_boundary"), b.location())));
            }
        }
        for (Res r : all) {
            switch (r.type()) {
                case "aws_iam_role_policy" -> {
                    if (isNull(r.attr("policy"))) {
                        continue;
                    }
                    String label = r.has("name") ? r.address() + " (" + text(r.attr("name")) + ")" : r.address();
                    AttachedPolicy p = new AttachedPolicy(label, PolicyOrigin.INLINE,
                            document(r.attr("policy"), label, r.location()), Optional.empty(), r.location());
                    role(r, "role").ifPresent(role -> role.policies().add(p));
                }
                case "aws_iam_role_policy_attachment" -> {
                    if (!isNull(r.attr("policy_arn"))) {
                        role(r, "role").ifPresent(role -> role.policies()
                                .add(managed(r.attr("policy_arn"), r.refs("policy_arn"), r.location())));
                    }
                }
                case "aws_iam_policy_attachment" -> {
                    List<String> refs = r.refs("roles");
                    for (Node roleValue : Values.items(r.attr("roles"))) {
                        findRole(roleValue, refs).ifPresent(role -> role.policies()
                                .add(managed(r.attr("policy_arn"), r.refs("policy_arn"), r.location())));
                    }
                }
                default -> {
                }
            }
        }
        for (Res r : all) {
            if (r.type().equals("aws_sfn_state_machine") && r.has("definition")) {
                stateMachineRuns(r);
            }
        }
        List<DeployTarget> targets = new ArrayList<>();
        List<ResourcePolicy> resourcePolicies = new ArrayList<>();
        for (Res r : all) {
            if (r.repeated() && List.of("aws_lambda_function", "aws_instance").contains(r.type())) {
                report(new Finding(InfraRules.TF_REPEATED_RESOURCE, Severity.NOTE, r.address() + " has count or "
                        + "for_each; it is read as one target standing for each of its instances", r.location()));
            }
            switch (r.type()) {
                case "aws_lambda_function" -> targets.add(lambda(r));
                case "aws_ecs_task_definition" -> {
                    if (r.has("task_role_arn")) {
                        targets.add(ecsTask(r));
                    }
                }
                case "aws_batch_job_definition" -> batchJob(r).ifPresent(targets::add);
                case "aws_instance" -> instance(r, r.attr("iam_instance_profile"), r.refs("iam_instance_profile"))
                        .ifPresent(targets::add);
                case "aws_launch_template" -> {
                    for (ObjectNode p : r.blocks("iam_instance_profile")) {
                        Node ref = p.get("arn").filter(x -> !Values.isUnknown(x)).or(() -> p.get("name"))
                                .orElse(Values.unknown(r.location()));
                        instance(r, ref, List.of()).ifPresent(targets::add);
                    }
                }
                case "aws_s3_bucket_policy" -> resourcePolicy(r, "bucket", ResourceKind.S3_BUCKET, resourcePolicies);
                case "aws_sqs_queue_policy" -> resourcePolicy(r, "queue_url", ResourceKind.SQS_QUEUE,
                        resourcePolicies);
                case "aws_sns_topic_policy" -> resourcePolicy(r, "arn", ResourceKind.SNS_TOPIC, resourcePolicies);
                case "aws_secretsmanager_secret_policy" -> resourcePolicy(r, "secret_arn",
                        ResourceKind.SECRETS_MANAGER_SECRET, resourcePolicies);
                case "aws_kms_key", "aws_sqs_queue", "aws_sns_topic" -> {
                    if (r.has("policy")) {
                        ResourceKind kind = r.type().equals("aws_kms_key") ? ResourceKind.KMS_KEY
                                : r.type().equals("aws_sqs_queue") ? ResourceKind.SQS_QUEUE : ResourceKind.SNS_TOPIC;
                        String label = r.address() + ".policy";
                        document(r.attr("policy"), label, r.location()).ifPresent(d -> resourcePolicies.add(
                                new ResourcePolicy(text(r.attr("arn")), kind, r.type() + " " + r.address(), d,
                                        r.location())));
                    }
                }
                case "aws_lambda_permission" -> lambdaPermission(r, resourcePolicies);
                default -> {
                }
            }
        }
        return new IacResult(targets, resourcePolicies, List.of(), declaredResources(), declaredRoles());
    }

    /** Every role with its policies and trust policy ({@code assume_role_policy}): code may assume it. */
    private List<DeclaredRole> declaredRoles() {
        List<DeclaredRole> out = new ArrayList<>();
        for (Role role : roles.values()) {
            Res r = role.res();
            // Read quietly: a trust policy that cannot be read is not used (sts:AssumeRole on the role is then
            // checked on the caller's side only), and its problems are not this reader's findings to report.
            int before = findings.size();
            Optional<PolicyDocument> trust = r.has("assume_role_policy") && !isNull(r.attr("assume_role_policy"))
                    ? document(r.attr("assume_role_policy"), r.address() + ".assume_role_policy", r.location())
                    : Optional.empty();
            findings.subList(before, findings.size()).clear();
            out.add(new DeclaredRole(text(r.attr("arn")), r.address(), role.policies(),
                    role.boundary().stream().flatMap(Optional::stream).findFirst(), trust, r.location()));
        }
        return out;
    }

    /**
     * The tags and KMS key of resources whose configuration decides what requests on them need: queues, topics,
     * buckets (their own encryption block or an {@code aws_s3_bucket_server_side_encryption_configuration}), tables,
     * streams, secrets, SecureString parameters and Lambda functions (the key of their environment).
     */
    private List<DeclaredResource> declaredResources() {
        Map<String, ObjectNode> bucketEncryption = new LinkedHashMap<>();
        // A bucket's ACL, Object Ownership and Block Public Access, written on their own resources (provider >= 4).
        Map<String, Map<String, String>> bucketAccess = new LinkedHashMap<>();
        for (Res r : all) {
            if (r.type().equals("aws_s3_bucket_server_side_encryption_configuration")) {
                for (String ref : r.refs("bucket")) {
                    r.blocks("rule").stream().findFirst().ifPresent(rule -> bucketEncryption.put(ref, rule));
                }
            }
            Map<String, String> access = new LinkedHashMap<>();
            switch (r.type()) {
                case "aws_s3_bucket_acl" -> cannedAcl(r, access);
                case "aws_s3_bucket_ownership_controls" -> r.blocks("rule").stream()
                        .flatMap(rule -> rule.get("object_ownership").stream()).findFirst()
                        .ifPresent(v -> access.put(DeclaredResource.OBJECT_OWNERSHIP, text(v)));
                case "aws_s3_bucket_public_access_block" -> {
                    if (r.has("ignore_public_acls")) {
                        access.put(DeclaredResource.IGNORE_PUBLIC_ACLS, text(r.attr("ignore_public_acls")));
                    }
                }
                default -> {
                }
            }
            if (!access.isEmpty()) {
                for (String ref : r.refs("bucket")) {
                    bucketAccess.computeIfAbsent(ref, k -> new LinkedHashMap<>()).putAll(access);
                }
            }
        }
        List<DeclaredResource> out = new ArrayList<>();
        for (Res r : all) {
            if (r.type().equals("aws_lambda_event_source_mapping")) {
                eventSourceMapping(r).ifPresent(out::add);
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            Node key = null;
            ResourceKind kind;
            switch (r.type()) {
                case "aws_sqs_queue" -> {
                    kind = ResourceKind.SQS_QUEUE;
                    key = r.has("kms_master_key_id") ? r.attr("kms_master_key_id") : null;
                }
                case "aws_sns_topic" -> {
                    kind = ResourceKind.SNS_TOPIC;
                    key = r.has("kms_master_key_id") ? r.attr("kms_master_key_id") : null;
                }
                case "aws_s3_bucket" -> {
                    kind = ResourceKind.S3_BUCKET;
                    // The bucket's own acl argument (provider < 4), then what its own resources say.
                    cannedAcl(r, attributes);
                    attributes.putAll(bucketAccess.getOrDefault(r.address(), Map.of()));
                    ObjectNode rule = bucketEncryption.get(r.address());
                    if (rule == null) {
                        rule = r.blocks("server_side_encryption_configuration").stream()
                                .flatMap(c -> sub(c, "rule").stream()).findFirst().orElse(null);
                    }
                    if (rule != null) {
                        Optional<ObjectNode> by = sub(rule, "apply_server_side_encryption_by_default").stream()
                                .findFirst();
                        if (by.isPresent() && by.get().get("sse_algorithm").map(Values::text).orElse("")
                                .startsWith("aws:kms")) {
                            // aws:kms without a key is the AWS managed key aws/s3.
                            key = by.get().get("kms_master_key_id").filter(k -> !isNull(k))
                                    .orElse(ScalarNode.string("alias/aws/s3", r.location()));
                            if (rule.get("bucket_key_enabled").map(Values::text).orElse("").equals("true")) {
                                attributes.put("bucketKey", "true");
                            }
                        }
                    }
                }
                case "aws_dynamodb_table" -> {
                    kind = ResourceKind.DYNAMODB_TABLE;
                    for (ObjectNode sse : r.blocks("server_side_encryption")) {
                        if (sse.get("enabled").map(Values::text).orElse("").equals("true")) {
                            key = sse.get("kms_key_arn").filter(k -> !isNull(k))
                                    .orElse(ScalarNode.string("alias/aws/dynamodb", r.location()));
                        }
                    }
                    if (r.has("hash_key")) {
                        Values.knownText(r.attr("hash_key")).ifPresent(h -> attributes.put("hashKey", h));
                    }
                }
                case "aws_kinesis_stream" -> {
                    kind = ResourceKind.KINESIS_STREAM;
                    if (r.has("encryption_type") && text(r.attr("encryption_type")).equals("KMS")) {
                        key = r.attr("kms_key_id");
                    }
                }
                case "aws_secretsmanager_secret" -> {
                    kind = ResourceKind.SECRETS_MANAGER_SECRET;
                    key = r.has("kms_key_id") ? r.attr("kms_key_id") : null;
                }
                case "aws_ssm_parameter" -> {
                    kind = ResourceKind.SSM_PARAMETER;
                    if (r.has("type") && text(r.attr("type")).equals("SecureString")) {
                        // Without key_id a SecureString uses the AWS managed key aws/ssm.
                        key = r.has("key_id") && !isNull(r.attr("key_id")) ? r.attr("key_id")
                                : ScalarNode.string("alias/aws/ssm", r.location());
                    }
                }
                case "aws_lambda_function" -> {
                    kind = ResourceKind.LAMBDA_FUNCTION;
                    key = r.has("kms_key_arn") ? r.attr("kms_key_arn") : null;
                    // The function's own target is declared here: its execution role decrypts the environment.
                    attributes.put("declaredIn", r.location().toString());
                    if (r.has("function_name")) {
                        attributes.put("functionName", text(r.attr("function_name")));
                    }
                    r.blocks("durable_config").stream().findFirst()
                            .ifPresent(d -> DeclaredResource.markDurable(attributes, d.location()));
                }
                default -> {
                    continue;
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            if (r.has("tags") && r.attr("tags") instanceof ObjectNode o) {
                o.fields().forEach(f -> tags.put(f.key(), text(f.value())));
            }
            Optional<String> keyArn = key == null || isNull(key) ? Optional.empty()
                    : Optional.of(keyArn(key, r, attributes)).filter(k -> !k.isBlank());
            out.add(new DeclaredResource(text(r.attr("arn")), kind, r.type() + " " + r.address(), tags, keyArn,
                    attributes, key != null ? key.location() : r.location()));
        }
        return out;
    }

    /**
     * An {@code aws_lambda_event_source_mapping} whose {@code function_name} refers to a function of this
     * configuration: Lambda polls its {@code event_source_arn} with that function's role
     * ({@link dev.iampreflight.require.EventSources}). Declared at the {@code event_source_arn} line.
     */
    private Optional<DeclaredResource> eventSourceMapping(Res r) {
        if (!r.has("event_source_arn") || !r.has("function_name")) {
            return Optional.empty();
        }
        Optional<Res> function = r.refs("function_name").stream().map(byAddress::get)
                .filter(f -> f != null && f.type().equals("aws_lambda_function")).findFirst();
        if (function.isEmpty()) {
            return Optional.empty();
        }
        Node source = r.attr("event_source_arn");
        String arn = text(source);
        String[] parts = arn.split(":", 4);
        String service = parts.length > 3 ? parts[2] : "";
        if (!List.of("sqs", "kinesis", "dynamodb").contains(service)) {
            // Kafka, MQ, DocumentDB, or a source whose service the ARN does not show: its ARN attribute says.
            service = r.refs("event_source_arn").stream().map(byAddress::get).filter(x -> x != null)
                    .map(x -> switch (x.type()) {
                        case "aws_sqs_queue" -> "sqs";
                        case "aws_kinesis_stream" -> "kinesis";
                        case "aws_dynamodb_table" -> "dynamodb";
                        default -> "";
                    }).filter(x -> !x.isEmpty()).findFirst().orElse("");
            if (service.isEmpty()) {
                return Optional.empty();
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("function", function.get().location().toString());
        attributes.put("service", service);
        attributes.put("source", arn);
        return Optional.of(new DeclaredResource(text(r.attr("arn")), ResourceKind.EVENT_SOURCE_MAPPING,
                r.address(), Map.of(), Optional.empty(), attributes, source.location()));
    }

    /** The objects of a nested block written as an object or a list of objects. */
    private static List<ObjectNode> sub(ObjectNode o, String name) {
        List<ObjectNode> out = new ArrayList<>();
        o.get(name).ifPresent(v -> {
            for (Node item : Values.items(v)) {
                if (item instanceof ObjectNode io) {
                    out.add(io);
                }
            }
        });
        return out;
    }

    /**
     * A key reference as the ARN KMS authorizes: a key of this configuration (its address goes into
     * {@code keyPolicy}, which joins the key's policy), a key ARN, an alias (kept, so that {@code alias/aws/*} reads
     * as an AWS managed key) or a key id.
     */
    private String keyArn(Node key, Res r, Map<String, String> attributes) {
        for (String attr : List.of("kms_master_key_id", "kms_key_id", "kms_key_arn", "key_id")) {
            if (!r.has(attr)) {
                continue;
            }
            for (String ref : r.refs(attr)) {
                Res k = byAddress.get(ref);
                if (k != null && k.type().equals("aws_kms_key")) {
                    attributes.put("keyPolicy", "aws_kms_key " + k.address());
                    return text(k.attr("arn"));
                }
            }
        }
        String v = text(key);
        if (v.startsWith("arn:") || v.startsWith("alias/") || v.isBlank()) {
            return v;
        }
        return "arn:" + options.partition() + ":kms:" + options.region().orElse(SymbolicValue.UNKNOWN) + ":"
                + options.accountId().orElse(SymbolicValue.UNKNOWN) + ":key/" + v;
    }

    /** A managed policy reference: an aws_iam_policy of this configuration, an AWS managed one, or one in AWS. */
    private AttachedPolicy managed(Node arn, List<String> refs, SourceLocation at) {
        for (String ref : refs) {
            Res p = byAddress.get(ref);
            if (p != null && p.type().equals("aws_iam_policy")) {
                return customerManaged(p);
            }
        }
        String value = text(arn);
        if (!value.endsWith(SymbolicValue.UNKNOWN)) {
            for (Res p : all) {
                if (p.type().equals("aws_iam_policy") && text(p.attr("arn")).equals(value)) {
                    return customerManaged(p);
                }
            }
        }
        return Knowledge.managed(value, at, findings);
    }

    private AttachedPolicy customerManaged(Res p) {
        String label = p.address();
        return new AttachedPolicy(label, PolicyOrigin.CUSTOMER_MANAGED, document(p.attr("policy"), label,
                p.location()), Optional.of(text(p.attr("arn"))), p.location());
    }

    /** The principal a resource runs as, with that role's policies and boundary from the configuration. */
    private record RoleBinding(String principal, List<AttachedPolicy> policies, Optional<AttachedPolicy> boundary) {
    }

    /**
     * The role named by {@code attr} of {@code r}: when the configuration declares it, its ARN pattern, policies and
     * boundary; otherwise an existing role whose policies live in AWS.
     */
    private RoleBinding bind(Res r, String attr) {
        Optional<Role> role = role(r, attr);
        if (role.isPresent()) {
            return declared(role.get());
        }
        String principal = text(r.attr(attr));
        return new RoleBinding(principal, List.of(AttachedPolicy.absent("existing role " + principal,
                PolicyOrigin.IN_AWS, Optional.of(principal), r.location())), Optional.empty());
    }

    private RoleBinding declared(Role role) {
        return new RoleBinding(text(role.res().attr("arn")), List.copyOf(role.policies()),
                role.boundary().stream().flatMap(Optional::stream).findFirst());
    }

    private Optional<Role> role(Res r, String attr) {
        return findRole(r.attr(attr), r.refs(attr));
    }

    /** The role a value names: by the address its expression refers to, else by a known name or ARN. */
    private Optional<Role> findRole(Node value, List<String> refs) {
        for (String ref : refs) {
            if (roles.containsKey(ref)) {
                return Optional.of(roles.get(ref));
            }
        }
        String v = text(value);
        if (v.isEmpty() || v.endsWith(SymbolicValue.UNKNOWN)) {
            return Optional.empty();
        }
        for (Role role : roles.values()) {
            if (v.equals(text(role.res().attr("name"))) || v.equals(text(role.res().attr("arn")))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private Optional<PolicyDocument> document(Node value, String name, SourceLocation at) {
        Node n = value;
        if (Values.isUnknown(n)) {
            report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "the policy of " + name
                    + " is not known before apply (it depends on a value Terraform computes); it is not checked", at));
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && renderings.containsKey(s.text())) {
            return outcomes(s, renderings.get(s.text()), name);
        }
        if (n instanceof ScalarNode s) {
            Optional<Node> tree = jsonTree(s.text(), s.location(), name, true);
            if (tree.isEmpty()) {
                return Optional.empty();
            }
            n = tree.get();
        }
        Optional<Node> statements = n instanceof ObjectNode o ? o.get("Statement") : Optional.empty();
        if (statements.isPresent() && Values.isUnknown(statements.get())) {
            // [for ...] over a collection only known at deploy (a fileset() under a folder named by an unknown
            // input): which statements there are is unknown, which is not a malformed policy.
            report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "the statements of " + name + " are not "
                    + "known here (they are built from a value only known at deploy); it is not checked",
                    statements.get().location()));
            return Optional.empty();
        }
        PolicyParser.Result r = PolicyParser.parse(Values.withTag(n, null), name);
        r.findings().forEach(this::report);
        return r.document();
    }

    /** Policy JSON text as a tree located where the text was written; an unknown spliced in as a value is "{?}". */
    private Optional<Node> jsonTree(String text, SourceLocation where, String name, boolean reportErrors) {
        TreeReader.Result tree = TreeReader.parse(Values.quoteBareUnknowns(text), where.file(),
                TreeReader.Format.JSON);
        int shift = Math.max(0, where.line() - 1);
        if (reportErrors) {
            for (Finding f : tree.findings()) {
                report(new Finding(f.ruleId(), f.severity(), name + ": " + f.message(), new SourceLocation(
                        f.location().file(), f.location().line() + shift, f.location().column())));
            }
        }
        return tree.root().map(r -> Instance.shift(r, shift));
    }

    /**
     * A policy rendered from a template whose directives depend on unknown values: every outcome that is valid JSON
     * is read; a statement in every outcome is certain, one in only some may be present. The document checked holds
     * the certain statements and the Allow statements that may be present (the most any outcome grants), and
     * {@link #outcomes()} keeps the one with the certain statements and the Deny statements that may be present (the
     * least), so that a call allowed by one and denied by the other is reported as depending on the directive.
     */
    private Optional<PolicyDocument> outcomes(ScalarNode s, Instance.Rendering rendering, String name) {
        List<ObjectNode> docs = new ArrayList<>();
        for (String text : rendering.texts()) {
            jsonTree(text, s.location(), name, false).filter(t -> t instanceof ObjectNode)
                    .ifPresent(t -> docs.add((ObjectNode) t));
        }
        if (docs.isEmpty()) { // no outcome is valid JSON: say why for the first
            jsonTree(rendering.texts().get(0), s.location(), name, true);
            return Optional.empty();
        }
        Map<String, Node> union = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (ObjectNode d : docs) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Node st : statements(d)) {
                String key = Values.json(st);
                union.putIfAbsent(key, st);
                if (seen.add(key)) {
                    count.merge(key, 1, Integer::sum);
                }
            }
        }
        List<Node> most = new ArrayList<>();
        List<Node> least = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        union.forEach((key, st) -> {
            boolean certain = count.get(key) == docs.size();
            boolean deny = st instanceof ObjectNode o && o.get("Effect").map(Values::text).orElse("")
                    .equals("Deny");
            if (certain || !deny) {
                most.add(st);
            }
            if (certain || deny) {
                least.add(st);
            }
            if (!certain) {
                optional.add(st instanceof ObjectNode o && o.get("Sid").isPresent()
                        ? "statement '" + Values.text(o.get("Sid").get()) + "'"
                        : st instanceof ObjectNode o && o.get("Action").isPresent()
                        ? "the statement for " + Values.json(o.get("Action").get())
                        : "a statement without Sid");
            }
        });
        PolicyParser.Result r = PolicyParser.parse(withStatements(docs.get(0), most), name);
        r.findings().forEach(this::report);
        if (r.document().isPresent() && !optional.isEmpty()) {
            PolicyParser.parse(withStatements(docs.get(0), least), name).document().ifPresent(l ->
                    outcomes.put(r.document().get(), new Outcomes(l, rendering.deciders(), optional)));
        }
        return r.document();
    }

    private static List<Node> statements(ObjectNode doc) {
        return doc.get("Statement").map(st -> st instanceof ArrayNode a ? a.items() : List.of(st)).orElse(List.of());
    }

    private static Node withStatements(ObjectNode doc, List<Node> statements) {
        List<ObjectNode.Field> fields = new ArrayList<>();
        boolean replaced = false;
        for (ObjectNode.Field f : doc.fields()) {
            if (f.key().equals("Statement")) {
                fields.add(new ObjectNode.Field(f.key(), f.keyLocation(), ArrayNode.of(statements,
                        f.value().location())));
                replaced = true;
            } else {
                fields.add(f);
            }
        }
        if (!replaced) {
            fields.add(new ObjectNode.Field("Statement", doc.location(), ArrayNode.of(statements, doc.location())));
        }
        return ObjectNode.of(fields, doc.location());
    }

    private DeployTarget lambda(Res r) {
        RoleBinding bound = bind(r, "role");
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        // The whole environment is known when every variables map is a map of known keys (not an unknown merge, not
        // a dynamic block over a collection known only after apply).
        boolean complete = true;
        for (ObjectNode e : r.blocks("environment")) {
            e.get("variables").flatMap(Nodes::object).ifPresent(vars -> vars.fields().forEach(f ->
                    env.put(f.key(), new SymbolicValue.Pattern(text(f.value()), f.keyLocation()))));
            Optional<Node> vars = e.get("variables");
            if (vars.isPresent() && (Values.isUnknown(vars.get()) || vars.get() instanceof ScalarNode sc && !sc.isNull()
                    || vars.get() instanceof ObjectNode o && o.fields().stream()
                    .anyMatch(f -> f.key().contains(SymbolicValue.UNKNOWN)) || vars.get() instanceof ArrayNode)) {
                complete = false;
            }
        }
        Optional<String> handler = r.has("handler") ? Optional.of(text(r.attr("handler"))) : Optional.empty();
        if (text(r.attr("package_type")).equals("Image")) {
            // A container-image function runs what its image holds; image_config.command overrides the CMD
            // (https://docs.aws.amazon.com/lambda/latest/dg/images-create.html).
            ImageBuilds.Code code = image(r, r.attr("image_uri"), r.refs("image_uri"));
            Optional<String> command = r.blocks("image_config").stream().flatMap(c -> c.get("command").stream())
                    .flatMap(c -> Values.items(c).stream()).findFirst().flatMap(Values::knownText);
            if (command.isEmpty()) {
                noEntry(r, code);
            }
            return target(r, bound.principal(), bound.policies(), bound.boundary(), env, code.roots(),
                    command.or(code::handler).filter(h -> !code.roots().isEmpty()), Optional.of(code.image()));
        }
        List<String> roots = codeRoots.apply(r);
        DeployTarget t = target(r, bound.principal(), bound.policies(), bound.boundary(), env, roots, handler)
                .withEnvironmentComplete(complete);
        return roots.isEmpty() ? unbuiltPackage(r).map(t::withCodeNotChecked).orElse(t) : t;
    }

    /**
     * Why a zip function's code cannot be scanned when the archive it deploys (the community module's
     * {@code local_existing_package}) is not in the repository and nothing in the configuration makes it: a
     * build outside Terraform (a packaging script, a CI step) writes it, which is not followed. Said in a note
     * rather than charging the handler's namesake, whose packaged layout (and layers) only that build knows.
     */
    private Optional<String> unbuiltPackage(Res r) {
        Optional<String> pkg = Optional.empty();
        Instance in = null;
        if (r instanceof ModelRes mr) {
            pkg = mr.call().localPackage();
            in = mr.call().callerInstance();
        }
        if (pkg.isEmpty() || pkg.get().contains(SymbolicValue.UNKNOWN)) {
            return Optional.empty();
        }
        java.nio.file.Path file = in.context().cwd().resolve(pkg.get()).normalize();
        if (java.nio.file.Files.exists(file)) {
            return Optional.empty();
        }
        int layers = r.has("layers") && !Values.isUnknown(r.attr("layers")) ? Values.items(r.attr("layers")).size() : 0;
        String shown = dev.iampreflight.project.internal.DisplayPaths.rel(in.context().root(), file);
        return Optional.of("its deployment package '" + shown + "' is not in the repository and no archive_file or "
                + "build step of the Terraform configuration that is read (a copy, pip install -t or zip of literal "
                + "folders) makes it: it comes from a build the check does not follow (a packaging script, a CI step)"
                + (layers > 0 ? ", as may the " + layers + " layer(s) it uses" : "")
                + ", so the SDK calls its code makes are not checked; build it before the "
                + "check, or name the code in .iam-preflight.yml: targets: {'" + targetPrefix + r.address()
                + "': {code: [FOLDER], handler: module.function}}");
    }

    /**
     * The ECS tasks a state machine runs, by family, with the commands its states give them
     * ({@link StateMachineRuns}); the definition is a JSON string ({@code jsonencode}, {@code templatefile}, a
     * heredoc) or an object.
     */
    private void stateMachineRuns(Res r) {
        Node def = r.attr("definition");
        if (def instanceof ScalarNode s && !Values.isUnknown(s)) {
            def = TreeReader.parse(s.text(), s.location().file(), TreeReader.Format.JSON).root()
                    .map(n -> Instance.shift(n, Math.max(0, s.location().line() - 1))).orElse(def);
        }
        for (StateMachineRuns.Run run : StateMachineRuns.of(def)) {
            runs.computeIfAbsent(run.family(), k -> new ArrayList<>()).add(run);
        }
    }

    /** What an image holds, when the configuration builds it from a Dockerfile of the project. */
    private ImageBuilds.Code image(Res r, Node image, List<String> refs) {
        if (images != null && r instanceof HclRes h) {
            return images.of(h.instance(), text(image), refs);
        }
        return new ImageBuilds.Code(text(image), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * The codes of the images of a list of container definitions; their roots together are the task's code. A task
     * that state machines run ({@code family} among {@link #runs}) runs each command they give it: those commands'
     * entry points together are its entry point.
     */
    private DeployTarget containers(Res r, RoleBinding bound, Map<String, SymbolicValue.Pattern> env, Node defs,
                                    List<String> refs, Optional<String> family) {
        List<String> roots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Optional<String>> handlers = new ArrayList<>();
        List<StateMachineRuns.Run> taskRuns = family.map(f -> runs.getOrDefault(f, List.of())).orElse(List.of());
        List<Node> items = Values.items(defs);
        for (Node c : items) {
            Node image = Nodes.object(c).flatMap(o -> o.get("image")).orElse(Values.unknown(r.location()));
            // A container definition's command replaces the image's CMD; an entryPoint its ENTRYPOINT
            // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html;
            // Batch: command). A literal command is read through the Dockerfile; anything else keeps all the code.
            Optional<ObjectNode> def = Nodes.object(c);
            Optional<Node> commandNode = def.flatMap(o -> o.get("command"));
            Optional<List<String>> command = commandNode.map(Values::items)
                    .map(items2 -> items2.stream().map(Values::knownText).flatMap(Optional::stream).toList())
                    .filter(l -> l.size() == Values.items(commandNode.get()).size() && !l.isEmpty());
            Optional<String> containerName = def.flatMap(o -> Nodes.string(o, "name"));
            // What each run executes in this container: the command a state overrides it with, else its own.
            StateMachineRuns.ContainerCommands runsHere = StateMachineRuns.commands(taskRuns, containerName,
                    items.size(), command);
            List<Optional<List<String>>> commands = taskRuns.isEmpty() ? List.of(command) : runsHere.commands();
            List<StateMachineRuns.Run> dynamic = runsHere.dynamic();
            boolean entryPoint = def.flatMap(o -> o.get("entryPoint")).isPresent();
            List<Optional<String>> mine = new ArrayList<>();
            ImageBuilds.Code code = null;
            for (Optional<List<String>> cmd : commands) {
                code = images != null && r instanceof HclRes h
                        ? images.of(h.instance(), text(image), refs, cmd) : image(r, image, refs);
                if ((entryPoint || cmd.equals(command) && commandNode.isPresent() && command.isEmpty())
                        && code.handler().isPresent()) {
                    code = new ImageBuilds.Code(code.image(), code.roots(), Optional.empty(), Optional.of("the image "
                            + code.image() + " runs code whose entry point is not read: its container definition "
                            + "sets " + (entryPoint ? "an entryPoint" : "a command that is not literal") + ", which "
                            + "replaces the Dockerfile's"));
                }
                code.roots().stream().filter(x -> !roots.contains(x)).forEach(roots::add);
                mine.add(code.handler());
                noEntry(r, code);
            }
            if (code == null) {
                code = images != null && r instanceof HclRes h
                        ? images.of(h.instance(), text(image), refs, command) : image(r, image, refs);
                code.roots().stream().filter(x -> !roots.contains(x)).forEach(roots::add);
            }
            names.add(code.image());
            if (!dynamic.isEmpty() && !code.roots().isEmpty()) {
                StateMachineRuns.Run d = dynamic.get(0);
                mine.add(Optional.empty());
                report(new Finding(InfraRules.IMAGE_ENTRY_UNKNOWN, Severity.NOTE, targetPrefix + r.address()
                        + ": the state '" + d.state() + "' runs it with a command computed at run time, so which "
                        + "script of the image " + code.image() + " runs is not known; every Python file it copies "
                        + "in is charged to it", d.at()));
            }
            if (!code.roots().isEmpty()) {
                // A container that holds none of the project's code (a log router) does not decide the entry.
                handlers.add(DeployTarget.joinEntries(mine));
            }
        }
        if (names.isEmpty()) {
            names.add(SymbolicValue.UNKNOWN);
        }
        // The entry point decides what runs when every container runs the same one; several containers with
        // different entries keep all their code charged.
        Optional<String> handler = handlers.stream().distinct().count() == 1 ? handlers.get(0) : Optional.empty();
        return target(r, bound.principal(), bound.policies(), bound.boundary(), env, roots, handler,
                Optional.of(String.join(", ", names)));
    }

    /** A note when the code an image holds is charged whole because its entry point cannot be read. */
    private void noEntry(Res r, ImageBuilds.Code code) {
        code.noEntry().ifPresent(why -> report(new Finding(InfraRules.IMAGE_ENTRY_UNKNOWN, Severity.NOTE,
                targetPrefix + r.address() + ": " + why + "; every Python file it copies in is charged to it",
                r.location())));
    }

    /**
     * An ECS task definition runs its containers as the task role; their environment comes from each container
     * definition's {@code environment} list of {@code {name, value}}.
     */
    private DeployTarget ecsTask(Res r) {
        RoleBinding bound = bind(r, "task_role_arn");
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        Node defs = r.attr("container_definitions");
        if (defs instanceof ScalarNode s && !Values.isUnknown(s)) {
            defs = TreeReader.parse(s.text(), s.location().file(), TreeReader.Format.JSON).root()
                    .map(n -> Instance.shift(n, Math.max(0, s.location().line() - 1))).orElse(defs);
        }
        for (Node c : Values.items(defs)) {
            Nodes.object(c).flatMap(o -> o.get("environment")).ifPresent(list -> {
                for (Node e : Values.items(list)) {
                    Nodes.object(e).ifPresent(o -> Nodes.string(o, "name").ifPresent(n -> env.put(n,
                            new SymbolicValue.Pattern(o.get("value").map(Values::text).orElse(""), o.location()))));
                }
            });
        }
        return containers(r, bound, env, defs, r.refs("container_definitions"),
                r.has("family") ? Values.knownText(r.attr("family")) : Optional.empty());
    }

    /**
     * An AWS Batch job definition runs its container as {@code jobRoleArn} of {@code container_properties}, not the
     * execution role (https://docs.aws.amazon.com/batch/latest/userguide/job_definition_parameters.html).
     */
    private Optional<DeployTarget> batchJob(Res r) {
        Node props = r.attr("container_properties");
        if (props instanceof ScalarNode s && !Values.isUnknown(s)) {
            props = TreeReader.parse(s.text(), s.location().file(), TreeReader.Format.JSON).root()
                    .map(n -> Instance.shift(n, Math.max(0, s.location().line() - 1))).orElse(props);
        }
        Optional<ObjectNode> o = Nodes.object(props);
        Optional<Node> roleArn = o.flatMap(x -> x.get("jobRoleArn"));
        if (roleArn.isEmpty()) {
            return Optional.empty();
        }
        List<String> refs = r.refs("container_properties").stream().filter(roles::containsKey).toList();
        Optional<Role> role = findRole(roleArn.get(), List.of()).or(() -> refs.size() == 1
                ? Optional.of(roles.get(refs.get(0))) : Optional.empty());
        String arn = text(roleArn.get());
        RoleBinding bound = role.map(this::declared).orElseGet(() -> new RoleBinding(arn, List.of(
                AttachedPolicy.absent("existing role " + arn, PolicyOrigin.IN_AWS, Optional.of(arn), r.location())),
                Optional.empty()));
        Map<String, SymbolicValue.Pattern> env = new LinkedHashMap<>();
        o.flatMap(x -> x.get("environment")).ifPresent(list -> {
            for (Node e : Values.items(list)) {
                Nodes.object(e).ifPresent(v -> Nodes.string(v, "name").ifPresent(n -> env.put(n,
                        new SymbolicValue.Pattern(v.get("value").map(Values::text).orElse(""), v.location()))));
            }
        });
        return Optional.of(containers(r, bound, env, ArrayNode.of(List.of(props), r.location()),
                r.refs("container_properties"), Optional.empty()));
    }

    private DeployTarget target(Res r, String principal, List<AttachedPolicy> policies,
                                Optional<AttachedPolicy> boundary, Map<String, SymbolicValue.Pattern> env,
                                List<String> roots, Optional<String> handler) {
        return target(r, principal, policies, boundary, env, roots, handler, Optional.empty());
    }

    private DeployTarget target(Res r, String principal, List<AttachedPolicy> policies,
                                Optional<AttachedPolicy> boundary, Map<String, SymbolicValue.Pattern> env,
                                List<String> roots, Optional<String> handler, Optional<String> image) {
        return new DeployTarget(targetPrefix + r.address(), TargetKind.TERRAFORM, principal, Optional.empty(),
                Optional.of(r.address()), policies, boundary, env, roots, handler, options.accountId(),
                options.region(), Optional.of(options.partition()), r.location(), List.of(), image);
    }

    private Optional<DeployTarget> instance(Res r, Node profileValue, List<String> refs) {
        boolean none = (Values.isUnknown(profileValue) && !r.has("iam_instance_profile")
                && r.blocks("iam_instance_profile").isEmpty())
                || (profileValue instanceof ScalarNode sc && !Values.isUnknown(sc) && text(sc).isBlank());
        if (none && refs.isEmpty()) {
            return Optional.empty(); // no instance profile: the instance has no role
        }
        Res profile = null;
        for (String ref : refs) {
            Res p = byAddress.get(ref);
            if (p != null && p.type().equals("aws_iam_instance_profile")) {
                profile = p;
            }
        }
        String v = text(profileValue);
        if (profile == null && !v.endsWith(SymbolicValue.UNKNOWN)) {
            for (Res p : all) {
                if (p.type().equals("aws_iam_instance_profile")
                        && (v.equals(text(p.attr("name"))) || v.equals(text(p.attr("arn"))))) {
                    profile = p;
                }
            }
        }
        Optional<Role> role = profile == null ? Optional.empty() : role(profile, "role");
        RoleBinding bound = role.map(this::declared).orElseGet(() -> new RoleBinding("arn:" + options.partition()
                + ":iam::" + options.accountOrUnknown() + ":role/" + SymbolicValue.UNKNOWN,
                List.of(AttachedPolicy.absent("role of instance profile " + v, PolicyOrigin.IN_AWS, Optional.of(v),
                        r.location())), Optional.empty()));
        return Optional.of(target(r, bound.principal(), bound.policies(), bound.boundary(), Map.of(), List.of(),
                Optional.empty()));
    }

    private void resourcePolicy(Res r, String targetAttr, ResourceKind kind, List<ResourcePolicy> out) {
        String label = r.address();
        Optional<PolicyDocument> doc = document(r.attr("policy"), label, r.location());
        if (doc.isEmpty()) {
            return;
        }
        String target = text(r.attr(targetAttr));
        String arn = switch (kind) {
            case S3_BUCKET -> target.startsWith("arn:") ? target : "arn:" + options.partition() + ":s3:::" + target;
            case SQS_QUEUE -> queueArn(target);
            default -> target;
        };
        out.add(new ResourcePolicy(arn, kind, r.type() + " " + r.address(), doc.get(), r.location()));
    }

    private String queueArn(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("https://sqs\\.([^/]+?)\\.amazonaws\\.com[^/]*/([^/]+)/([^/]+)").matcher(url);
        if (m.matches()) {
            return "arn:" + options.partition() + ":sqs:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3);
        }
        return url.startsWith("arn:") ? url : "arn:" + options.partition() + ":sqs:" + options.regionOrUnknown() + ":"
                + options.accountOrUnknown() + ":" + SymbolicValue.UNKNOWN;
    }

    /** The statement Lambda's AddPermission writes for an aws_lambda_permission. */
    private void lambdaPermission(Res r, List<ResourcePolicy> out) {
        SourceLocation at = r.location();
        String function = text(r.attr("function_name"));
        String arn = function.startsWith("arn:") ? function : "arn:" + options.partition() + ":lambda:"
                + options.regionOrUnknown() + ":" + options.accountOrUnknown() + ":function:" + function;
        String principal = text(r.attr("principal"));
        List<ObjectNode.Field> st = new ArrayList<>();
        st.add(new ObjectNode.Field("Effect", at, Values.string("Allow", at)));
        String type = principal.contains(".amazonaws.com") ? "Service" : "AWS";
        st.add(new ObjectNode.Field("Principal", at, principal.equals("*") ? Values.string("*", at)
                : ObjectNode.of(List.of(new ObjectNode.Field(type, at, Values.string(principal, at))), at)));
        st.add(new ObjectNode.Field("Action", at, r.has("action") ? r.attr("action")
                : Values.string("lambda:InvokeFunction", at)));
        st.add(new ObjectNode.Field("Resource", at, Values.string(arn, at)));
        List<ObjectNode.Field> conds = new ArrayList<>();
        if (r.has("source_arn")) {
            conds.add(new ObjectNode.Field("ArnLike", at, ObjectNode.of(List.of(new ObjectNode.Field(
                    "AWS:SourceArn", at, r.attr("source_arn"))), at)));
        }
        if (r.has("source_account")) {
            conds.add(new ObjectNode.Field("StringEquals", at, ObjectNode.of(List.of(new ObjectNode.Field(
                    "AWS:SourceAccount", at, r.attr("source_account"))), at)));
        }
        if (!conds.isEmpty()) {
            st.add(new ObjectNode.Field("Condition", at, ObjectNode.of(conds, at)));
        }
        ObjectNode doc = ObjectNode.of(List.of(new ObjectNode.Field("Version", at,
                        Values.string(PolicyDocument.VERSION_2012, at)),
                new ObjectNode.Field("Statement", at, ArrayNode.of(List.of(ObjectNode.of(st, at)), at))), at);
        PolicyParser.Result p = PolicyParser.parse(doc, r.address());
        p.findings().forEach(this::report);
        p.document().ifPresent(d -> out.add(new ResourcePolicy(arn, ResourceKind.LAMBDA_FUNCTION,
                "aws_lambda_permission " + r.address(), d, at)));
    }
}

package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.SdkOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an {@link SdkCall} to the {@link Requirement}s it needs for a deploy target: the operation's IAM actions (from
 * the knowledge base, or {@link CuratedOperations} where they differ), parameter-dependent extras (SSE-KMS, ACL,
 * VersionId, Tagging, WithDecryption), and for each action the narrowest resource ARN the call's arguments give,
 * with the target's environment, account, region and partition filled in.
 */
public final class RequirementMapper {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static final Set<String> LOCATION = Set.of("Partition", "Region", "Account");
    /** https://sqs.REGION.amazonaws.com/ACCOUNT/NAME and the legacy https://queue.amazonaws.com/ACCOUNT/NAME. */
    private static final Pattern QUEUE_URL = Pattern.compile(
            "https?://(?:sqs\\.([a-z0-9-]+|\\{\\?})\\.amazonaws\\.com(?:\\.cn)?|queue\\.amazonaws\\.com|([a-z0-9-]+)\\."
                    + "queue\\.amazonaws\\.com)/([^/]+)/([^/?#]+)/?");
    /** Arguments whose value may be a whole ARN of the resource the action acts on. */
    private static final List<String> ARN_ARGUMENTS = List.of("TopicArn", "TargetArn", "stateMachineArn",
            "executionArn", "SecretId", "FunctionName", "KeyId", "StreamARN", "ResourceArn", "ResourceARN", "TableArn",
            "EventBusName", "QueueArn", "Arn", "PolicyArn");

    private final KnowledgeBase kb;
    /** Buckets the project writes with SSE-KMS (by the Bucket argument as written) -> the key's write call. */
    private final Map<SymbolicValue, SdkCall> kmsWrites;

    public RequirementMapper(KnowledgeBase kb) {
        this(kb, Map.of());
    }

    private RequirementMapper(KnowledgeBase kb, Map<SymbolicValue, SdkCall> kmsWrites) {
        this.kb = kb;
        this.kmsWrites = Map.copyOf(kmsWrites);
    }

    /** Operations that read an object's content, so S3 decrypts an SSE-KMS object with its key for them. */
    private static final Set<String> S3_READS = Set.of("get_object", "download_file", "download_fileobj",
            "select_object_content");

    /**
     * Operations that copy an object, which S3 reads as GetObject does, so an SSE-KMS source object is decrypted with
     * its key: "If the object is encrypted with SSE-KMS, you must also have the kms:GenerateDataKey and kms:Decrypt
     * permissions ... for the KMS key" (S3 API reference, CopyObject, "Permissions").
     */
    private static final Set<String> S3_COPIES = Set.of("copy_object", "copy", "upload_part_copy");

    /** The bucket of a CopySource argument ({'Bucket': b, 'Key': k} or "bucket/key"), as the calls write it. */
    private static SymbolicValue copySourceBucket(SymbolicValue source) {
        if (source instanceof SymbolicValue.MapValue mv) {
            return mv.entries().get("Bucket");
        }
        if (source instanceof SymbolicValue.Literal l && l.value().contains("/")) {
            String path = l.value().startsWith("/") ? l.value().substring(1) : l.value();
            return SymbolicValue.literal(path.substring(0, path.indexOf('/')));
        }
        return null;
    }

    /**
     * A mapper that also knows what the project's other calls say: reading an object from a bucket the project
     * writes with SSE-KMS needs kms:Decrypt on that key (S3 user guide, "Using server-side encryption with AWS KMS
     * keys": GetObject on an SSE-KMS object requires kms:Decrypt), which the read call alone does not show.
     */
    public RequirementMapper forProject(List<SdkCall> calls) {
        Map<SymbolicValue, SdkCall> writes = new LinkedHashMap<>();
        for (SdkCall c : calls) {
            SymbolicValue sse = c.arguments().get("ServerSideEncryption");
            boolean kms = c.arguments().containsKey("SSEKMSKeyId") || sse != null && sse.render().startsWith("aws:kms");
            if (c.service().equals("s3") && kms && c.arguments().containsKey("Bucket")) {
                writes.putIfAbsent(c.arguments().get("Bucket"), c);
            }
        }
        return new RequirementMapper(kb, writes);
    }

    /** One permission before its resource is rendered: action, placeholder values, context and reason. */
    record Need(String action, Map<String, SymbolicValue> values, Map<String, String> context, String why,
                Optional<String> onlyWhen, boolean optional, Optional<String> resourceType) {
        Need(String action, Map<String, SymbolicValue> values, Map<String, String> context, String why) {
            this(action, values, context, why, Optional.empty(), false, Optional.empty());
        }

        /** The same need, required only when {@code condition} happens (a failure): its absence fails nothing. */
        Need optionalWhen(String condition) {
            return new Need(action, values, context, why, Optional.of(condition), true, resourceType);
        }

        /** The same need, required only if {@code condition} holds, which is not known offline. */
        Need onlyIf(String condition) {
            return new Need(action, values, context, why, Optional.of(condition), false, resourceType);
        }

        /**
         * The same need on the action's resource type {@code type}, chosen by the caller where the arguments alone do
         * not tell which of the action's resource types the request acts on (a Bedrock model id).
         */
        Need on(String type) {
            return new Need(action, values, context, why, onlyWhen, optional, Optional.of(type));
        }

        /** The same need on {@code "*"}: a request that names no resource of the action's types (an SMS publish). */
        Need onAnyResource() {
            return on(ANY_RESOURCE);
        }
    }

    /** The resource type of a {@link Need#onAnyResource()}: the request is evaluated against {@code "*"}. */
    static final String ANY_RESOURCE = "*";

    /** Every requirement of {@code call} for {@code target}, in a stable order, without duplicates. */
    public List<Requirement> requirements(SdkCall call, TargetContext target) {
        List<Requirement> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SdkCall variant : variants(call.resolve(target.environment()))) {
            requirements(call, variant, target, out, seen);
        }
        return out;
    }

    /** Most variants of one call expanded from arguments with alternative values; the rest stay unknown. */
    private static final int MAX_VARIANTS = 16;

    /** One call per combination of the alternatives of its top-level arguments ({@code 'a' if x else 'b'}). */
    static List<SdkCall> variants(SdkCall call) {
        List<Map<String, SymbolicValue>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, SymbolicValue> e : call.arguments().entrySet()) {
            List<SymbolicValue> alts = e.getValue().alternatives();
            if (combos.size() * alts.size() > MAX_VARIANTS) {
                alts = List.of(SymbolicValue.unknown("too many alternatives"));
            }
            List<Map<String, SymbolicValue>> next = new ArrayList<>();
            for (Map<String, SymbolicValue> c : combos) {
                for (SymbolicValue a : alts) {
                    Map<String, SymbolicValue> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), a);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<SdkCall> out = new ArrayList<>();
        for (Map<String, SymbolicValue> args : combos) {
            out.add(call.withArguments(args));
        }
        return out;
    }

    private void requirements(SdkCall call, SdkCall resolved, TargetContext target, List<Requirement> out,
                              Set<String> seen) {
        List<Need> needs = new ArrayList<>(needs(resolved).orElse(List.of()));
        SymbolicValue readBucket = !call.service().equals("s3") ? null
                : S3_READS.contains(call.operation()) ? call.arguments().get("Bucket")
                : S3_COPIES.contains(call.operation()) ? copySourceBucket(call.arguments().get("CopySource")) : null;
        SdkCall writer = readBucket != null ? kmsWrites.get(readBucket) : null;
        SymbolicValue writeKey = writer == null ? null
                : writer.resolve(target.environment()).arguments().get("SSEKMSKeyId");
        if (writer != null && !CuratedOperations.awsManagedKey(writeKey)) {
            Map<String, SymbolicValue> keyArgs = new LinkedHashMap<>();
            keyArgs.put("KeyId", writeKey == null ? SymbolicValue.unknown("key") : writeKey);
            Need n = need("kms:Decrypt", keyArgs, Map.of("kms:ViaService", "s3.${Region}.amazonaws.com"),
                    "objects in this bucket are written with SSE-KMS (" + writer.location() + ")");
            needs.add(writeKey == null ? n.onlyIf("the bucket's default encryption uses a customer managed key (the "
                    + "AWS managed key aws/s3 needs no statement)") : CuratedOperations.dependsOnKey(n, writeKey,
                    "the key SSEKMSKeyId names"));
        }
        for (Need n : needs) {
            String resource = resource(n, target);
            if (seen.add(n.action() + "|" + resource)) {
                Map<String, String> context = new LinkedHashMap<>();
                n.context().forEach((k, v) -> context.put(k, fill(v, Map.of(), target)));
                alias(n.values().get("KeyId")).ifPresent(a -> context.put("kms:RequestAlias", a));
                out.add(new Requirement(n.action(), resource, context, n.why(), call, n.onlyWhen(), n.optional(),
                        callContext(n.action(), resolved)));
            }
        }
    }

    /** The condition keys the call's parameters set that the action supports (Service Authorization Reference). */
    private Map<String, List<String>> callContext(String action, SdkCall call) {
        List<String> supported = kb.action(action).map(ActionInfo::conditionKeys).orElse(List.of());
        Map<String, List<String>> all = new LinkedHashMap<>(CallContext.of(action, call));
        CallContext.byParameterName(action, call, supported).forEach(all::putIfAbsent);
        if (all.isEmpty()) {
            return all;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            for (String s : supported) {
                int var = s.indexOf("${");
                if (s.equalsIgnoreCase(k) || var > 0 && k.regionMatches(true, 0, s, 0, var)) {
                    out.put(k, v);
                    break;
                }
            }
        });
        return out;
    }

    /**
     * The requirements of the calls a target runs: those in files under its code roots (every call when it names
     * none). Call locations are relative to {@code scannedRoot}; code roots are absolute or relative to it.
     */
    public List<Requirement> requirements(List<SdkCall> calls, TargetContext target, java.nio.file.Path scannedRoot) {
        java.nio.file.Path base = scannedRoot.toAbsolutePath().normalize();
        List<java.nio.file.Path> roots = target.codeRoots().stream()
                .map(r -> base.resolve(r).toAbsolutePath().normalize()).toList();
        List<Requirement> out = new ArrayList<>();
        for (SdkCall c : calls) {
            java.nio.file.Path file = base.resolve(c.location().file()).normalize();
            if (roots.isEmpty() || roots.stream().anyMatch(file::startsWith)) {
                out.addAll(requirements(c, target));
            }
        }
        return out;
    }

    /**
     * The IAM actions an operation maps to (ignoring parameter-dependent extras), or empty when it is not mapped.
     * An empty list means the operation needs no permission ({@code sts.get_caller_identity}).
     */
    public Optional<List<String>> actionsFor(String service, String operation) {
        // A signed request's probe carries its (unknown) URL, as the scan gives it.
        Map<String, SymbolicValue> args = dev.iampreflight.code.SignedRequest.names(service, operation)
                ? Map.of(dev.iampreflight.code.SignedRequest.URL, SymbolicValue.unknown("url")) : Map.of();
        SdkCall probe = new SdkCall(service, operation, args, dev.iampreflight.code.Confidence.HIGH,
                dev.iampreflight.core.SourceLocation.unknown(), "", "");
        return needs(probe).map(ns -> ns.stream().map(Need::action).distinct().toList());
    }

    Optional<List<Need>> needs(SdkCall call) {
        if (dev.iampreflight.code.SignedRequest.is(call)) {
            // A signed HTTP request names its IAM action itself (docs/libraries.md, "Signed HTTP requests").
            return Optional.of(SignedRequests.needs(call, this));
        }
        if (noIam(call.service(), call.operation()).isPresent()) {
            // The reviewed table (tools/iamdata/curated.json, noIam): IAM authorizes nothing here.
            return Optional.of(List.of());
        }
        Optional<List<Need>> curated = CuratedOperations.needs(call, this);
        List<Need> out = new ArrayList<>();
        if (curated.isPresent()) {
            out.addAll(curated.get());
        } else {
            Optional<Need> n = defaultNeed(call);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            out.add(n.get());
        }
        out.addAll(CuratedOperations.extras(call, this));
        return Optional.of(out);
    }

    /**
     * The reviewed verdict when IAM does not authorize the operation or it needs no permission (Cognito's
     * token-authorized and unauthenticated operations, {@code sts.get_caller_identity}), with its citation.
     */
    public Optional<SdkOperation.NoIam> noIam(String service, String operation) {
        return kb.sdkOperation(service, operation).flatMap(SdkOperation::noIam);
    }

    /** {@code service:Operation} from the knowledge base, when that action exists. */
    Optional<Need> defaultNeed(SdkCall call) {
        Optional<SdkOperation> op = kb.sdkOperation(call.service(), call.operation());
        Optional<String> prefix = kb.iamPrefixForSdk(call.service());
        if (op.isEmpty() || prefix.isEmpty()) {
            return Optional.empty();
        }
        String action = prefix.get() + ":" + op.get().name();
        return kb.action(action).map(a -> need(a.fullName(), call.arguments(), call.operation() + " calls "
                + op.get().name()));
    }

    Need need(String action, Map<String, SymbolicValue> args, String why) {
        return new Need(action, args, Map.of(), why);
    }

    Need need(String action, Map<String, SymbolicValue> args, Map<String, String> context, String why) {
        return new Need(action, args, context, why);
    }

    boolean actionExists(String action) {
        return kb.action(action).isPresent();
    }

    // ---------------------------------------------------------------------------------------------------- resources

    private String resource(Need n, TargetContext target) {
        Optional<ActionInfo> info = kb.action(n.action());
        if (info.isEmpty() || info.get().wildcardOnly() || n.resourceType().equals(Optional.of(ANY_RESOURCE))) {
            // No resource-level permissions: only "Resource": "*" grants it (Service Authorization Reference).
            return "*";
        }
        if (n.action().startsWith("sts:") && n.values().containsKey("RoleArn")) {
            // The role may be in any account: its ARN as written, never the target's account filled in.
            String arn = n.values().get("RoleArn").render();
            return arn.startsWith("arn:") && arn.split(":", 6).length == 6 ? arn
                    : "arn:" + target.effectivePartition().orElse(SymbolicValue.UNKNOWN) + ":iam::"
                    + SymbolicValue.UNKNOWN + ":role/" + SymbolicValue.UNKNOWN;
        }
        Map<String, String> values = placeholderValues(n.values());
        String service = n.action().substring(0, n.action().indexOf(':'));
        Optional<String> whole = wholeArn(n.values(), service);
        if (whole.isPresent() && acceptsArn(info.get(), whole.get())) {
            return whole.get();
        }
        ActionResourceType best = null;
        int bestScore = -1;
        for (ActionResourceType rt : info.get().resourceTypes()) {
            if (rt.arnFormats().isEmpty()) {
                continue;
            }
            if (n.resourceType().isPresent() && rt.name().equals(n.resourceType().get())) {
                best = rt;
                break;
            }
            int score = 0;
            Matcher m = PLACEHOLDER.matcher(rt.arnFormats().get(0));
            while (m.find()) {
                if (!LOCATION.contains(m.group(1)) && values.containsKey(m.group(1))) {
                    score += 2;
                }
            }
            if (rt.required()) {
                score += 1;
            }
            if (score > bestScore) {
                best = rt;
                bestScore = score;
            }
        }
        if (best == null) {
            return "*";
        }
        return awsOwned(fill(best.arnFormats().get(0), values, target));
    }

    /** SSM documents AWS publishes: AWS-*, AWSSupport-*, AWSEC2-*, AmazonCloudWatch-*, ... */
    private static final Pattern AWS_DOCUMENT = Pattern.compile("(AWS|Amazon)[A-Za-z0-9]*-.*");

    /**
     * Resources AWS owns have an empty account field in their ARN, whatever account calls them: SSM documents AWS
     * publishes ({@code arn:aws:ssm:REGION::document/AWS-RunShellScript}, SSM user guide, "Sharing SSM documents" and
     * the document ARN examples of "Restricting access to Systems Manager documents") and public parameters under
     * {@code /aws/service/} ({@code arn:aws:ssm:REGION::parameter/aws/service/...}, SSM user guide, "Working with public
     * parameters"). Filling in the caller's account would make them match no policy written for them.
     */
    static String awsOwned(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("ssm")) {
            return arn;
        }
        boolean owned = p[5].startsWith("document/") && AWS_DOCUMENT.matcher(p[5].substring(9)).matches()
                || p[5].startsWith("parameter/aws/service/");
        return owned ? String.join(":", p[0], p[1], p[2], p[3], "", p[5]) : arn;
    }

    private static String fill(String format, Map<String, String> values, TargetContext target) {
        Matcher m = PLACEHOLDER.matcher(format);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = switch (name) {
                case "Partition" -> values.getOrDefault("Partition",
                        target.effectivePartition().orElse(SymbolicValue.UNKNOWN));
                case "Region" -> values.getOrDefault("Region", target.region().orElse(SymbolicValue.UNKNOWN));
                case "Account" -> values.getOrDefault("Account", target.account().orElse(SymbolicValue.UNKNOWN));
                default -> values.getOrDefault(name, SymbolicValue.UNKNOWN);
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Whether an ARN is of one of the action's resource types (a KMS alias ARN is not a key ARN). */
    private boolean acceptsArn(ActionInfo info, String arn) {
        for (var match : kb.resourceTypesOf(arn)) {
            for (ActionResourceType rt : info.resourceTypes()) {
                if (rt.name().equalsIgnoreCase(match.resourceType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A literal ARN argument of the action's own service ({@code TopicArn='arn:aws:sns:...'}) is the resource. */
    private static Optional<String> wholeArn(Map<String, SymbolicValue> args, String service) {
        for (String name : ARN_ARGUMENTS) {
            SymbolicValue v = args.get(name);
            if (v != null) {
                String s = v.render();
                if (s.startsWith("arn:") && s.split(":", 6).length == 6 && s.split(":", 6)[2].equals(service)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** ARN format placeholder -> value, from the call's (resolved) arguments. */
    static Map<String, String> placeholderValues(Map<String, SymbolicValue> args) {
        Map<String, String> v = new LinkedHashMap<>();
        args.forEach((k, val) -> {
            if (!(val instanceof SymbolicValue.MapValue) && !(val instanceof SymbolicValue.ListValue)
                    && !k.equals("Region") && !k.equals("Account") && !k.equals("Partition")) {
                v.put(k, val.render());
            }
        });
        // Location parts an argument pins (an endpoint's region) override the target's, unless unknown.
        for (String loc : List.of("Region", "Account")) {
            if (args.get(loc) instanceof SymbolicValue.Literal l) {
                v.put(loc, l.value());
            }
        }
        put(v, "TableName", args.get("TableName"));
        put(v, "BucketName", args.get("Bucket"));
        // A library call's object path ('s3://bucket/key' or 'bucket/key', docs/libraries.md): its bucket and key,
        // read once the target's environment is filled in.
        SymbolicValue s3 = args.get("S3Path");
        SymbolicValue prefix = args.get("S3Prefix");
        if ((s3 != null || prefix != null) && !args.containsKey("Bucket")) {
            String path = (s3 != null ? s3 : prefix).render().replaceFirst("^s3a?://", "");
            int slash = path.indexOf('/');
            v.put("BucketName", slash < 0 ? path : path.substring(0, slash));
            String key = slash < 0 || slash == path.length() - 1 ? "*" : path.substring(slash + 1);
            // 'S3Prefix': the objects a listing of that prefix finds (every key that starts with it).
            v.put("ObjectName", s3 == null && !key.endsWith("*") ? key + "*" : key);
        }
        put(v, "ObjectName", args.get("Key"));
        put(v, "ObjectName", args.containsKey("Bucket") && !args.containsKey("Key") ? SymbolicValue.literal("*")
                : null);
        put(v, "IndexName", args.get("IndexName"));
        // Athena names a workgroup 'WorkGroup' in its requests and 'WorkGroupName' in its ARN format.
        put(v, "WorkGroupName", args.get("WorkGroup"));
        // An Auto Scaling group's ARN ends autoScalingGroup:${GroupId}:autoScalingGroupName/${GroupFriendlyName}:
        // calls name the group, its id stays unknown (Service Authorization Reference, Amazon EC2 Auto Scaling).
        put(v, "GroupFriendlyName", args.get("AutoScalingGroupName"));
        SymbolicValue queueUrl = args.get("QueueUrl");
        if (queueUrl != null) {
            String url = queueUrl.render();
            Matcher m = QUEUE_URL.matcher(url);
            if (m.matches()) {
                String region = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "us-east-1";
                // Parts the URL leaves unknown ({?}) fall back to the target's region and account.
                if (!region.equals(SymbolicValue.UNKNOWN)) {
                    v.put("Region", region);
                }
                if (!m.group(3).equals(SymbolicValue.UNKNOWN)) {
                    v.put("Account", m.group(3));
                }
                v.put("QueueName", m.group(4));
            } else {
                int slash = url.lastIndexOf('/');
                v.put("QueueName", slash >= 0 && slash < url.length() - 1 ? url.substring(slash + 1)
                        : SymbolicValue.UNKNOWN);
            }
        }
        put(v, "QueueName", args.get("QueueName"));
        SymbolicValue topic = args.get("TopicArn") != null ? args.get("TopicArn") : args.get("TargetArn");
        if (topic != null) {
            String t = topic.render();
            v.put("TopicName", t.contains(":") ? t.substring(t.lastIndexOf(':') + 1) : SymbolicValue.UNKNOWN);
        }
        SymbolicValue name = args.get("Name") != null ? args.get("Name") : args.get("Path");
        if (name != null) {
            String n = name.render();
            v.put("ParameterNameWithoutLeadingSlash", n.startsWith("/") ? n.substring(1) : n);
        }
        SymbolicValue secret = args.get("SecretId");
        if (secret != null) {
            // Secrets Manager appends six random characters to a secret's name in its ARN.
            // https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
            v.put("SecretId", secret.render() + "-" + SymbolicValue.UNKNOWN);
        }
        if (alias(args.get("KeyId")).isPresent()) {
            v.put("KeyId", SymbolicValue.UNKNOWN);
        }
        SymbolicValue fn = args.get("FunctionName");
        if (fn != null) {
            SymbolicValue q = args.get("Qualifier");
            v.put("FunctionName", fn.render() + (q == null ? "" : ":" + q.render()));
        }
        SymbolicValue identity = args.get("FromEmailAddress") != null ? args.get("FromEmailAddress")
                : args.get("Source");
        if (identity != null) {
            String id = identity.render();
            // "Name <user@example.com>": the identity is the address.
            Matcher m = Pattern.compile("<([^>]+)>").matcher(id);
            v.put("IdentityName", m.find() ? m.group(1) : id);
        }
        SymbolicValue sm = args.get("stateMachineArn");
        if (sm != null) {
            String s = sm.render();
            v.put("StateMachineName", s.contains(":") ? s.substring(s.lastIndexOf(':') + 1) : s);
        }
        put(v, "EventBusName", args.containsKey("EventBusName") ? args.get("EventBusName") : busOfEntries(args));
        put(v, "TemplateName", args.get("Template") != null ? args.get("Template") : args.get("TemplateName"));
        return v;
    }

    /**
     * The alias a KeyId names ({@code alias/x} or an alias ARN). KMS authorizes such a request on the key the alias
     * points to, with the alias in {@code kms:RequestAlias}
     * (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).
     */
    static Optional<String> alias(SymbolicValue keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        String k = keyId.render();
        int i = k.indexOf("alias/");
        return i == 0 || (i > 0 && k.startsWith("arn:")) ? Optional.of(k.substring(i)) : Optional.empty();
    }

    /**
     * The bus put_events entries go to: their EventBusName, or the account's "default" bus when they name none
     * (EventBridge API reference, PutEventsRequestEntry). Entries naming different buses leave it unknown.
     */
    private static SymbolicValue busOfEntries(Map<String, SymbolicValue> args) {
        if (!(args.get("Entries") instanceof SymbolicValue.ListValue entries)) {
            return null;
        }
        Set<SymbolicValue> buses = new LinkedHashSet<>();
        for (SymbolicValue e : entries.items()) {
            buses.add(e instanceof SymbolicValue.MapValue m
                    ? m.entries().getOrDefault("EventBusName", SymbolicValue.literal("default"))
                    : SymbolicValue.unknown("entry"));
        }
        return buses.size() == 1 ? buses.iterator().next() : SymbolicValue.unknown("several buses");
    }

    private static void put(Map<String, String> v, String key, SymbolicValue value) {
        if (value != null) {
            v.put(key, value.render());
        }
    }
}

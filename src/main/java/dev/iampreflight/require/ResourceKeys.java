package dev.iampreflight.require;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.ResourceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Permissions that come from how a resource is configured rather than from the call: a call that reads or writes a
 * resource the project declares with a customer managed KMS key needs KMS actions on that key, which the service
 * asks KMS for with the caller's credentials ({@code kms:ViaService} set to the service, the service's encryption
 * context). Each rule is data with the AWS page it comes from; docs/rules.md lists them.
 *
 * <p>AWS managed keys ({@code alias/aws/sqs} and the like) need no statement: their key policy allows every principal
 * of the account to use them through the service (KMS developer guide, "AWS managed keys").
 */
public final class ResourceKeys {

    /**
     * One rule: requests for {@code actions} on a resource of {@code kind} encrypted with a customer managed key need
     * {@code kmsActions} on the key.
     *
     * @param viaService the service prefix of {@code kms:ViaService} ({@code sqs} gives
     *                   {@code sqs.REGION.amazonaws.com})
     * @param contextKey the encryption context key the service passes, whose value is the resource's ARN
     *                   ({@code kms:EncryptionContext:KEY}); null when the page documents none
     */
    public record Rule(ResourceKind kind, Set<String> actions, List<String> kmsActions, String viaService,
                       String contextKey, String source) {
    }

    /** The rules, one per (resource kind, direction). */
    public static final List<Rule> RULES = List.of(
            new Rule(ResourceKind.SQS_QUEUE, Set.of("sqs:SendMessage"), List.of("kms:GenerateDataKey", "kms:Decrypt"),
                    "sqs", "aws:sqs:arn",
                    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html"),
            new Rule(ResourceKind.SQS_QUEUE, Set.of("sqs:ReceiveMessage"), List.of("kms:Decrypt"), "sqs",
                    "aws:sqs:arn",
                    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html"),
            new Rule(ResourceKind.SNS_TOPIC, Set.of("sns:Publish"), List.of("kms:GenerateDataKey", "kms:Decrypt"),
                    "sns", "aws:sns:topicArn", "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html"),
            new Rule(ResourceKind.S3_BUCKET, Set.of("s3:PutObject"), List.of("kms:GenerateDataKey"), "s3",
                    "aws:s3:arn", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"),
            new Rule(ResourceKind.S3_BUCKET, Set.of("s3:GetObject"), List.of("kms:Decrypt"), "s3", "aws:s3:arn",
                    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"),
            new Rule(ResourceKind.KINESIS_STREAM, Set.of("kinesis:PutRecord", "kinesis:PutRecords"),
                    List.of("kms:GenerateDataKey"), "kinesis", "aws:kinesis:arn",
                    "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html"),
            new Rule(ResourceKind.KINESIS_STREAM, Set.of("kinesis:GetRecords"), List.of("kms:Decrypt"), "kinesis",
                    "aws:kinesis:arn", "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html"),
            new Rule(ResourceKind.SECRETS_MANAGER_SECRET, Set.of("secretsmanager:GetSecretValue",
                    "secretsmanager:BatchGetSecretValue"), List.of("kms:Decrypt"), "secretsmanager", "SecretARN",
                    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html"),
            new Rule(ResourceKind.SECRETS_MANAGER_SECRET, Set.of("secretsmanager:PutSecretValue",
                    "secretsmanager:UpdateSecret"), List.of("kms:GenerateDataKey"), "secretsmanager", "SecretARN",
                    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html"),
            new Rule(ResourceKind.SSM_PARAMETER, Set.of("ssm:GetParameter", "ssm:GetParameters",
                    "ssm:GetParametersByPath"), List.of("kms:Decrypt"), "ssm", "PARAMETER_ARN",
                    "https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html"),
            new Rule(ResourceKind.SSM_PARAMETER, Set.of("ssm:PutParameter"), List.of("kms:Encrypt"), "ssm",
                    "PARAMETER_ARN",
                    "https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html"));

    /**
     * Lambda decrypts a function's environment variables with the function's execution role when they are encrypted
     * with a customer managed key; the encryption context names the function
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html).
     */
    public static final String LAMBDA_ENVIRONMENT_SOURCE =
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html";

    /** AWS Knowledge Center: the environment is decrypted through a KMS grant for the execution role. */
    public static final String LAMBDA_ENVIRONMENT_GRANT_SOURCE =
            "https://repost.aws/knowledge-center/lambda-kmsaccessdeniedexception-errors";

    /**
     * DynamoDB uses a table's customer managed key through grants it creates when the table is created or its key
     * changed; data plane calls need no KMS permission of their own, only the principal that creates or updates the
     * table does (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html, "Authorizing use of
     * your KMS key"). So no rule reads a table's key.
     */
    public static final String DYNAMODB_SOURCE =
            "https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html";

    /** A requirement a resource's configuration adds, and the declared key policy that governs it (when known). */
    public record Derived(Requirement requirement, Optional<String> keyPolicy) {
    }

    private ResourceKeys() {
    }

    /**
     * The requirements {@code reqs} (all of one call) need because of what the project declares about their
     * resources, and {@code reqs} without the KMS guesses that declared configuration replaces (a bucket's or a
     * parameter's key that the call alone does not show).
     */
    public static List<Derived> expand(List<Requirement> reqs, List<DeclaredResource> resources,
                                       TargetContext target) {
        List<Derived> out = new ArrayList<>();
        if (resources.isEmpty()) {
            reqs.forEach(r -> out.add(new Derived(r, Optional.empty())));
            return out;
        }
        List<Derived> added = new ArrayList<>();
        boolean replacesGuess = false;
        for (Requirement req : reqs) {
            if (req.action().startsWith("kms:")) {
                continue;
            }
            for (Rule rule : RULES) {
                if (!rule.actions().contains(req.action())) {
                    continue;
                }
                Optional<Match> m = declaredFor(req.resource(), rule.kind(), resources);
                if (m.isEmpty()) {
                    continue;
                }
                if (rule.kind() == ResourceKind.S3_BUCKET && (req.call().arguments().containsKey("SSEKMSKeyId")
                        || req.call().arguments().containsKey("ServerSideEncryption"))) {
                    continue; // The call names its own encryption: the bucket's default does not apply.
                }
                if (rule.kind() == ResourceKind.SSM_PARAMETER && rule.kmsActions().contains("kms:Decrypt")) {
                    SymbolicValue wd = req.call().arguments().get("WithDecryption");
                    if (wd == null || !wd.render().equals("True")) {
                        continue; // Without WithDecryption, SSM returns the ciphertext: no key is used.
                    }
                }
                replacesGuess |= m.get().certain() && (rule.kind() == ResourceKind.S3_BUCKET
                        || rule.kind() == ResourceKind.SSM_PARAMETER);
                DeclaredResource res = m.get().resource();
                Optional<String> key = res.kmsKey().filter(k -> !awsManaged(k));
                if (key.isEmpty()) {
                    continue;
                }
                String contextValue = rule.kind() == ResourceKind.S3_BUCKET && !"true".equals(
                        res.attributes().get("bucketKey")) ? req.resource() : res.arn();
                for (String action : rule.kmsActions()) {
                    Map<String, String> context = new LinkedHashMap<>();
                    context.put("kms:ViaService", rule.viaService() + "."
                            + target.region().orElse(SymbolicValue.UNKNOWN) + ".amazonaws.com");
                    Map<String, List<String>> callContext = new LinkedHashMap<>();
                    if (rule.contextKey() != null) {
                        callContext.put("kms:EncryptionContext:" + rule.contextKey(), List.of(contextValue));
                    }
                    Optional<String> onlyWhen = m.get().certain() ? unknownKey(key.get())
                            : Optional.of("the call's resource is " + res.name() + " (the code does not show it "
                            + "exactly)");
                    added.add(new Derived(new Requirement(action, keyResource(key.get(), target), context,
                            "the resource " + res.name() + " is encrypted with the customer managed key "
                                    + key.get() + " (" + res.source() + "), so " + req.action() + " needs "
                                    + action + " on it (" + rule.source() + ")", req.call(), onlyWhen, false, callContext),
                            Optional.ofNullable(res.attributes().get("keyPolicy"))));
                }
            }
        }
        reqs = withLeadingKeys(reqs, resources);
        for (Requirement req : reqs) {
            // The configuration says which key (if any) encrypts the bucket or parameter: drop the guess.
            boolean guess = req.action().startsWith("kms:") && req.onlyWhen().isPresent()
                    && req.resource().endsWith(":key/" + SymbolicValue.UNKNOWN);
            if (!(replacesGuess && guess)) {
                out.add(new Derived(req, Optional.empty()));
            }
        }
        for (Derived d : added) {
            boolean dup = out.stream().anyMatch(o -> o.requirement().action().equals(d.requirement().action())
                    && o.requirement().resource().equals(d.requirement().resource()));
            if (!dup) {
                out.add(d);
            }
        }
        return out;
    }

    private static final Set<String> ITEM_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem");

    /**
     * dynamodb:LeadingKeys of item calls on a declared table whose partition key attribute the project shows
     * (DynamoDB developer guide, "Using IAM policy conditions for fine-grained access control").
     */
    private static List<Requirement> withLeadingKeys(List<Requirement> reqs, List<DeclaredResource> resources) {
        List<Requirement> out = new ArrayList<>();
        for (Requirement req : reqs) {
            Optional<Match> m = ITEM_ACTIONS.contains(req.action()) && !req.callContext().containsKey(
                    "dynamodb:LeadingKeys") ? declaredFor(req.resource(), ResourceKind.DYNAMODB_TABLE, resources)
                    .filter(Match::certain) : Optional.empty();
            String hashKey = m.map(x -> x.resource().attributes().get("hashKey")).orElse(null);
            Optional<List<String>> keys = hashKey == null ? Optional.empty()
                    : CallContext.leadingKeys(req.call(), hashKey);
            if (keys.isEmpty()) {
                out.add(req);
                continue;
            }
            Map<String, List<String>> cc = new LinkedHashMap<>(req.callContext());
            cc.put("dynamodb:LeadingKeys", keys.get());
            out.add(new Requirement(req.action(), req.resource(), req.context(), req.why(), req.call(),
                    req.onlyWhen(), req.optional(), cc));
        }
        return out;
    }

    /**
     * The kms:Decrypt of the environment of target {@code function} encrypted with a customer managed key, as an
     * optional requirement (never a finding): Lambda decrypts it with a grant for the execution role that it creates
     * when the function is created or updated, with the permissions of whoever deploys it ("reset the AWS KMS grant
     * for the function's execution role ... The IAM user that creates and updates the Lambda function must have
     * permission to use the AWS KMS key", {@link #LAMBDA_ENVIRONMENT_GRANT_SOURCE}), and a grant needs no IAM
     * policy. The execution role's own policies matter only when that grant is gone (the role deleted and created
     * again under the same name), a failure the deploy repairs. The requirement's call is the key property.
     */
    public static Optional<Derived> environment(DeclaredResource function, TargetContext target) {
        Optional<String> key = function.kmsKey().filter(k -> !awsManaged(k));
        if (function.kind() != ResourceKind.LAMBDA_FUNCTION || key.isEmpty()) {
            return Optional.empty();
        }
        SdkCall at = new SdkCall("lambda", "environment", Map.of(), Confidence.HIGH, function.source(), "", "");
        Map<String, String> context = new LinkedHashMap<>();
        context.put("kms:ViaService", "lambda." + target.region().orElse(SymbolicValue.UNKNOWN) + ".amazonaws.com");
        Map<String, List<String>> callContext = new LinkedHashMap<>();
        String name = function.attributes().get("functionName");
        if (name != null) {
            callContext.put("kms:EncryptionContext:LambdaFunctionName", List.of(name));
        }
        return Optional.of(new Derived(new Requirement("kms:Decrypt", keyResource(key.get(), target), context,
                "the environment of " + function.name() + " is encrypted with the customer managed key " + key.get()
                        + ", which Lambda decrypts through a grant for the execution role that the deploy creates ("
                        + LAMBDA_ENVIRONMENT_GRANT_SOURCE + "); the role's policies matter only if that grant is gone",
                at, unknownKey(key.get()), true, callContext),
                Optional.ofNullable(function.attributes().get("keyPolicy"))));
    }

    /** Whether a key reference names an AWS managed key ({@code alias/aws/...}, or its alias ARN). */
    static boolean awsManaged(String key) {
        int i = key.indexOf("alias/aws/");
        return (i == 0 || i > 0 && key.startsWith("arn:")) && !key.substring(i).contains(SymbolicValue.UNKNOWN);
    }

    /** A key known only as an unknown value may be an AWS managed one: the need then depends on it. */
    private static Optional<String> unknownKey(String key) {
        boolean unknown = key.equals(SymbolicValue.UNKNOWN) || !key.startsWith("arn:") && !key.startsWith("alias/")
                || key.contains("alias/") && key.contains(SymbolicValue.UNKNOWN);
        return unknown ? Optional.of("the key " + key + " is customer managed, not an AWS managed key (alias/aws/...)")
                : Optional.empty();
    }

    /** KMS authorizes a request made with an alias on the key it points to, whose id the alias does not show. */
    private static String keyResource(String key, TargetContext target) {
        if (key.startsWith("arn:") && key.contains(":key/")) {
            return key;
        }
        String[] p = key.split(":", 6);
        if (key.startsWith("arn:") && p.length == 6) {
            return String.join(":", p[0], p[1], p[2], p[3], p[4], "key/" + SymbolicValue.UNKNOWN);
        }
        return "arn:" + target.effectivePartition().orElse(SymbolicValue.UNKNOWN) + ":kms:"
                + target.region().orElse(SymbolicValue.UNKNOWN) + ":" + target.account().orElse(SymbolicValue.UNKNOWN)
                + ":key/" + SymbolicValue.UNKNOWN;
    }

    /**
     * The tags declared on the resource a requirement's resource certainly is; empty when the analysis cannot tell
     * which resource it is (an unknown ARN segment, a resource the project does not declare), and then its tags are
     * not known either. A request on an S3 object has no aws:ResourceTag key (its tags are s3:ExistingObjectTag).
     */
    public static Optional<Map<String, String>> tagsOf(String resource, List<DeclaredResource> resources) {
        String[] parts = resource.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("s3") && parts[5].indexOf('/') > 0) {
            // The object resource type lists s3:ExistingObjectTag, not aws:ResourceTag (Service Authorization
            // Reference, "Actions, resources, and condition keys for Amazon S3").
            return Optional.of(Map.of());
        }
        if (resources.isEmpty() || resource.contains(SymbolicValue.UNKNOWN) || !resource.startsWith("arn:")) {
            return Optional.empty();
        }
        for (DeclaredResource d : resources) {
            Optional<Match> m = declaredFor(resource, d.kind(), List.of(d));
            if (m.isPresent() && m.get().certain()) {
                return Optional.of(d.tags());
            }
        }
        return Optional.empty();
    }

    /** A declared resource a requirement's resource is on; {@code certain} when the resource is fully known. */
    record Match(DeclaredResource resource, boolean certain) {
    }

    /**
     * The declared resource of {@code kind} that {@code resource} is on (S3: the object's bucket). An unknown part of
     * either side may stand for anything; the match is certain only when the requirement's resource is fully known and
     * exactly one declared resource matches it.
     */
    static Optional<Match> declaredFor(String resource, ResourceKind kind, List<DeclaredResource> resources) {
        String r = resource;
        if (kind == ResourceKind.S3_BUCKET && r.startsWith("arn:")) {
            int slash = r.indexOf('/');
            r = slash > 0 ? r.substring(0, slash) : r;
        }
        List<DeclaredResource> found = new ArrayList<>();
        for (DeclaredResource d : resources) {
            if (d.kind() == kind && (pattern(d.arn()).test(r) || pattern(r).test(d.arn()))) {
                found.add(d);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        boolean certain = found.size() == 1 && !r.contains(SymbolicValue.UNKNOWN)
                && !found.get(0).arn().contains(SymbolicValue.UNKNOWN);
        if (found.size() > 1) {
            // Several declared resources may be the one: charge only what they all agree on (the first's key when
            // every one has the same key), else nothing.
            boolean same = found.stream().allMatch(f -> f.kmsKey().equals(found.get(0).kmsKey()));
            if (!same) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(found.get(0), certain));
    }

    /** An ARN with {@code {?}} for unknown parts as a matcher of full ARNs ({@code *} and {@code ?} are literal). */
    private static Predicate<String> pattern(String arn) {
        return Wildcards.matcher(arn, Wildcards.Syntax.LITERAL_WITH_UNKNOWNS, Wildcards.Mode.PLAIN);
    }
}

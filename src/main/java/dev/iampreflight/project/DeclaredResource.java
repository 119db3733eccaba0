package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource the project declares, with the parts of its configuration that decide what a request on it needs: the
 * tags it is created with ({@code aws:ResourceTag/*} of requests on it) and the KMS key that encrypts it (a customer
 * managed key adds KMS permissions to the calls that read or write it).
 *
 * @param arn        the ARN pattern of the resource ({@code {?}} for unknown segments)
 * @param kind       what it is
 * @param name       e.g. {@code AWS::SQS::Queue Orders} or {@code aws_sqs_queue.orders}
 * @param tags       tag key -> value as declared; a value not known offline is {@code {?}}
 * @param kmsKey     the key that encrypts it: a key ARN pattern, an alias ({@code alias/aws/sqs}) or {@code {?}}
 *                   when the key is set to a value not known offline; empty when it is not encrypted with a KMS key
 *                   the project names (AWS owned keys or no encryption)
 * @param attributes other facts a rule needs, e.g. {@code hashKey} of a DynamoDB table
 * @param source     where it is declared (the key property when one is set)
 */
public record DeclaredResource(String arn, ResourceKind kind, String name, Map<String, String> tags,
                               Optional<String> kmsKey, Map<String, String> attributes, SourceLocation source) {
    public DeclaredResource {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(kind, "kind");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(kmsKey, "kmsKey");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Attributes of an S3 bucket's access control list, as the IaC writes them: the canned ACL
     * ({@code PublicRead} or {@code public-read}), where it is written ({@code file:line:column}), the bucket's Object
     * Ownership ({@code BucketOwnerEnforced} disables ACLs) and its Block Public Access {@code IgnorePublicAcls};
     * {@code {?}} when a value is not known offline.
     */
    public static final String ACL = "acl";
    public static final String ACL_AT = "aclAt";
    public static final String OBJECT_OWNERSHIP = "objectOwnership";
    public static final String IGNORE_PUBLIC_ACLS = "ignorePublicAcls";

    /** The attribute that marks a durable Lambda function: where its durable configuration is, as "line:column". */
    public static final String DURABLE = "durableConfig";

    /** Marks a Lambda function's attributes as durable, with where its durable configuration is written. */
    public static void markDurable(Map<String, String> attributes, SourceLocation at) {
        attributes.put(DURABLE, at.line() + ":" + at.column());
    }

    /**
     * Where a durable function's durable configuration is written (in this resource's file), or empty for a function
     * that is not durable.
     */
    public Optional<SourceLocation> durableConfig() {
        String at = attributes.get(DURABLE);
        if (at == null) {
            return Optional.empty();
        }
        String[] p = at.split(":");
        return Optional.of(new SourceLocation(source.file(), Integer.parseInt(p[0]), Integer.parseInt(p[1])));
    }
}

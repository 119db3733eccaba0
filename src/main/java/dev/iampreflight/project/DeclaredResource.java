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
}

package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.PolicyDocument;

import java.util.Objects;

/**
 * A policy attached to a resource declared in the same IaC.
 *
 * @param resourceArn the ARN pattern of the resource ({@code {?}} for unknown segments)
 * @param name        e.g. {@code AWS::S3::BucketPolicy MediaBucketPolicy}
 * @param source      where the policy was written
 */
public record ResourcePolicy(String resourceArn, ResourceKind kind, String name, PolicyDocument document,
                             SourceLocation source) {
    public ResourcePolicy {
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }
}

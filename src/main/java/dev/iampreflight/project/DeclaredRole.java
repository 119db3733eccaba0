package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.PolicyDocument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role the project declares, whether or not code runs as it: what code that assumes it may do (its identity
 * policies and boundary) and who may assume it (its trust policy).
 *
 * @param arn              the role's ARN pattern
 * @param name             e.g. {@code AWS::IAM::Role Auditor} or {@code aws_iam_role.auditor}
 * @param identityPolicies inline and attached policies
 * @param trustPolicy      the assume role policy document, when it could be read
 */
public record DeclaredRole(String arn, String name, List<AttachedPolicy> identityPolicies,
                           Optional<AttachedPolicy> permissionBoundary, Optional<PolicyDocument> trustPolicy,
                           SourceLocation source) {
    public DeclaredRole {
        Objects.requireNonNull(arn, "arn");
        identityPolicies = List.copyOf(identityPolicies);
        Objects.requireNonNull(permissionBoundary, "permissionBoundary");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
    }
}

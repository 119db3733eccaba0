package dev.iampreflight.project;

import java.util.Locale;

/**
 * Where an attached policy's document comes from. The last two have no document: the policy is written by chalice at
 * deploy time from the code, or it already lives in AWS and cannot be read offline.
 */
public enum PolicyOrigin {
    /** Written inline in the deploy file (a role's inline policy, a SAM inline statement, a Chalice policy file). */
    INLINE,
    /** A customer managed policy declared in the same IaC and attached to the role. */
    CUSTOMER_MANAGED,
    /** An AWS managed policy named by ARN, resolved from the bundled knowledge base. */
    AWS_MANAGED,
    /** An AWS SAM policy template such as {@code DynamoDBCrudPolicy}, expanded from the bundled knowledge base. */
    SAM_TEMPLATE,
    /** Chalice generates the policy from the code at deploy time ({@code autogen_policy}); no document. */
    CHALICE_GENERATED,
    /** An existing role or a managed policy that is not declared here nor bundled; its document lives in AWS. */
    IN_AWS;

    /** The kebab-case name used in JSON output ({@code aws-managed}, {@code in-aws}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

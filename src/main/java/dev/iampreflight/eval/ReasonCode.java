package dev.iampreflight.eval;

/** Why a decision came out as it did, as data for reports (the message says it in words). */
public enum ReasonCode {
    /** A Deny statement matched (the decision lists which). */
    DENIED_BY_STATEMENT,
    /** No identity-based policy statement allows the request (and no resource policy grants on its own). */
    NO_ALLOW_IN_IDENTITY,
    /** A permissions boundary does not allow the request. */
    BOUNDARY_DOES_NOT_ALLOW,
    /** The session policy does not allow the request. */
    SESSION_POLICY_DOES_NOT_ALLOW,
    /** A service control policy level does not allow the request. */
    SCP_DOES_NOT_ALLOW,
    /** A resource control policy level does not allow the request. */
    RCP_DOES_NOT_ALLOW,
    /** A KMS key policy or role trust policy does not allow the principal (nor its account root). */
    RESOURCE_POLICY_DOES_NOT_TRUST,
    /** Cross-account, anonymous or service-principal request the resource policy does not allow (or there is none). */
    RESOURCE_POLICY_DOES_NOT_ALLOW,
    /** Allowed by identity-based policies (within every boundary, session policy, SCP and RCP). */
    ALLOWED_BY_IDENTITY,
    /** Allowed by the resource-based policy on its own (same account, principal named). */
    ALLOWED_BY_RESOURCE_POLICY,
    /** Cross-account: allowed by both the identity-based and the resource-based policy. */
    ALLOWED_BY_BOTH,
    /** The account root user in its own account. */
    ALLOWED_AS_ROOT,
    /** Only some values of the unknown resource part are allowed. */
    ALLOWED_FOR_SOME_RESOURCES,
    /**
     * An action with no resource type is allowed only by statements whose Resource is not "*" but may match the ARN
     * AWS evaluates it against, which AWS does not document: not a certain deny.
     */
    UNDOCUMENTED_RESOURCE,
    /**
     * The service refuses the request whatever the policies say (an IAM write on an AWS managed policy or a role
     * under {@code aws-reserved/}, a KMS alias operation on {@code alias/aws/*}): see {@code ServiceRules}.
     */
    REFUSED_BY_SERVICE,
    /** The operation needs no permission and no policy can deny it ({@code sts:GetCallerIdentity}). */
    NO_PERMISSION_REQUIRED,
    /**
     * Added to an allowed KMS request for which no key policy was given: the key policy must allow too, and only the
     * identity side was evaluated.
     */
    KEY_POLICY_UNKNOWN,
    /** The AWS IAM policy simulator allowed the request (eval.aws; the matched statements are listed). */
    ALLOWED_BY_SIMULATOR,
    /**
     * The request could not be sent to the AWS IAM policy simulator (an input it cannot take, such as an RCP or an
     * unknown resource part); the decision is the local engine's. The message says why.
     */
    NOT_CHECKED_REMOTELY,
    /** The simulator reported condition keys the request did not give values for; the message names them. */
    MISSING_CONTEXT_VALUES
}

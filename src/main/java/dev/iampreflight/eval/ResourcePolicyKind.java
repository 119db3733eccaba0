package dev.iampreflight.eval;

/**
 * What a resource-based policy is attached to. KMS key policies and IAM role trust policies differ from other resource
 * policies: they grant nothing to the account implicitly, so the key or trust policy itself must allow the principal or
 * the account root (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 */
public enum ResourcePolicyKind {
    /** S3 bucket, SQS queue, SNS topic, Lambda, Secrets Manager, ... policies. */
    GENERIC,
    /** A KMS key policy. */
    KMS_KEY,
    /** An IAM role trust policy (the resource is the role, the action sts:AssumeRole*). */
    ROLE_TRUST
}

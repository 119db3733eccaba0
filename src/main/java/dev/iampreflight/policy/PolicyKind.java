package dev.iampreflight.policy;

/**
 * What a policy document is attached as, which decides its grammar: an identity policy has no Principal and needs
 * Resource; a resource policy needs Principal; a role trust policy needs Principal and its actions are sts ones
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policy-types).
 * {@code UNKNOWN} for a standalone document whose use cannot be told.
 */
public enum PolicyKind {
    IDENTITY, RESOURCE, TRUST, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.iampreflight.rules;

import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;

import java.util.Optional;

/**
 * One policy document a lint run looks at, with what it is attached as.
 *
 * @param limit the size quota of its kind in characters (not counting white space) when the kind is known: a
 *              managed policy, an inline policy, a trust policy
 */
public record LintedPolicy(PolicyDocument document, PolicyKind kind, Optional<SizeLimit> limit) {

    public LintedPolicy(PolicyDocument document, PolicyKind kind) {
        this(document, kind, Optional.empty());
    }

    /** An IAM character quota (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    public record SizeLimit(String what, int characters) {
    }
}

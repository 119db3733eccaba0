package dev.iampreflight.eval.local.internal;

import dev.iampreflight.eval.ReasonCode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rules that a service applies before, or instead of, policy evaluation, so that its answer does not depend on any
 * policy. Each row cites the AWS page it comes from; docs/engine.md lists them.
 * <ul>
 * <li>AWS managed policies ({@code arn:PARTITION:iam::aws:policy/...}) are maintained by AWS: "You can't change the
 * permissions in AWS managed policies"
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/security-iam-awsmanpol.html, pointing to
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies).</li>
 * <li>Roles under the path {@code aws-reserved/} (IAM Identity Center's {@code AWSReservedSSO_*} roles) are protected:
 * IAM answers "Cannot perform the operation on the protected role ... - this role is only modifiable by AWS"
 * (https://repost.aws/knowledge-center/identity-center-aws-reserved-sso); Identity Center manages them itself
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html) through its
 * service-linked role, which a project's code never runs as.</li>
 * <li>Alias names that begin with {@code alias/aws/} are reserved for AWS managed keys: CreateAlias, UpdateAlias
 * and DeleteAlias on them fail (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html: "The alias
 * name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for Amazon Web Services managed keys").</li>
 * <li>{@code sts:GetCallerIdentity} needs no permission, and an explicit deny does not stop it
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html: "No permissions are required to
 * perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to
 * the sts:GetCallerIdentity action, you can still perform this operation").</li>
 * </ul>
 * The rules apply to concrete resources only: a resource with an unknown part is left to policy evaluation.
 */
public final class ServiceRules {

    /** What a rule decided: refused or allowed whatever the policies say, and why. */
    public record Verdict(boolean allowed, ReasonCode code, String message) {
    }

    private static final Set<String> KMS_ALIAS_WRITES = Set.of("kms:createalias", "kms:updatealias",
            "kms:deletealias");

    private ServiceRules() {
    }

    /** The service's own answer for this action and resource, or empty when the policies decide. */
    public static Optional<Verdict> verdict(String action, String resource) {
        // Cheap test first: every decision passes here, and only sts:, iam: and kms: actions can have a rule.
        if (!(action.regionMatches(true, 0, "sts:", 0, 4) || action.regionMatches(true, 0, "iam:", 0, 4)
                || action.regionMatches(true, 0, "kms:", 0, 4))) {
            return Optional.empty();
        }
        String a = action.toLowerCase(Locale.ROOT);
        if (a.equals("sts:getcalleridentity")) {
            return Optional.of(new Verdict(true, ReasonCode.NO_PERMISSION_REQUIRED,
                    "sts:GetCallerIdentity needs no permission and cannot be denied by a policy"));
        }
        if (resource == null || resource.contains("{?}")) {
            return Optional.empty();
        }
        String[] arn = resource.split(":", 6);
        if (arn.length < 6 || !arn[0].equals("arn")) {
            return Optional.empty();
        }
        String service = arn[2].toLowerCase(Locale.ROOT);
        if (a.startsWith("iam:") && service.equals("iam") && isWrite(a.substring(4))) {
            if (arn[4].equals("aws") && arn[5].startsWith("policy/")) {
                return Optional.of(new Verdict(false, ReasonCode.REFUSED_BY_SERVICE, resource
                        + " is an AWS managed policy: IAM refuses every change to it, whatever the policies allow"));
            }
            if (arn[5].startsWith("role/aws-reserved/") && !a.equals("iam:passrole")) {
                return Optional.of(new Verdict(false, ReasonCode.REFUSED_BY_SERVICE, resource
                        + " is a role under aws-reserved/ (IAM Identity Center): IAM refuses to change it, whatever "
                        + "the policies allow"));
            }
        }
        if (KMS_ALIAS_WRITES.contains(a) && service.equals("kms") && arn[5].toLowerCase(Locale.ROOT)
                .startsWith("alias/aws/")) {
            return Optional.of(new Verdict(false, ReasonCode.REFUSED_BY_SERVICE, resource
                    + ": alias names beginning with alias/aws/ are reserved for AWS managed keys, so KMS refuses "
                    + action + " on them, whatever the policies allow"));
        }
        return Optional.empty();
    }

    /** IAM actions that change something (everything but reads, lists, simulations and report generation). */
    private static boolean isWrite(String name) {
        return !(name.startsWith("get") || name.startsWith("list") || name.startsWith("simulate")
                || name.startsWith("generate"));
    }
}

package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2410", name = "canonical-user-in-trust-policy", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A role trust policy names a CanonicalUser principal",
        help = "A canonical user id identifies an account to Amazon S3 (bucket policies and ACLs); no caller of "
                + "sts:AssumeRole is identified by one, so a role trust policy cannot name it. Name the account as an AWS principal "
                + "(\"AWS\": \"123456789012\"). Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html "
                + "(AWS account principals, canonical user ids in Amazon S3)")
public final class CanonicalUserInTrustPolicy extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.CANONICAL_USER)).orElse(List.of())) {
                out.add(finding(v.location(), "a role trust policy cannot name the canonical user '" + v.value()
                        + "' (canonical ids are for Amazon S3); name the account as an AWS principal"));
            }
        }
        return out;
    }
}

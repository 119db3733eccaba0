package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2011", name = "notprincipal-in-trust-policy", severity = Severity.ERROR,
        category = Category.GRAMMAR,
        summary = "A role trust policy uses NotPrincipal",
        help = "NotPrincipal is supported only in the resource-based policies of some services; it cannot be used in "
                + "an identity-based policy nor in an IAM role trust policy. Name the principals in Principal, or use "
                + "Principal \"*\" with a condition on aws:PrincipalArn. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html")
public final class NotPrincipalInTrustPolicy extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.principal().filter(p -> p.negated()).ifPresent(p -> out.add(finding(p.location(), s.label()
                    + " of a role trust policy uses NotPrincipal, which role trust policies do not support; name "
                    + "the principals in Principal")));
        }
        return out;
    }
}

package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2005", name = "principal-in-identity-policy", severity = Severity.ERROR,
        category = Category.GRAMMAR,
        summary = "An identity policy statement has a Principal or NotPrincipal",
        help = "An identity-based policy applies to the identity it is attached to, so it cannot name a principal: "
                + "IAM rejects a Principal element there, and NotPrincipal is not allowed in identity-based "
                + "policies. Remove the element, or move the statement to a resource policy. "
                + "Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html")
public final class PrincipalInIdentityPolicy extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.IDENTITY) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.principal().ifPresent(p -> out.add(finding(p.location(), s.label() + " of an identity policy has "
                    + (p.negated() ? "NotPrincipal" : "Principal") + "; identity policies apply to the identity "
                    + "they are attached to and cannot name a principal")));
        }
        return out;
    }
}

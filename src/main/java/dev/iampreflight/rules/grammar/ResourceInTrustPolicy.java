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

@RuleInfo(id = "IAM2010", name = "resource-in-trust-policy", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "A role trust policy statement has Resource or NotResource",
        help = "A role trust policy applies to the role it is attached to, so its statements name no resource; IAM "
                + "refuses a trust policy with Resource or NotResource (MalformedPolicyDocument: \"Has prohibited "
                + "field Resource\"), and the role is not created. The usual cause is a permissions statement "
                + "written into AssumeRolePolicyDocument or assume_role_policy: move it to the role's policies. "
                + "Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html")
public final class ResourceInTrustPolicy extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.resources().ifPresent(r -> out.add(finding(r.location(), s.label() + " of a role trust policy has "
                    + (r.negated() ? "NotResource" : "Resource") + "; IAM refuses it (\"Has prohibited field "
                    + "Resource\"): remove it, and put permissions in the role's policies")));
        }
        return out;
    }
}

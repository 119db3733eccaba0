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

@RuleInfo(id = "IAM2006", name = "missing-principal", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "A resource or trust policy statement has no Principal",
        help = "Resource-based policies, role trust policies included, must say whom they apply to with Principal "
                + "(or NotPrincipal); the service rejects a statement without one. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class MissingPrincipal extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.RESOURCE && policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principal().isEmpty()) {
                out.add(finding(s.location(), s.label() + " of a " + policy.kind().label() + " policy has no "
                        + "Principal; name who the statement applies to"));
            }
        }
        return out;
    }
}

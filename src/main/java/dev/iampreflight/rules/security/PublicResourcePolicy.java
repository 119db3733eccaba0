package dev.iampreflight.rules.security;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2507", name = "public-resource-policy", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A resource policy allows anyone, with no condition",
        help = "A resource policy statement that allows Principal \"*\" (or AWS \"*\") with no condition makes the "
                + "resource public: anyone, in any account or none, can use the actions. Name the principals, or "
                + "add a condition such as aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or aws:SourceVpce. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html and "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class PublicResourcePolicy extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.RESOURCE) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            Optional<Principal> p = PolicyText.openToAnyone(s);
            if (p.isPresent()) {
                out.add(finding(p.get().location(), s.label() + " allows anyone (Principal \"*\") with no condition: "
                        + String.join(", ", s.actions().strings())));
            }
        }
        return out;
    }
}

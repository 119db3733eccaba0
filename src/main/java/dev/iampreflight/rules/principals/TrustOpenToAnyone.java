package dev.iampreflight.rules.principals;

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

@RuleInfo(id = "IAM2405", name = "trust-open-to-anyone", severity = Severity.ERROR, category = Category.PRINCIPALS,
        summary = "A role trust policy lets any AWS principal assume the role",
        help = "A trust policy statement that allows sts:AssumeRole to Principal \"*\" (or AWS \"*\") with no "
                + "condition lets any principal of any AWS account assume the role and use its permissions. Name "
                + "the accounts or roles, or add conditions such as aws:PrincipalOrgID or sts:ExternalId. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html "
                + "and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class TrustOpenToAnyone extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            Optional<Principal> open = PolicyText.openToAnyone(s);
            boolean assume = PolicyText.actions(s).stream().anyMatch(a -> PolicyText.covers(a.value(),
                    "sts:AssumeRole"));
            if (open.isPresent() && assume) {
                out.add(finding(open.get().location(), s.label() + " lets any AWS principal assume the role: "
                        + "Principal is \"*\" and there is no condition"));
            }
        }
        return out;
    }
}

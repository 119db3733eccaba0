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
import dev.iampreflight.policy.LocatedString;
import java.util.Locale;
import java.util.Set;

@RuleInfo(id = "IAM2007", name = "trust-policy-action", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "A role trust policy allows an action that is not an sts one",
        help = "A role trust policy controls who can assume the role; its statements apply to the AWS STS actions "
                + "(sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, "
                + "sts:SetSourceIdentity, sts:SetContext). Another service's action there grants nothing. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html "
                + "(trust policy) and https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html")
public final class TrustPolicyAction extends LintRule {
    static final Set<String> STS = Set.of("sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
            "sts:tagsession", "sts:setsourceidentity", "sts:setcontext");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : PolicyText.actions(s)) {
                String v = a.value().toLowerCase(Locale.ROOT);
                if (PolicyText.unknown(v) || PolicyText.hasWildcard(v) || STS.contains(v)) {
                    continue;
                }
                out.add(finding(a.location(), "'" + a.value() + "' in a role trust policy grants nothing; a trust "
                        + "policy allows sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, "
                        + "sts:TagSession, sts:SetSourceIdentity or sts:SetContext"));
            }
        }
        return out;
    }
}

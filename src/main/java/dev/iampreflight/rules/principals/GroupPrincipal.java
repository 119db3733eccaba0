package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RuleInfo(id = "IAM2408", name = "group-principal", severity = Severity.ERROR, category = Category.PRINCIPALS,
        summary = "A principal is an IAM group",
        help = "An IAM user group is not a principal: groups hold permissions, they do not authenticate, so a policy "
                + "cannot name one in Principal (IAM answers \"Invalid principal in policy\"). Name the users or "
                + "roles, or attach an identity policy to the group instead. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class GroupPrincipal extends LintRule {
    static final Pattern GROUP = Pattern.compile("arn:[^:]+:iam::[^:]*:group/.+");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.AWS)).orElse(List.of())) {
                if (!PolicyText.unknown(v.value()) && GROUP.matcher(v.value()).matches()) {
                    out.add(finding(v.location(), "'" + v.value() + "' is an IAM group, which cannot be a "
                            + "principal; name its users or roles, or attach a policy to the group"));
                }
            }
        }
        return out;
    }
}

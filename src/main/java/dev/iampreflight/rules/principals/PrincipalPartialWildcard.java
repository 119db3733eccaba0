package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
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
import java.util.Locale;

@RuleInfo(id = "IAM2403", name = "principal-partial-wildcard", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A principal uses a wildcard for part of a name or ARN",
        help = "In Principal, \"*\" alone means everyone, but a wildcard cannot match part of a principal name or "
                + "ARN (arn:aws:iam::123456789012:role/app-*). Name the principals, or use Principal \"*\" with the "
                + "aws:PrincipalArn condition key and ArnLike. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class PrincipalPartialWildcard extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principal().isEmpty()) {
                continue;
            }
            for (List<LocatedString> values : s.principal().get().byType().values()) {
                for (LocatedString v : values) {
                    if (!v.value().equals("*") && PolicyText.hasWildcard(v.value()) && !PolicyText.unknown(v.value())) {
                        out.add(finding(v.location(), "principal '" + v.value() + "' uses a wildcard for part of a "
                                + "name; use Principal \"*\" with an ArnLike condition on aws:PrincipalArn"));
                    }
                }
            }
        }
        return out;
    }
}

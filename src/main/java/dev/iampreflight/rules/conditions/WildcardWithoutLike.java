package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
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
import java.util.Optional;
import java.util.Set;

@RuleInfo(id = "IAM2323", name = "wildcard-without-like-operator", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A StringEquals-like condition value has a wildcard, which it compares literally",
        help = "StringEquals, StringNotEquals and their IgnoreCase forms compare the value as written: * and ? "
                + "match only themselves. To match a pattern use StringLike or StringNotLike. Access Analyzer "
                + "reports it (Wildcard without like operator). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators"
                + ".html#Conditions_String")
public final class WildcardWithoutLike extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String base = PolicyText.baseOperator(c.operator().value()).toLowerCase(Locale.ROOT);
                if (!base.startsWith("string") || base.contains("like")
                        || Operators.family(c.operator().value()).isEmpty()) {
                    continue;
                }
                for (LocatedString v : c.values()) {
                    String t = v.value().replace("${*}", "").replace("${?}", "");
                    if (!PolicyText.unknown(t) && PolicyText.hasWildcard(t)) {
                        out.add(finding(v.location(), c.operator().value() + " compares '" + v.value() + "' literally, "
                                + "* and ? included; use " + c.operator().value().replace("NotEquals", "NotLike")
                                .replace("Equals", "Like").replace("IgnoreCase", "") + " to match a pattern"));
                        break;
                    }
                }
            }
        }
        return out;
    }
}

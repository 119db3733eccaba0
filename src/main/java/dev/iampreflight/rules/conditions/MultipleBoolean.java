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

@RuleInfo(id = "IAM2328", name = "bool-true-and-false", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A Bool or Null condition accepts both true and false",
        help = "The values of one condition key are ORed, so Bool (or Null) with both \"true\" and \"false\" holds "
                + "for every request that has the key (for Null, every request): the condition restricts nothing. "
                + "Keep the one value meant. Access Analyzer reports it (Invalid condition multiple Boolean). "
                + "Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators"
                + ".html#Conditions_Boolean")
public final class MultipleBoolean extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                Operators.Family f = Operators.family(c.operator().value()).orElse(null);
                if (f != Operators.Family.BOOL && f != Operators.Family.NULL) {
                    continue;
                }
                boolean t = c.values().stream().anyMatch(v -> v.value().equalsIgnoreCase("true"));
                boolean fa = c.values().stream().anyMatch(v -> v.value().equalsIgnoreCase("false"));
                if (t && fa) {
                    out.add(finding(c.key().location(), c.operator().value() + " on '" + c.key().value() + "' accepts "
                            + "both true and false, so it restricts nothing; keep one value"));
                }
            }
        }
        return out;
    }
}

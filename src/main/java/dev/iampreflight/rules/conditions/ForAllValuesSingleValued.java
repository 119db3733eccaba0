package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.iampreflight.iamdata.ConditionKeyInfo;

@RuleInfo(id = "IAM2304", name = "set-operator-on-single-valued-key", severity = Severity.WARNING,
        category = Category.CONDITIONS,
        summary = "ForAllValues or ForAnyValue is used with a single-valued condition key",
        help = "The set operators compare multivalued keys (aws:TagKeys, aws:PrincipalServiceNamesList). With a "
                + "single-valued key, ForAllValues is also true when the key is missing from the request, so an "
                + "Allow with it can match requests that have no such value at all; use the plain operator. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html")
public final class ForAllValuesSingleValued extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String prefix = PolicyText.setPrefix(c);
                if (prefix.isEmpty() || Operators.family(c.operator().value()).isEmpty()) {
                    continue;
                }
                java.util.Optional<ConditionKeyInfo> k = kb.conditionKey(c.key().value());
                if (k.isEmpty() || k.get().type().startsWith("ArrayOf") || k.get().type().isEmpty()) {
                    continue;
                }
                out.add(finding(c.operator().location(), "'" + c.key().value() + "' is single-valued ("
                        + k.get().type() + "), so " + c.operator().value() + " does not do what it seems"
                        + (prefix.equals("forallvalues") ? " (it is also true when the key is missing)" : "")
                        + "; use " + PolicyText.baseOperator(c.operator().value())
                        + (c.operator().value().endsWith("IfExists") ? "IfExists" : "")));
            }
        }
        return out;
    }
}

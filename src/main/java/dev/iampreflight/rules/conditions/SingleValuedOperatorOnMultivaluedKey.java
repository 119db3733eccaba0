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

@RuleInfo(id = "IAM2305", name = "plain-operator-on-multivalued-key", severity = Severity.WARNING,
        category = Category.CONDITIONS,
        summary = "A multivalued condition key is compared without ForAnyValue or ForAllValues",
        help = "A multivalued key (aws:TagKeys, aws:CalledVia) holds a set of values; compare it with "
                + "ForAnyValue: (at least one value matches) or ForAllValues: (every value matches). A plain operator "
                + "on it does not say which is meant. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html")
public final class SingleValuedOperatorOnMultivaluedKey extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!PolicyText.setPrefix(c).isEmpty() || Operators.family(c.operator().value())
                        .filter(f -> f != Operators.Family.NULL).isEmpty()) {
                    continue;
                }
                java.util.Optional<ConditionKeyInfo> k = kb.conditionKey(c.key().value());
                if (k.isPresent() && k.get().type().startsWith("ArrayOf")) {
                    out.add(finding(c.operator().location(), "'" + c.key().value() + "' is multivalued ("
                            + k.get().type() + "); write ForAnyValue:" + c.operator().value() + " or ForAllValues:"
                            + c.operator().value()));
                }
            }
        }
        return out;
    }
}

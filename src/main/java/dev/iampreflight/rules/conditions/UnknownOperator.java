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

@RuleInfo(id = "IAM2301", name = "unknown-condition-operator", severity = Severity.ERROR,
        category = Category.CONDITIONS,
        summary = "A condition operator does not exist",
        help = "Condition operators are the String, Numeric, Date, Bool, BinaryEquals, IpAddress, Arn and Null "
                + "families, optionally prefixed by ForAnyValue: or ForAllValues: and suffixed by IfExists (except "
                + "Null, which takes no IfExists). IAM rejects any other name. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html")
public final class UnknownOperator extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        Set<Object> seen = new java.util.HashSet<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String op = c.operator().value();
                if (PolicyText.unknown(op) || Operators.family(op).isPresent() || !seen.add(c.operator().location())) {
                    continue;
                }
                String hint = op.toLowerCase(Locale.ROOT).startsWith("null") && op.endsWith("IfExists")
                        ? "; Null takes no IfExists" : dev.iampreflight.core.Suggestions.didYouMean(op,
                        List.of("StringEquals", "StringLike", "StringNotEquals", "ArnLike", "ArnEquals", "Bool",
                                "NumericLessThan", "DateGreaterThan", "IpAddress", "NotIpAddress", "Null"));
                out.add(finding(c.operator().location(), "'" + op + "' is not a condition operator" + hint));
            }
        }
        return out;
    }
}

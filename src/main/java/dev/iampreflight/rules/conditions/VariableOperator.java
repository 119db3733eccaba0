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

@RuleInfo(id = "IAM2314", name = "variable-with-unsupported-operator", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable is compared with an operator that does not substitute it",
        help = "IAM substitutes policy variables in the values of String and Arn operators only. In a Numeric, "
                + "Date, Bool, BinaryEquals, IpAddress or Null condition ${aws:...} stays literal text, which is "
                + "no number, date, boolean or address, so the condition never matches (or, negated, always "
                + "does). Access Analyzer reports it as an error (Invalid variable for operator). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableOperator extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                Operators.Family f = Operators.family(c.operator().value()).orElse(null);
                if (f == null || f == Operators.Family.STRING || f == Operators.Family.ARN) {
                    continue;
                }
                for (LocatedString v : c.values()) {
                    if (!PolicyText.unknown(v.value()) && v.value().matches(".*\\$\\{[^}]*:[^}]*}.*")) {
                        out.add(finding(v.location(), c.operator().value() + " does not substitute the policy variable "
                                + "in '" + v.value() + "'; only String and Arn operators do"));
                    }
                }
            }
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2307", name = "operator-key-type-mismatch", severity = Severity.WARNING,
        category = Category.CONDITIONS,
        summary = "A condition operator does not fit the type of its condition key",
        help = "Each condition key has a type (String, ARN, Date, Numeric, Bool, IPAddress); a Date, Numeric, Bool, "
                + "IpAddress or Arn operator on a key of another type, such as DateGreaterThan on aws:SourceIp, "
                + "compares nothing meaningful. Key types from the bundled data: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html, "
                + "operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html")
public final class OperatorKeyTypeMismatch extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                Operators.Family f = Operators.family(c.operator().value()).orElse(null);
                java.util.Optional<ConditionKeyInfo> k = kb.conditionKey(c.key().value());
                if (f == null || k.isEmpty() || k.get().type().isEmpty()) {
                    continue;
                }
                String type = k.get().type().replace("ArrayOf", "").toLowerCase(Locale.ROOT);
                boolean fits = switch (f) {
                    case DATE -> type.equals("date");
                    case NUMERIC -> type.equals("numeric") || type.equals("long") || type.equals("integer");
                    case BOOL -> type.equals("bool") || type.equals("boolean");
                    case IP -> type.equals("ipaddress");
                    case ARN -> type.equals("arn");
                    default -> true;
                };
                if (!fits) {
                    out.add(finding(c.operator().location(), c.operator().value() + " does not fit '"
                            + c.key().value() + "', whose type is " + k.get().type()));
                }
            }
        }
        return out;
    }
}

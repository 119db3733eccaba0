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

@RuleInfo(id = "IAM2303", name = "condition-value-type", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A condition value is not of the type its operator compares",
        help = "Date operators take ISO 8601 dates or epoch seconds, Numeric operators numbers, Bool and Null "
                + "\"true\" or \"false\", IpAddress IPv4 or IPv6 addresses or CIDR ranges, Arn operators ARNs. A value "
                + "of another type never matches, so the condition is never true (never false for the negated "
                + "operators). Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html")
public final class ValueType extends LintRule {
    static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "-?\\d+|\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
    static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/\\d{1,2})?");
    static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                Operators.Family f = Operators.family(c.operator().value()).orElse(null);
                if (f == null) {
                    continue;
                }
                for (LocatedString v : c.values()) {
                    String t = v.value();
                    if (PolicyText.unknown(t) || PolicyText.hasVariable(t)) {
                        continue;
                    }
                    String want = switch (f) {
                        case DATE -> DATE.matcher(t).matches() ? null : "a date (ISO 8601, e.g. 2026-12-31T23:59:59Z, "
                                + "or epoch seconds)";
                        case NUMERIC -> NUMBER.matcher(t).matches() ? null : "a number";
                        case BOOL, NULL -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") ? null
                                : "\"true\" or \"false\"";
                        case IP -> ip(t) ? null : "an IP address or CIDR range such as 203.0.113.0/24";
                        case ARN -> t.equals("*") || t.startsWith("arn:") ? null : "an ARN (or a pattern starting "
                                + "with arn:)";
                        default -> null;
                    };
                    if (want != null) {
                        out.add(finding(v.location(), c.operator().value() + " on '" + c.key().value() + "' compares "
                                + "with " + want + ", not '" + t + "'"));
                    }
                }
            }
        }
        return out;
    }

    static boolean ip(String t) {
        java.util.regex.Matcher m = IPV4.matcher(t);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return m.group(5) == null || Integer.parseInt(m.group(5).substring(1)) <= 32;
        }
        return IPV6.matcher(t).matches();
    }
}

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

@RuleInfo(id = "IAM2324", name = "invalid-date-value", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A Date condition value is not a date that exists",
        help = "Date operators take ISO 8601 dates; a value such as 2026-13-01 or 2026-02-30T25:00:00Z has the "
                + "form of a date but names none, so the comparison does not do what it says. Access Analyzer "
                + "reports it (Invalid date value). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators"
                + ".html#Conditions_Date")
public final class InvalidDate extends LintRule {
    private static final java.util.regex.Pattern ISO = java.util.regex.Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(T(\\d{2}):(\\d{2})(:(\\d{2})(\\.\\d+)?)?(Z|[+-](\\d{2}):?(\\d{2}))?)?");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (Operators.family(c.operator().value()).filter(f -> f == Operators.Family.DATE).isEmpty()) {
                    continue;
                }
                for (LocatedString v : c.values()) {
                    java.util.regex.Matcher m = ISO.matcher(v.value());
                    if (m.matches() && !exists(m)) {
                        out.add(finding(v.location(), "'" + v.value() + "' is not a date that exists (month 01-12, "
                                + "day of that month, hour 00-23, minute and second 00-59)"));
                    }
                }
            }
        }
        return out;
    }

    private static boolean exists(java.util.regex.Matcher m) {
        try {
            java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException e) {
            return false;
        }
        return in(m.group(5), 23) && in(m.group(6), 59) && in(m.group(8), 59) && in(m.group(11), 23)
                && in(m.group(12), 59);
    }

    private static boolean in(String field, int max) {
        return field == null || Integer.parseInt(field) <= max;
    }
}

package dev.iampreflight.rules.actions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
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

@RuleInfo(id = "IAM2105", name = "malformed-action", severity = Severity.ERROR, category = Category.ACTIONS,
        summary = "An action is not of the form service:action",
        help = "Each value of Action or NotAction is \"*\" or a service prefix and an action name separated by one "
                + "colon (s3:GetObject), without spaces; IAM rejects anything else (an empty string, a missing "
                + "prefix, two colons, surrounding spaces). "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html")
public final class MalformedAction extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : s.actions().values()) {
                String v = a.value();
                if (PolicyText.unknown(v) || v.equals("*")) {
                    continue;
                }
                int colon = v.indexOf(':');
                String why = v.isEmpty() ? "is empty"
                        : !v.equals(v.strip()) ? "has spaces around it"
                        : colon < 0 ? "has no service prefix"
                        : colon == 0 ? "has an empty service prefix"
                        : colon == v.length() - 1 ? "has no action name"
                        : colon != v.lastIndexOf(':') ? "has more than one colon"
                        : v.chars().anyMatch(Character::isWhitespace) ? "has a space in it"
                        : null;
                if (why != null) {
                    out.add(finding(a.location(), "action '" + v + "' " + why + "; write \"*\" or service:Action, "
                            + "such as s3:GetObject"));
                }
            }
        }
        return out;
    }
}

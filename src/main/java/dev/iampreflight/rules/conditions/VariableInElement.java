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

@RuleInfo(id = "IAM2313", name = "variable-in-unsupported-element", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable is used in an element where IAM does not substitute it",
        help = "IAM substitutes policy variables in the Resource element and in condition values, not in "
                + "Action, NotAction, Principal or NotPrincipal: there ${aws:username} is literal text, so the "
                + "action or principal names nothing that exists. Access Analyzer reports it as an error "
                + "(Variable unsupported in element). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableInElement extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> values = new ArrayList<>(s.actions().values());
            s.principal().ifPresent(p -> p.byType().values().forEach(values::addAll));
            for (LocatedString v : values) {
                if (!PolicyText.unknown(v.value()) && v.value().matches(".*\\$\\{(aws|[a-z0-9-]+):[^}]*}.*")) {
                    out.add(finding(v.location(), "'" + v.value() + "' holds a policy variable, which IAM substitutes "
                            + "only in Resource and Condition values; here it is literal text"));
                }
            }
        }
        return out;
    }
}

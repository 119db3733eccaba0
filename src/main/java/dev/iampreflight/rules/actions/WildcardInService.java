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

@RuleInfo(id = "IAM2104", name = "wildcard-in-service", severity = Severity.WARNING, category = Category.ACTIONS,
        summary = "An action has a wildcard in its service prefix",
        help = "A wildcard in the service part of an action (s3*:Get*, *:List*) matches the actions of every "
                + "service whose prefix fits, including services added later, which is rarely what is meant. Name "
                + "the services. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html")
public final class WildcardInService extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : ActionValues.wellFormed(s)) {
                String service = a.value().substring(0, a.value().indexOf(':'));
                if (PolicyText.hasWildcard(service) && !a.value().equals("*:*")) {
                    out.add(finding(a.location(), "'" + a.value() + "' has a wildcard in its service prefix and "
                            + "matches " + kb.expand(a.value()).size() + " action(s) across services; name the "
                            + "services"));
                }
            }
        }
        return out;
    }
}

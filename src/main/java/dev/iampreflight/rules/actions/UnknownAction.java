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

@RuleInfo(id = "IAM2102", name = "unknown-action", severity = Severity.ERROR, category = Category.ACTIONS,
        summary = "An action is not an action of its service",
        help = "The service prefix is known but the action name is not one of its actions, so the value matches "
                + "nothing (action names are case-insensitive; a typo such as dynamodb:UpdateItems is the usual "
                + "cause). The message suggests the closest actions. Actions from the bundled Service Authorization "
                + "Reference data: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class UnknownAction extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : ActionValues.wellFormed(s)) {
                String v = a.value();
                String service = v.substring(0, v.indexOf(':')).toLowerCase(Locale.ROOT);
                if (PolicyText.hasWildcard(v) || !kb.servicePrefixes().contains(service)
                        || kb.action(v).isPresent()) {
                    continue;
                }
                List<String> close = kb.closestActions(v, 3);
                out.add(finding(a.location(), "'" + v + "' is not an action of " + service
                        + (close.isEmpty() ? "" : "; did you mean '" + String.join("', '", close) + "'?")));
            }
        }
        return out;
    }
}

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
import dev.iampreflight.iamdata.ActionInfo;

@RuleInfo(id = "IAM2106", name = "action-case", severity = Severity.NOTE, category = Category.ACTIONS,
        summary = "An action is written in a different case from its documented name",
        help = "Action names are case-insensitive, so s3:getobject works, but the documented spelling "
                + "(s3:GetObject) is easier to search for and compare. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html")
public final class ActionCase extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : ActionValues.wellFormed(s)) {
                if (PolicyText.hasWildcard(a.value())) {
                    continue;
                }
                kb.action(a.value()).map(ActionInfo::fullName).filter(n -> !n.equals(a.value()))
                        .ifPresent(n -> out.add(finding(a.location(), "'" + a.value() + "' is documented as '" + n
                                + "'")));
            }
        }
        return out;
    }
}

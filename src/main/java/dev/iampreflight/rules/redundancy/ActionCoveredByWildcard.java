package dev.iampreflight.rules.redundancy;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
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

@RuleInfo(id = "IAM2603", name = "action-covered-by-wildcard", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "An action is already matched by a wildcard in the same statement",
        help = "With s3:Get* in the statement, s3:GetObject adds nothing; remove it (or the wildcard, if the "
                + "narrower list is what was meant). "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html")
public final class ActionCoveredByWildcard extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> all = s.actions().values();
            for (LocatedString a : all) {
                if (PolicyText.hasWildcard(a.value()) || PolicyText.unknown(a.value())) {
                    continue;
                }
                for (LocatedString w : all) {
                    if (w != a && PolicyText.hasWildcard(w.value()) && !PolicyText.unknown(w.value())
                            && PolicyText.covers(w.value(), a.value())) {
                        out.add(finding(a.location(), "'" + a.value() + "' is already matched by '" + w.value()
                                + "'"));
                        break;
                    }
                }
            }
        }
        return out;
    }
}

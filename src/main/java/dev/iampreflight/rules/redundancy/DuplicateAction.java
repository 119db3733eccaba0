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
import java.util.HashMap;
import java.util.Map;

@RuleInfo(id = "IAM2601", name = "duplicate-action", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "A statement lists the same action twice",
        help = "Action names are case-insensitive, so s3:GetObject and s3:getobject are the same action; the second "
                + "one adds nothing and takes room in the policy's size quota. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html")
public final class DuplicateAction extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            Map<String, LocatedString> first = new HashMap<>();
            for (LocatedString a : s.actions().values()) {
                LocatedString before = first.putIfAbsent(a.value().toLowerCase(Locale.ROOT), a);
                if (before != null && !PolicyText.unknown(a.value())) {
                    out.add(finding(a.location(), "'" + a.value() + "' is already listed at line "
                            + before.location().line()));
                }
            }
        }
        return out;
    }
}

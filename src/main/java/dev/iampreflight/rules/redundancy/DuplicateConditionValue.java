package dev.iampreflight.rules.redundancy;

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

@RuleInfo(id = "IAM2608", name = "duplicate-condition-value", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "A condition lists the same value twice",
        help = "The values of one condition key are ORed, so a second copy of a value adds nothing and takes "
                + "room in the policy's size quota. Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-con"
                + "text-keys-or-values.html")
public final class DuplicateConditionValue extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                java.util.Map<String, LocatedString> first = new java.util.HashMap<>();
                for (LocatedString v : c.values()) {
                    LocatedString before = first.putIfAbsent(v.value(), v);
                    if (before != null && !PolicyText.unknown(v.value())) {
                        out.add(finding(v.location(), "'" + v.value() + "' is already a value of '" + c.key().value()
                                + "' (line " + before.location().line() + ")"));
                    }
                }
            }
        }
        return out;
    }
}

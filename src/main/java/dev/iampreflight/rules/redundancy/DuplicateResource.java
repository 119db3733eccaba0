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

@RuleInfo(id = "IAM2602", name = "duplicate-resource", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "A statement lists the same resource twice",
        help = "The second copy of a Resource value adds nothing and takes room in the policy's size quota. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html")
public final class DuplicateResource extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            Map<String, LocatedString> first = new HashMap<>();
            for (LocatedString r : s.resources().map(v -> v.values()).orElse(List.of())) {
                LocatedString before = first.putIfAbsent(r.value(), r);
                if (before != null && !PolicyText.unknown(r.value())) {
                    out.add(finding(r.location(), "'" + r.value() + "' is already listed at line "
                            + before.location().line()));
                }
            }
        }
        return out;
    }
}

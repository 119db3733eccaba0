package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import dev.iampreflight.policy.LocatedString;

@RuleInfo(id = "IAM2004", name = "duplicate-sid", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "Two statements of one policy have the same Sid",
        help = "In IAM the Sid value must be unique within a JSON policy; IAM rejects a policy that repeats one. "
                + "Rename one of the statements. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html")
public final class DuplicateSid extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        Map<String, LocatedString> first = new HashMap<>();
        for (Statement s : policy.document().statements()) {
            if (s.sid().isEmpty() || s.sid().get().value().isEmpty() || PolicyText.unknown(s.sid().get().value())) {
                continue;
            }
            LocatedString sid = s.sid().get();
            LocatedString before = first.putIfAbsent(sid.value(), sid);
            if (before != null) {
                out.add(finding(sid.location(), "Sid '" + sid.value() + "' is already used by the statement at line "
                        + before.location().line() + "; a Sid must be unique within a policy"));
            }
        }
        return out;
    }
}

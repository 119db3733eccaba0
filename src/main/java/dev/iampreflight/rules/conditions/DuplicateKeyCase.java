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

@RuleInfo(id = "IAM2320", name = "duplicate-condition-key-case", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A condition operator names the same key twice in different case",
        help = "Condition key names are not case-sensitive, so aws:SourceIp and aws:sourceip under one "
                + "operator are the same key written twice; which values apply is not what the author sees. Merge "
                + "the values under one key. Access Analyzer reports it as an error (Duplicate keys with "
                + "different case). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html")
public final class DuplicateKeyCase extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            java.util.Map<String, Condition> seen = new java.util.HashMap<>();
            for (Condition c : s.condition().conditions()) {
                String id = c.operator().value() + "|" + c.key().value().toLowerCase(Locale.ROOT);
                Condition before = seen.putIfAbsent(id, c);
                if (before != null && !before.key().value().equals(c.key().value())) {
                    out.add(finding(c.key().location(), "'" + c.key().value() + "' is the key '"
                            + before.key().value() + "' (line " + before.key().location().line() + ") in another case, "
                            + "under the same " + c.operator().value() + "; merge their values"));
                }
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2016", name = "empty-condition-values-forallvalues",
        severity = Severity.WARNING, category = Category.GRAMMAR,
        summary = "A ForAllValues condition compares a key with an empty array of values",
        help = "ForAllValues is true when every value of the key in the request is in the policy's list; with an "
                + "empty list it is true only when the request has no value for the key at all (or the key is "
                + "missing), so an Allow meant to admit some values admits exactly the requests that carry none. "
                + "Write the values (Access Analyzer: \"Suggestion - Empty array condition ForAllValues\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyConditionValuesForAllValues extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.values().isEmpty()) {
                    continue;
                }
                String prefix = PolicyText.setPrefix(c);
                boolean ifExists = c.operator().value().endsWith("IfExists");
                if (prefix.equals("forallvalues")) {
                    out.add(finding(c.key().location(), "'" + c.operator().value() + "' on '" + c.key().value()
                            + "' has an empty array of values; "
                            + "with ForAllValues it is true only for requests that carry no value for the key: "
                            + "write the values"));
                }
            }
        }
        return out;
    }
}

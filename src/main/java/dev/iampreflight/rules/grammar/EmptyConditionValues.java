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

@RuleInfo(id = "IAM2015", name = "empty-condition-values", severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "A condition compares a key with an empty array of values",
        help = "{\"StringEquals\": {\"aws:PrincipalTag/team\": []}} compares the key with no value: a positive "
                + "operator never matches, so the condition is never true, and a negated one (StringNotEquals) "
                + "always is. Write the values, or remove the condition (Access Analyzer: \"Suggestion - Empty array "
                + "condition\"). A generated policy whose list came out empty usually means an input list was empty. "
                + "Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyConditionValues extends LintRule {
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
                if (prefix.isEmpty() && !ifExists) {
                    out.add(finding(c.key().location(), "'" + c.operator().value() + "' on '" + c.key().value()
                            + "' has an empty array of values; "
                            + "a positive operator never matches it and a negated one always does: "
                            + "write the values or remove the condition"));
                }
            }
        }
        return out;
    }
}

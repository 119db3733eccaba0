package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

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
        return EmptyValues.findings(policy, this::finding, EmptyValues.Kind.PLAIN,
                "a positive operator never matches it and a negated one always does: "
                + "write the values or remove the condition");
    }
}

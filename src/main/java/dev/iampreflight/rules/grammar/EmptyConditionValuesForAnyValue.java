package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.List;

@RuleInfo(id = "IAM2017", name = "empty-condition-values-foranyvalue",
        severity = Severity.WARNING, category = Category.GRAMMAR,
        summary = "A ForAnyValue condition compares a key with an empty array of values",
        help = "ForAnyValue is true when at least one value of the key in the request matches a value of the "
                + "policy's list; with an empty list no value can match, so the condition is never true (with a "
                + "positive operator) and the statement never applies. Write the values (Access Analyzer: "
                + "\"Suggestion - Empty array condition ForAnyValue\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyConditionValuesForAnyValue extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return EmptyValues.findings(policy, this::finding, EmptyValues.Kind.FOR_ANY_VALUE,
                "with ForAnyValue no value of the request can match it: write the values");
    }
}

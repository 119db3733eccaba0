package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.List;

@RuleInfo(id = "IAM2018", name = "empty-condition-values-ifexists",
        severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "An IfExists condition compares a key with an empty array of values",
        help = "An ...IfExists operator is true when the key is missing and otherwise compares its value with the "
                + "list; with an empty list a positive operator is true only for requests without the key. Write the "
                + "values or use the Null operator to test for the key's absence (Access Analyzer: \"Suggestion - "
                + "Empty array condition IfExists\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyConditionValuesIfExists extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return EmptyValues.findings(policy, this::finding, EmptyValues.Kind.IF_EXISTS,
                "with IfExists it is true only when the key is missing: write the values or use Null");
    }
}

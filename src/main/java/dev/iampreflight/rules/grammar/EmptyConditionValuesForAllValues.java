package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

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
        return EmptyValues.findings(policy, this::finding, EmptyValues.Kind.FOR_ALL_VALUES,
                "with ForAllValues it is true only for requests that carry no value for the key: "
                + "write the values");
    }
}

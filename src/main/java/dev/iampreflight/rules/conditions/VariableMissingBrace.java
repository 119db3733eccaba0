package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2308", name = "variable-missing-brace", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable has no closing brace",
        help = "A policy variable is written ${name}. Without the closing brace IAM reads no variable, and the "
                + "value is literal text that no request carries, so the Resource or condition matches nothing. "
                + "Access Analyzer reports it as an error (Missing brace in variable). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableMissingBrace extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return Variables.firstProblems(policy, this::finding, (v, x) -> x.closed() ? Optional.empty()
                : Optional.of("'" + v.value() + "' opens a policy variable with ${ but never closes it; write ${name}"));
    }
}

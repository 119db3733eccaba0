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

@RuleInfo(id = "IAM2309", name = "variable-empty", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable names no key",
        help = "${} (or ${ }) names no key, so IAM has nothing to substitute; name a key such as "
                + "${aws:username}, or write ${$} for a literal dollar sign. Access Analyzer reports it as an "
                + "error (Empty variable). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableEmpty extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return Variables.firstProblems(policy, this::finding, (v, x) -> !(x.closed() && x.name().isBlank())
                ? Optional.empty()
                : Optional.of("'" + v.value() + "' has an empty policy variable; name a key such as ${aws:username}"));
    }
}

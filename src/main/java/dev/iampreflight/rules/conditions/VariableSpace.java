package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2310", name = "variable-space", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable's key name has white space in it",
        help = "Condition key names hold no spaces, so ${aws: username} names no key; only the default value "
                + "after the comma may hold spaces, inside its quotes. Access Analyzer reports it as an error "
                + "(Unsupported space in variable). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableSpace extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return Variables.firstProblems(policy, this::finding, (v, x) -> {
            boolean spaced = x.closed() && !x.name().isBlank() && x.name().chars().anyMatch(Character::isWhitespace);
            return !spaced ? Optional.empty() : Optional.of("'" + v.value() + "': the policy variable '${"
                    + x.inner() + "}' has white space in its key name '" + x.name() + "'");
        });
    }
}

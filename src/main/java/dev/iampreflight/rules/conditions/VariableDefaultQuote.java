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

@RuleInfo(id = "IAM2311", name = "variable-default-quote", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable's default value is not in single quotes",
        help = "A default value follows the key after a comma, in single quotes: ${aws:PrincipalTag/team, "
                + "'none'}. Without the quotes (or with double quotes) IAM does not read a default. Access "
                + "Analyzer reports it as an error (Missing quote in variable). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableDefaultQuote extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return Variables.firstProblems(policy, this::finding, (v, x) -> {
            boolean unquoted = x.closed() && x.defaultValue()
                    .filter(d -> !(d.length() >= 2 && d.startsWith("'") && d.endsWith("'"))).isPresent();
            return !unquoted ? Optional.empty() : Optional.of("'" + v.value() + "': the default value of '${"
                    + x.inner() + "}' must be in single quotes: ${" + x.name().strip() + ", '"
                    + x.defaultValue().orElse("").replace("\"", "").replace("'", "") + "'}");
        });
    }
}

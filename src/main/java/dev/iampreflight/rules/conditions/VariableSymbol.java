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

@RuleInfo(id = "IAM2312", name = "variable-unsupported-symbol", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A policy variable's key name has a character no condition key has",
        help = "A policy variable names a condition key (letters, digits and : / _ . - and, in tag keys, = + "
                + "@), or is one of ${*}, ${?}, ${$}. Another character, such as ${aws:username!} or "
                + "${aws:PrincipalTag/(team)}, names no key. Access Analyzer reports it as an error (Unsupported "
                + "symbol in variable). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableSymbol extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return Variables.firstProblems(policy, this::finding, (v, x) -> {
            boolean odd = x.closed() && !Variables.special(x) && !x.name().isBlank()
                    && x.name().chars().noneMatch(Character::isWhitespace)
                    && !x.name().matches("[\\p{L}\\p{N}:/_.\\-=+@]+");
            return !odd ? Optional.empty() : Optional.of("'" + v.value() + "': the policy variable '${" + x.inner()
                    + "}' has a character no condition key name has");
        });
    }
}

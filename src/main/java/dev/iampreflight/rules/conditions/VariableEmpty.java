package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        List<Finding> out = new ArrayList<>();
        if (!policy.document().substitutesVariables()) {
            return out;
        }
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : Variables.substituted(s)) {
                for (Variables.Variable x : Variables.of(v.value())) {
                    if (x.closed() && x.name().isBlank()) {
                        out.add(finding(v.location(), "'" + v.value() + "' has an empty policy variable; name a key such as ${aws:username}"));
                        break;
                    }
                }
            }
        }
        return out;
    }
}

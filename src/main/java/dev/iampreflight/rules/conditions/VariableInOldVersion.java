package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RuleInfo(id = "IAM2306", name = "variable-without-version", severity = Severity.ERROR,
        category = Category.CONDITIONS,
        summary = "A policy variable is used in a policy whose language version does not substitute it",
        help = "Policy variables such as ${aws:username} are substituted only under Version 2012-10-17; with no "
                + "Version, or 2008-10-17, they are literal text, so arn:aws:s3:::home/${aws:username}/* matches "
                + "only a key named with the dollar sign and braces. Add \"Version\": \"2012-10-17\". "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html")
public final class VariableInOldVersion extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.document().substitutesVariables()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> values = new ArrayList<>(s.resources().map(r -> r.values()).orElse(List.of()));
            for (Condition c : s.condition().conditions()) {
                values.addAll(c.values());
            }
            for (LocatedString v : values) {
                if (v.value().matches(".*\\$\\{[A-Za-z]+:[^}]+}.*")) {
                    out.add(finding(v.location(), "'" + v.value() + "' uses a policy variable, which is literal text "
                            + "without \"Version\": \"2012-10-17\""));
                }
            }
        }
        return out;
    }
}

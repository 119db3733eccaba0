package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2013", name = "empty-principal-object", severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "Principal or NotPrincipal is an empty object",
        help = "\"Principal\": {} names no principal, so the statement applies to no one. Name the principals "
                + "(for example {\"Service\": \"lambda.amazonaws.com\"}) or remove the statement (Access Analyzer: "
                + "\"Suggestion - Empty object principal\"). "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyPrincipalObject extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principal().isEmpty()) {
                continue;
            }
            Principal p = s.principal().get();
            if (!p.anyone() && p.byType().isEmpty()) {
                out.add(finding(p.location(), (p.negated() ? "NotPrincipal" : "Principal") + " of " + s.label()
                        + " is an empty object, so the statement applies to no one; name the principals"));
            }
        }
        return out;
    }
}

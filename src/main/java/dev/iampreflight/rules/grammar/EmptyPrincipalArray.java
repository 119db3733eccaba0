package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@RuleInfo(id = "IAM2012", name = "empty-principal-array", severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "A principal type of Principal or NotPrincipal is an empty array",
        help = "{\"AWS\": []} names no principal: the type adds nothing to the statement. Name the principals, or "
                + "remove the type (Access Analyzer: \"Suggestion - Empty array principal\"). A generated policy "
                + "whose list of principals came out empty usually means an input list was empty. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyPrincipalArray extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principal().isEmpty()) {
                continue;
            }
            Principal p = s.principal().get();
            for (Map.Entry<String, List<LocatedString>> e : p.byType().entrySet()) {
                if (e.getValue().isEmpty()) {
                    out.add(finding(p.location(), (p.negated() ? "NotPrincipal" : "Principal") + " of " + s.label()
                            + " has an empty array for " + e.getKey() + ", which names no principal; name the "
                            + "principals or remove the " + e.getKey() + " entry"));
                }
            }
        }
        return out;
    }
}

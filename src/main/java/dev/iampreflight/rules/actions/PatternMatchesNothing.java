package dev.iampreflight.rules.actions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
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

@RuleInfo(id = "IAM2103", name = "action-pattern-matches-nothing", severity = Severity.ERROR,
        category = Category.ACTIONS,
        summary = "An action with a wildcard matches no action of its service",
        help = "A pattern such as s3:Gett* or dynamodb:*Items matches no action of the service, so it grants or "
                + "denies nothing. Actions from the bundled Service Authorization Reference data: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class PatternMatchesNothing extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : ActionValues.wellFormed(s)) {
                String v = a.value();
                String service = v.substring(0, v.indexOf(':')).toLowerCase(Locale.ROOT);
                String name = v.substring(v.indexOf(':') + 1);
                if (!PolicyText.hasWildcard(name) || PolicyText.hasWildcard(service)
                        || !kb.servicePrefixes().contains(service) || !kb.expand(v).isEmpty()) {
                    continue;
                }
                out.add(finding(a.location(), "'" + v + "' matches no action of " + service));
            }
        }
        return out;
    }
}

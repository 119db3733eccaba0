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
import dev.iampreflight.core.Suggestions;

@RuleInfo(id = "IAM2101", name = "unknown-service", severity = Severity.ERROR, category = Category.ACTIONS,
        summary = "An action names a service prefix that does not exist",
        help = "The part of an action before the colon is the service prefix (dynamodb, s3, sqs). A prefix that no "
                + "AWS service uses matches no action, so the value grants or denies nothing. The message suggests "
                + "the closest prefix. Prefixes from the bundled Service Authorization Reference data: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class UnknownService extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString a : ActionValues.wellFormed(s)) {
                String service = a.value().substring(0, a.value().indexOf(':')).toLowerCase(Locale.ROOT);
                if (PolicyText.hasWildcard(service) || kb.servicePrefixes().contains(service)) {
                    continue;
                }
                String hint = kb.iamPrefixForSdk(service).map(p -> "; did you mean '" + p + "'?")
                        .orElse(Suggestions.didYouMean(service, kb.servicePrefixes()));
                out.add(finding(a.location(), "'" + a.value() + "': '" + service + "' is not an AWS service prefix"
                        + hint));
            }
        }
        return out;
    }
}

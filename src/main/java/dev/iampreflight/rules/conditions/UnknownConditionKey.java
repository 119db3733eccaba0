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

@RuleInfo(id = "IAM2302", name = "unknown-condition-key", severity = Severity.WARNING,
        category = Category.CONDITIONS,
        summary = "A condition key is not a global key nor a key of its service",
        help = "A condition on a key that no request carries is never true for positive operators (and always true "
                + "for negated ones), so the statement does not do what it says. Only keys with an aws: prefix or "
                + "the prefix of a known service are checked, against the bundled global and service condition "
                + "keys; identity provider keys (token.actions.githubusercontent.com:sub) are not. A warning, as the "
                + "data may predate a new key. Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html, "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class UnknownConditionKey extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String key = c.key().value();
                int colon = key.indexOf(':');
                if (colon <= 0 || PolicyText.unknown(key) || PolicyText.hasVariable(key)) {
                    continue;
                }
                String prefix = key.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!prefix.equals("aws") && !kb.servicePrefixes().contains(prefix)
                        || kb.conditionKey(key).isPresent()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                (prefix.equals("aws") ? kb.globalConditionKeys() : kb.conditionKeys(prefix))
                        .forEach(k -> names.add(k.name()));
                out.add(finding(c.key().location(), "'" + key + "' is not a condition key of "
                        + (prefix.equals("aws") ? "AWS (global keys)" : prefix)
                        + dev.iampreflight.core.Suggestions.didYouMean(key, names)));
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.security;

import dev.iampreflight.core.Finding;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the Action values of unconditioned identity Allow statements on Resource "*" that grant one of a list of
 * sensitive actions. A value that is "*" or a whole service ("s3:*") is left to IAM2501/IAM2502, and an action that
 * accepts only "*" (no resource type in the Service Authorization Reference) is not reported: "*" is its only choice.
 */
final class SensitiveOnStar {

    private SensitiveOnStar() {
    }

    static List<Finding> check(LintRule rule, LintedPolicy policy, KnowledgeBase kb, List<String> actions,
                               String why) {
        List<Finding> hits = new ArrayList<>();
        if (policy.kind() == PolicyKind.RESOURCE || policy.kind() == PolicyKind.TRUST) {
            return List.of();
        }
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || !s.condition().isEmpty()
                    || PolicyText.resources(s).stream().noneMatch(r -> r.value().equals("*"))) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                String v = a.value();
                if (v.equals("*") || v.endsWith(":*")) {
                    continue;
                }
                List<String> granted = new ArrayList<>();
                for (String sensitive : actions) {
                    boolean scoped = kb.action(sensitive).map(i -> !i.wildcardOnly()).orElse(false);
                    if (scoped && PolicyText.covers(v, sensitive)) {
                        granted.add(sensitive);
                    }
                }
                if (!granted.isEmpty()) {
                    hits.add(new Finding(rule.id(), rule.info().severity(), "'" + v + "' on \"*\" "
                            + (granted.size() == 1 && granted.get(0).equalsIgnoreCase(v) ? ""
                            : "(" + String.join(", ", granted) + ") ") + why, a.location()));
                }
            }
        }
        return hits;
    }
}

package dev.iampreflight.rules.security;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
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

@RuleInfo(id = "IAM2502", name = "service-wildcard", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows every action of a service",
        help = "An action such as s3:* or dynamodb:* grants every API of the service, deletes and permission "
                + "changes included, and every action the service adds later. List the actions the workload needs. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html (grant least "
                + "privilege)")
public final class ServiceWildcard extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                String v = a.value();
                int colon = v.indexOf(':');
                if (colon > 0 && v.substring(colon + 1).equals("*") && !PolicyText.hasWildcard(v.substring(0, colon))
                        && kb.servicePrefixes().contains(v.substring(0, colon).toLowerCase(Locale.ROOT))) {
                    out.add(finding(a.location(), "'" + v + "' allows all " + kb.actions(v.substring(0, colon)).size()
                            + " actions of " + v.substring(0, colon) + "; list the ones needed"));
                }
            }
        }
        return out;
    }
}

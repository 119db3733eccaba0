package dev.iampreflight.rules.resources;

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
import java.util.Optional;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.policy.Effect;

@RuleInfo(id = "IAM2209", name = "wildcard-only-action-scoped", severity = Severity.WARNING,
        category = Category.RESOURCES,
        summary = "An action that supports only Resource * is allowed on specific resources",
        help = "Some actions do not support resource-level permissions (s3:ListAllMyBuckets, sqs:ListQueues, "
                + "ec2:Describe*): a statement grants them only with \"Resource\": \"*\". Listed with specific ARNs "
                + "only, they are not granted. Move them to a statement with \"Resource\": \"*\". A warning, not an "
                + "error: AWS grants some of them on a service-wide pattern (arn:aws:s3:::*), which is not reported, "
                + "and which other patterns work is not documented. Source: the Service "
                + "Authorization Reference (actions with no resource type), "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class WildcardOnlyActionScoped extends LintRule {
    /**
     * True for "*", an unknown value, and any value whose service, or whole resource part, is a wildcard
     * (arn:aws:s3:::*): whether IAM grants a wildcard-only action for those is not claimed.
     */
    static boolean mayBeStar(LocatedString r) {
        String v = r.value();
        if (v.equals("*") || PolicyText.unknown(v) || PolicyText.arn(v).isEmpty()) {
            return true;
        }
        String[] f = v.split(":", 6);
        return PolicyText.hasWildcard(f[1]) || PolicyText.hasWildcard(f[2]) || f[5].equals("*")
                || PolicyText.hasVariable(v) && !PolicyText.hasWildcard(f[5]) && f[5].startsWith("${");
    }

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> resources = PolicyText.resources(s);
            if (s.effect() != Effect.ALLOW || resources.isEmpty()
                    || resources.stream().anyMatch(WildcardOnlyActionScoped::mayBeStar)) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.hasWildcard(a.value()) || PolicyText.unknown(a.value())) {
                    continue;
                }
                kb.action(a.value()).filter(ActionInfo::wildcardOnly).ifPresent(info -> out.add(finding(
                        a.location(), "'" + info.fullName() + "' supports only \"Resource\": \"*\", but " + s.label()
                                + " names specific resources, so it is not granted")));
            }
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2321", name = "condition-key-not-applicable", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A service condition key applies to none of the statement's actions",
        help = "Each action is authorized with a set of condition keys: the keys of the action and of the "
                + "resource types it acts on, listed in the Service Authorization Reference. A service key "
                + "(s3:prefix, kms:ViaService) that none of the statement's actions supports is absent from every "
                + "request the statement matches, so a positive condition on it never holds and an Allow grants "
                + "nothing. Only statements whose actions are all known are checked, against the bundled data; "
                + "global aws: keys are not. Access Analyzer reports the like (Unsupported action for condition "
                + "key). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-re"
                + "sources-contextkeys.html")
public final class KeyNotApplicable extends LintRule {
    /**
     * Keys a service adds to every request made with the credentials it issues, whatever the action: the function or
     * instance the call comes from (https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html,
     * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html).
     */
    static final Set<String> ANY_ACTION = Set.of("lambda:sourcefunctionarn", "ec2:sourceinstancearn",
            "ec2:sourceinstanceprivateipv4", "glue:roleassumedby", "glue:credentialissuingservice");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.condition().isEmpty() || s.actions().negated()) {
                continue;
            }
            List<dev.iampreflight.iamdata.ActionInfo> actions = new ArrayList<>();
            boolean allKnown = true;
            for (LocatedString a : s.actions().values()) {
                String v = a.value();
                int colon = v.indexOf(':');
                if (PolicyText.unknown(v) || colon <= 0 || PolicyText.hasWildcard(v.substring(0, colon))) {
                    allKnown = false;
                    break;
                }
                List<dev.iampreflight.iamdata.ActionInfo> e = PolicyText.hasWildcard(v) ? kb.expand(v)
                        : kb.action(v).map(List::of).orElse(List.of());
                if (e.isEmpty()) {
                    allKnown = false;
                    break;
                }
                actions.addAll(e);
            }
            if (!allKnown || actions.isEmpty()) {
                continue;
            }
            for (Condition c : s.condition().conditions()) {
                String key = c.key().value();
                int colon = key.indexOf(':');
                if (colon <= 0 || PolicyText.unknown(key) || PolicyText.hasVariable(key)) {
                    continue;
                }
                String prefix = key.substring(0, colon).toLowerCase(Locale.ROOT);
                if (prefix.equals("aws") || !kb.servicePrefixes().contains(prefix) || kb.conditionKey(key).isEmpty()
                        || ANY_ACTION.contains(key.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                boolean applies = false;
                for (dev.iampreflight.iamdata.ActionInfo a : actions) {
                    applies = supports(a.conditionKeys(), key);
                    for (dev.iampreflight.iamdata.ActionResourceType rt : a.resourceTypes()) {
                        applies = applies || kb.resourceType(a.service(), rt.name())
                                .map(t -> supports(t.conditionKeys(), key)).orElse(false);
                    }
                    if (applies) {
                        break;
                    }
                }
                if (!applies) {
                    List<String> names = actions.stream().map(dev.iampreflight.iamdata.ActionInfo::fullName)
                            .distinct().limit(5).toList();
                    out.add(finding(c.key().location(), "'" + key + "' applies to none of the statement's actions ("
                            + String.join(", ", names) + (actions.size() > names.size() ? ", ..." : "")
                            + "), so no request they make carries it"));
                }
            }
        }
        return out;
    }

    /** Whether a list of documented keys holds {@code key}; a templated name (s3:BucketTag/${TagKey}, s3:ExistingObjectTag/<key>) by its prefix. */
    static boolean supports(List<String> keys, String key) {
        for (String k : keys) {
            int var = k.indexOf("${") >= 0 ? k.indexOf("${") : k.indexOf('<');
            if (var >= 0 ? key.regionMatches(true, 0, k, 0, var) : k.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }
}

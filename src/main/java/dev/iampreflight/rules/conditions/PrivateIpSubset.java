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

@RuleInfo(id = "IAM2317", name = "private-ip-subset", severity = Severity.NOTE, category = Category.CONDITIONS,
        summary = "A condition on aws:SourceIp mixes private and public addresses",
        help = "aws:SourceIp never holds a private address, so the private ranges of an IpAddress or "
                + "NotIpAddress condition on it have no effect; remove them, or test them with aws:VpcSourceIp. "
                + "Access Analyzer suggests the same (Private IP address subset, Private NotIpAddress subset). "
                + "Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourceip")
public final class PrivateIpSubset extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.key().value().equalsIgnoreCase("aws:SourceIp")
                        || !PolicyText.baseOperator(c.operator().value()).toLowerCase(Locale.ROOT).endsWith("ipaddress")) {
                    continue;
                }
                List<LocatedString> priv = new ArrayList<>();
                int known = 0;
                for (LocatedString v : c.values()) {
                    if (PolicyText.unknown(v.value()) || PolicyText.hasVariable(v.value())) {
                        continue;
                    }
                    known++;
                    if (PrivateRanges.isPrivate(v.value())) {
                        priv.add(v);
                    }
                }
                if (!priv.isEmpty() && priv.size() < known) {
                    out.add(finding(priv.get(0).location(), "'" + priv.get(0).value() + "' is a private range, which aws:SourceIp never holds; it has no effect in this condition"));
                }
            }
        }
        return out;
    }
}

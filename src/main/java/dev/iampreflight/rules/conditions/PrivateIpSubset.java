package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        for (PrivateRanges.SourceIp c : PrivateRanges.sourceIp(policy,
                op -> op.toLowerCase(Locale.ROOT).endsWith("ipaddress"))) {
            if (!c.privates().isEmpty() && c.privates().size() < c.known()) {
                LocatedString first = c.privates().get(0);
                out.add(finding(first.location(), "'" + first.value() + "' is a private range, which aws:SourceIp "
                        + "never holds; it has no effect in this condition"));
            }
        }
        return out;
    }
}

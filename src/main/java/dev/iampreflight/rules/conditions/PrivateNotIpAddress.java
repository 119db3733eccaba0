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

@RuleInfo(id = "IAM2316", name = "private-not-ip-address", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A NotIpAddress condition on aws:SourceIp names only private addresses",
        help = "aws:SourceIp never holds a private address (requests from a VPC come through a NAT with a "
                + "public address, or through a VPC endpoint without aws:SourceIp), so NotIpAddress on it with "
                + "only private ranges is true for every request and restricts nothing. Use aws:VpcSourceIp for "
                + "addresses inside a VPC. Access Analyzer reports it (Private NotIpAddress). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourceip")
public final class PrivateNotIpAddress extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.key().value().equalsIgnoreCase("aws:SourceIp")
                        || !PolicyText.baseOperator(c.operator().value()).equalsIgnoreCase("NotIpAddress")) {
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
                if (known > 0 && priv.size() == known) {
                    out.add(finding(c.key().location(), "NotIpAddress on aws:SourceIp names only private addresses (" + String.join(", ", priv.stream().map(LocatedString::value).toList()) + "), which aws:SourceIp never holds, so the condition restricts nothing"));
                }
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2315", name = "private-ip-address", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "An IpAddress condition on aws:SourceIp names only private addresses",
        help = "aws:SourceIp holds the public address a request comes from; a request from a private network "
                + "reaches AWS through a NAT (with its public address) or a VPC endpoint (where aws:SourceIp is "
                + "absent and aws:VpcSourceIp holds the private one). IpAddress on aws:SourceIp with only private "
                + "ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7) therefore matches no request. Use "
                + "aws:VpcSourceIp with aws:SourceVpc, or the public range. Access Analyzer reports it as an "
                + "error (Private IP address). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourceip")
public final class PrivateIpAddress extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (PrivateRanges.SourceIp c : PrivateRanges.sourceIp(policy, op -> op.equalsIgnoreCase("IpAddress"))) {
            if (c.onlyPrivate()) {
                out.add(finding(c.condition().key().location(), "IpAddress on aws:SourceIp names only private "
                        + "addresses (" + c.privateList() + "), which aws:SourceIp never holds; use aws:VpcSourceIp "
                        + "for addresses inside a VPC"));
            }
        }
        return out;
    }
}

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
        for (PrivateRanges.SourceIp c : PrivateRanges.sourceIp(policy, op -> op.equalsIgnoreCase("NotIpAddress"))) {
            if (c.onlyPrivate()) {
                out.add(finding(c.condition().key().location(), "NotIpAddress on aws:SourceIp names only private "
                        + "addresses (" + c.privateList() + "), which aws:SourceIp never holds, so the condition "
                        + "restricts nothing"));
            }
        }
        return out;
    }
}

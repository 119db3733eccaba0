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

@RuleInfo(id = "IAM2318", name = "source-ip-with-vpc-key", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "A statement requires both aws:SourceIp and a VPC endpoint key",
        help = "A request that comes through a VPC endpoint has aws:SourceVpce and aws:SourceVpc but no "
                + "aws:SourceIp; one from the internet has aws:SourceIp but no VPC keys. A statement whose "
                + "conditions require an IpAddress match on aws:SourceIp and a match on aws:SourceVpce or "
                + "aws:SourceVpc (all conditions must hold) matches no request. Put them in separate statements, "
                + "or use aws:VpcSourceIp. Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourceip")
public final class SourceIpWithVpcKey extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            Condition ip = null;
            Condition vpc = null;
            for (Condition c : s.condition().conditions()) {
                String op = c.operator().value().toLowerCase(Locale.ROOT);
                String key = c.key().value().toLowerCase(Locale.ROOT);
                boolean positive = !op.contains("not") && !op.endsWith("ifexists") && !op.startsWith("null")
                        && !op.startsWith("forallvalues");
                if (positive && key.equals("aws:sourceip")) {
                    ip = c;
                } else if (positive && (key.equals("aws:sourcevpce") || key.equals("aws:sourcevpc"))) {
                    vpc = c;
                }
            }
            if (ip != null && vpc != null) {
                out.add(finding(ip.key().location(), s.label() + " requires aws:SourceIp and " + vpc.key().value()
                        + " together, but a request through a VPC endpoint has no aws:SourceIp: it matches no request"));
            }
        }
        return out;
    }
}

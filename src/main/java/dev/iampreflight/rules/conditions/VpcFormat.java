package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.List;
import java.util.regex.Pattern;

@RuleInfo(id = "IAM2326", name = "invalid-vpc-format", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "An aws:SourceVpc condition value is not a VPC id",
        help = "aws:SourceVpc holds the id of the VPC a request came from through an endpoint: vpc- followed "
                + "by 8 or 17 letters and digits. A value of another form (an endpoint id, an ARN, a CIDR) equals "
                + "no request's VPC id, so the condition never matches (negated, always). Access Analyzer reports "
                + "it as an error (Invalid vpc format). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourcevpc")
public final class VpcFormat extends LintRule {
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-zA-Z]{8}([0-9a-zA-Z]{9})?");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return IdFormats.misshapen(policy, this::finding, "aws:SourceVpc", VPC_ID,
                "a VPC id (vpc- and 8 or 17 letters and digits)");
    }
}

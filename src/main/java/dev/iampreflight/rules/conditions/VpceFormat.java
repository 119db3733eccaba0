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

@RuleInfo(id = "IAM2325", name = "invalid-vpce-format", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "An aws:SourceVpce condition value is not a VPC endpoint id",
        help = "aws:SourceVpce holds the id of the VPC endpoint a request came through: vpce- followed by 8 or "
                + "17 letters and digits. A value of another form (a VPC id, an ARN, a name) equals no request's "
                + "endpoint id, so the condition never matches (negated, always). Access Analyzer reports it as "
                + "an error (Invalid vpce format). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourcevpce")
public final class VpceFormat extends LintRule {
    private static final Pattern VPCE_ID = Pattern.compile("vpce-[0-9a-zA-Z]{8}([0-9a-zA-Z]{9})?");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return IdFormats.misshapen(policy, this::finding, "aws:SourceVpce", VPCE_ID,
                "a VPC endpoint id (vpce- and 8 or 17 letters and digits)");
    }
}

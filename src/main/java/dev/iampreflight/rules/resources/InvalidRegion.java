package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2212", name = "invalid-arn-region", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN's region field is not a Region code",
        help = "The region field of an ARN holds a Region code such as us-east-1: an area, words and a number. A "
                + "typo (us-east1, useast-1), a Region name (US East) or an availability zone (us-east-1a) matches no "
                + "resource (Access Analyzer: \"Error - Invalid ARN Region\"). Only ARNs whose resource type has a "
                + "region are checked. Sources: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class InvalidRegion extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                String region = a.region();
                if (region.isEmpty() || !Arns.literal(region) || !Arns.literal(a.service())
                        || Regions.wellFormed(region)) {
                    continue;
                }
                List<Arns.Format> formats = Arns.formatsFor(kb, a);
                if (Regions.variableIn(formats, 3)) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "' has region '" + region
                            + "', which is not a Region code (such as us-east-1), so it matches nothing"));
                }
            }
        }
        return out;
    }
}

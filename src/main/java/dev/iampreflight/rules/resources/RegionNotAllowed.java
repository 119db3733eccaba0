package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
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

@RuleInfo(id = "IAM2206", name = "arn-field-not-allowed", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN gives a region or account where the resource type's ARNs have none",
        help = "Some resource types have ARNs with an empty region or account field: S3 buckets and objects "
                + "(arn:aws:s3:::bucket), IAM roles and users (no region), CloudFront distributions. A value there "
                + "matches no resource of the type. Leave the field empty or use *. ARN formats from the Service "
                + "Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class RegionNotAllowed extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                List<Arns.Format> formats = Arns.formatsFor(kb, a);
                if (formats.isEmpty()) {
                    continue;
                }
                String field = null;
                if (Arns.literal(a.region()) && !a.region().isEmpty()
                        && formats.stream().allMatch(f -> f.fields()[3].isEmpty())) {
                    field = "region '" + a.region() + "'";
                } else if (Arns.literal(a.account()) && !a.account().isEmpty()
                        && formats.stream().allMatch(f -> f.fields()[4].isEmpty())) {
                    field = "account '" + a.account() + "'";
                }
                if (field != null) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "' has " + field + ", but "
                            + formats.get(0).type().name() + " ARNs have none (" + String.join(":",
                            formats.get(0).fields()) + "), so it matches nothing"));
                }
            }
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2203", name = "arn-service-case", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN's service or partition is not in lower case",
        help = "ARNs are matched case-sensitively and every service namespace and partition is lower case, so "
                + "arn:aws:S3:::bucket or arn:AWS:s3:::bucket matches no resource. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html")
public final class ArnServiceCase extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                String svc = a.service();
                String part = a.partition();
                boolean badService = Arns.literal(svc) && !svc.equals(svc.toLowerCase(Locale.ROOT));
                boolean badPartition = Arns.literal(part) && !part.equals(part.toLowerCase(Locale.ROOT));
                if (badService || badPartition) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "': ARNs are case-sensitive and "
                            + (badService ? "the service '" + svc + "' is '" + svc.toLowerCase(Locale.ROOT) + "'"
                            : "the partition '" + part + "' is '" + part.toLowerCase(Locale.ROOT) + "'")));
                }
            }
        }
        return out;
    }
}

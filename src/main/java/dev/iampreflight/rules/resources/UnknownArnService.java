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

@RuleInfo(id = "IAM2204", name = "unknown-arn-service", severity = Severity.WARNING, category = Category.RESOURCES,
        summary = "An ARN names a service no resource type uses",
        help = "The third field of an ARN is the service namespace (dynamodb, s3, sqs). No resource type of the "
                + "bundled Service Authorization Reference data has this one, so the ARN probably matches nothing; "
                + "the message suggests the closest. A warning, as the data may predate a new service. "
                + "Source: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class UnknownArnService extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                String svc = a.service();
                if (!Arns.literal(svc) || svc.isEmpty() || !svc.equals(svc.toLowerCase(Locale.ROOT))
                        || kb.servicePrefixes().contains(svc) || !kb.resourceTypesWithArnService(svc).isEmpty()) {
                    continue;
                }
                out.add(finding(a.value().location(), "'" + a.value().value() + "': no AWS resource type has the "
                        + "service '" + svc + "'" + dev.iampreflight.core.Suggestions.didYouMean(svc,
                        kb.servicePrefixes())));
            }
        }
        return out;
    }
}

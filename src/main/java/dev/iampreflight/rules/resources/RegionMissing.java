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

@RuleInfo(id = "IAM2207", name = "region-missing", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN leaves the region empty for a regional resource",
        help = "arn:aws:sqs::123456789012:orders has an empty region field, but an SQS queue's ARN always has its "
                + "region, so the value matches no queue. Write the region, or * for any region. ARN formats from "
                + "the Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class RegionMissing extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (!a.region().isEmpty()) {
                    continue;
                }
                List<Arns.Format> formats = Arns.formatsFor(kb, a);
                if (formats.isEmpty() || formats.stream().anyMatch(f -> !f.fields()[3].contains("${Region}"))) {
                    continue;
                }
                out.add(finding(a.value().location(), "'" + a.value().value() + "' has an empty region field, so it "
                        + "matches no " + formats.get(0).type().name() + " (" + String.join(":",
                        formats.get(0).fields()) + "); write the region or *"));
            }
        }
        return out;
    }
}

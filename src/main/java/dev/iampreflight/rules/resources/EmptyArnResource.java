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

@RuleInfo(id = "IAM2216", name = "empty-arn-resource", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN ends after the account field, with no resource part",
        help = "arn:aws:s3::: or arn:aws:sqs:us-east-1:123456789012: has all six fields but an empty resource part, "
                + "so it names no resource and matches nothing (Access Analyzer: \"Error - Missing ARN field\"). The "
                + "usual cause is a name that came out empty in a template (a parameter or variable with an empty "
                + "default). Write the resource, or * after the last colon. Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyArnResource extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (a.resource().isEmpty()) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "' has an empty resource part, "
                            + "so it names no resource; write the resource (or *) after the last colon"));
                }
            }
        }
        return out;
    }
}

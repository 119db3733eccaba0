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
import java.util.Set;

@RuleInfo(id = "IAM2202", name = "unknown-partition", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN names a partition that does not exist",
        help = "The second field of an ARN is the partition: aws, aws-cn (China), aws-us-gov (GovCloud), or an "
                + "isolated partition (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc). Any other value matches "
                + "no resource. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html")
public final class UnknownPartition extends LintRule {
    public static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
            "aws-iso-f", "aws-eusc");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (Arns.literal(a.partition()) && !PARTITIONS.contains(a.partition())) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "' has partition '" + a.partition()
                            + "'; use aws, aws-cn or aws-us-gov (or ${AWS::Partition} in CloudFormation)"));
                }
            }
        }
        return out;
    }
}

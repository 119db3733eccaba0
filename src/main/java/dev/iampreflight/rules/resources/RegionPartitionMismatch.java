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
import java.util.Optional;

@RuleInfo(id = "IAM2213", name = "region-partition-mismatch", severity = Severity.ERROR,
        category = Category.RESOURCES,
        summary = "An ARN's Region belongs to another partition than the ARN's",
        help = "Each Region belongs to one partition: cn-* Regions to aws-cn, us-gov-* to aws-us-gov, the isolated "
                + "Regions to their aws-iso* partitions, every other one to aws. arn:aws:s3:cn-north-1:... or "
                + "arn:aws-cn:dynamodb:us-east-1:... names a resource that cannot exist, so it matches nothing. Use "
                + "the partition of the Region (${AWS::Partition} in CloudFormation, data.aws_partition in "
                + "Terraform). Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html")
public final class RegionPartitionMismatch extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (!Arns.literal(a.partition()) || !UnknownPartition.PARTITIONS.contains(a.partition())
                        || !Arns.literal(a.region())) {
                    continue;
                }
                Optional<String> wanted = Regions.partitionOf(a.region());
                if (wanted.isEmpty() || wanted.get().equals(a.partition()) || !Arns.literal(a.service())
                        || !Regions.variableIn(Arns.formatsFor(kb, a), 3)) {
                    continue;
                }
                out.add(finding(a.value().location(), "'" + a.value().value() + "' has Region '" + a.region()
                        + "' of partition " + wanted.get() + " in partition " + a.partition()
                        + ", so it matches nothing; write arn:" + wanted.get() + ":..."));
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;
import dev.iampreflight.rules.resources.UnknownPartition;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2414", name = "principal-unknown-partition", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A principal ARN names a partition that does not exist",
        help = "The second field of a principal ARN is the partition of the account: aws, aws-cn, aws-us-gov or an "
                + "isolated partition. arn:amazon:iam::123456789012:root or arn:aws-china:iam::... names no "
                + "principal, and IAM refuses the policy (\"Invalid principal in policy\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class PrincipalUnknownPartition extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principal().isEmpty()) {
                continue;
            }
            List<LocatedString> values = new ArrayList<>(s.principal().get().values(Principal.AWS));
            values.addAll(s.principal().get().values(Principal.FEDERATED));
            for (LocatedString v : values) {
                String[] f = v.value().split(":", 3);
                if (f.length < 3 || !f[0].equals("arn") || PolicyText.unknown(v.value()) || PolicyText.hasWildcard(f[1])
                        || PolicyText.hasVariable(f[1]) || UnknownPartition.PARTITIONS.contains(f[1])) {
                    continue;
                }
                out.add(finding(v.location(), "principal '" + v.value() + "' has partition '" + f[1] + "'; use "
                        + "aws, aws-cn or aws-us-gov"));
            }
        }
        return out;
    }
}

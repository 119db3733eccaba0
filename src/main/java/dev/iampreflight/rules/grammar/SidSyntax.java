package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2003", name = "sid-syntax", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "An IAM policy's Sid has characters other than letters and digits",
        help = "In IAM policies (identity and role trust policies) the Sid element supports only ASCII letters and "
                + "digits; IAM rejects the policy otherwise. Other services' resource policies (S3, SNS, SQS) have "
                + "their own rules and are not checked. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html")
public final class SidSyntax extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.IDENTITY && policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.sid().filter(sid -> !PolicyText.unknown(sid.value()) && !sid.value().matches("[A-Za-z0-9]*"))
                    .ifPresent(sid -> out.add(finding(sid.location(), "Sid '" + sid.value() + "' may hold only "
                            + "ASCII letters and digits in an IAM policy")));
        }
        return out;
    }
}

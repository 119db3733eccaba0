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
import dev.iampreflight.policy.AccountField;

@RuleInfo(id = "IAM2205", name = "empty-account", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN leaves the account empty for a resource that lives in an account",
        help = "arn:aws:dynamodb:us-east-1::table/Orders has an empty account field, but a DynamoDB table's ARN "
                + "always has its account id, so the value matches no table. S3 buckets and objects, and resources "
                + "AWS owns (public SSM parameters and documents, public AMIs, foundation models), have no account by "
                + "design and are not reported. Write the account id, or * for any account. ARN formats from the "
                + "Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html")
public final class EmptyAccount extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (!a.account().isEmpty() || !AccountField.emptyByMistake(a.value().value())) {
                    continue;
                }
                List<Arns.Format> formats = Arns.formatsFor(kb, a);
                if (formats.isEmpty() || formats.stream().anyMatch(f -> f.fields()[4].isEmpty())) {
                    continue;
                }
                out.add(finding(a.value().location(), "'" + a.value().value() + "' has an empty account field, so "
                        + "it matches no " + formats.get(0).type().name() + " (" + String.join(":",
                        formats.get(0).fields()) + "); write the account id or *"));
            }
        }
        return out;
    }
}

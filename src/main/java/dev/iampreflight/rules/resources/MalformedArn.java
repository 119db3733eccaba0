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

@RuleInfo(id = "IAM2201", name = "malformed-arn", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "A Resource value is neither * nor an ARN",
        help = "Each value of Resource or NotResource is \"*\" or an ARN of six colon-separated fields, "
                + "arn:partition:service:region:account-id:resource; a bare name (a bucket or table name), a path, "
                + "or an ARN with fields missing matches nothing. "
                + "Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html")
public final class MalformedArn extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString r : s.resources().map(v -> v.values()).orElse(List.of())) {
                String v = r.value();
                if (PolicyText.unknown(v) || v.equals("*") || PolicyText.arn(v).isPresent()
                        || PolicyText.emptyInput(r)) {
                    continue;
                }
                if (v.startsWith("${") && v.indexOf('}') == v.length() - 1) {
                    continue; // a whole value from a policy variable
                }
                String why = v.isEmpty() ? "is empty"
                        : !v.startsWith("arn:") ? "does not start with 'arn:'"
                        : "has " + v.split(":", -1).length + " colon-separated fields instead of six";
                out.add(finding(r.location(), "resource '" + v + "' " + why + "; write \"*\" or an ARN such as "
                        + "arn:aws:s3:::my-bucket/*"));
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RuleInfo(id = "IAM2402", name = "aws-principal-format", severity = Severity.ERROR, category = Category.PRINCIPALS,
        summary = "An AWS principal is not an account id, an IAM ARN or *",
        help = "An AWS principal is \"*\", a 12-digit account id, or the ARN of an account root, IAM user, IAM role, "
                + "assumed-role session or federated user (arn:aws:iam::123456789012:role/name, "
                + "arn:aws:sts::123456789012:assumed-role/name/session); a role name alone, a service name or a "
                + "malformed ARN makes the policy invalid. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class AwsPrincipalFormat extends LintRule {
    static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile(
            "\\*|\\d{12}|arn:[a-z-]+:iam::(\\d{12}|aws):(root|user/.+|role/.+|group/.+)"
                    + "|arn:[a-z-]+:sts::\\d{12}:(assumed-role/.+|federated-user/.+)"
                    + "|A[A-Z]{3}[A-Z0-9]{12,}");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.AWS)).orElse(List.of())) {
                String t = v.value();
                if (PolicyText.unknown(t) || PolicyText.emptyInput(v) || PolicyText.hasVariable(t)
                        || VALID.matcher(t).matches()
                        || PolicyText.hasWildcard(t) && !t.equals("*")) {
                    continue;
                }
                out.add(finding(v.location(), "AWS principal '" + t + "' is not an account id, an IAM or STS "
                        + "principal ARN, or \"*\"" + (t.endsWith(".amazonaws.com") ? "; a service goes under "
                        + "\"Service\"" : "")));
            }
        }
        return out;
    }
}

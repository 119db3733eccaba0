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

@RuleInfo(id = "IAM2404", name = "service-principal-format", severity = Severity.WARNING,
        category = Category.PRINCIPALS,
        summary = "A service principal does not look like a service principal name",
        help = "Service principals are DNS-like names such as lambda.amazonaws.com (amazonaws.com.cn in China); an "
                + "ARN, a bare service prefix (lambda), upper case or a typo such as lambda.amazon.com names no "
                + "service, so the statement applies to no one. Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services")
public final class ServicePrincipalFormat extends LintRule {
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9.-]*\\.(amazonaws\\.com|amazonaws\\.com\\.cn|amazon\\.com|aws\\.internal|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.SERVICE)).orElse(List.of())) {
                String t = v.value();
                if (PolicyText.unknown(t) || PolicyText.hasVariable(t) || t.equals("*") || NAME.matcher(t).matches()) {
                    continue;
                }
                out.add(finding(v.location(), "'" + t + "' is not a service principal name; write the service's "
                        + "principal, such as " + (t.matches("[a-z0-9-]+") ? t + ".amazonaws.com"
                        : "lambda.amazonaws.com")));
            }
        }
        return out;
    }
}

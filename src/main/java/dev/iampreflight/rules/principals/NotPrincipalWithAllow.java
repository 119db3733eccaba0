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

@RuleInfo(id = "IAM2401", name = "notprincipal-with-allow", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "NotPrincipal is used with Effect Allow",
        help = "NotPrincipal must be used with \"Effect\": \"Deny\"; using it with Allow is not supported, and would "
                + "grant the statement to every principal but the ones named, anonymous users included. Name the "
                + "principals with Principal, or use a Deny with the aws:PrincipalArn condition key. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html")
public final class NotPrincipalWithAllow extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.principal().filter(p -> p.negated() && s.effect() == Effect.ALLOW).ifPresent(p -> out.add(finding(
                    p.location(), s.label() + " uses NotPrincipal with Allow, which AWS does not support (it would "
                            + "allow everyone else, anonymous users included); use Principal, or Deny with "
                            + "aws:PrincipalArn")));
        }
        return out;
    }
}

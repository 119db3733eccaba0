package dev.iampreflight.rules.security;

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

@RuleInfo(id = "IAM2505", name = "notresource-with-allow", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows its actions on every resource except some (NotResource with Allow)",
        help = "Allow with NotResource grants the actions on every resource, in every service and account the "
                + "actions reach, except the ones listed, including resources created later. List the allowed "
                + "resources instead. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html")
public final class NotResourceWithAllow extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            s.resources().filter(r -> r.negated() && s.effect() == Effect.ALLOW).ifPresent(r -> out.add(finding(
                    r.location(), s.label() + " allows its actions on every resource except "
                            + String.join(", ", r.strings()) + "; list the allowed resources instead")));
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2504", name = "notaction-with-allow", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows every action except some (NotAction with Allow)",
        help = "Allow with NotAction grants every action of every service except the ones listed, including actions "
                + "AWS adds later; it is easy to grant far more than meant. List the allowed actions instead, or use "
                + "NotAction only in Deny statements. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html")
public final class NotActionWithAllow extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() == Effect.ALLOW && s.actions().negated()) {
                out.add(finding(s.actions().location(), s.label() + " allows every action except "
                        + String.join(", ", s.actions().strings()) + "; list the allowed actions instead"));
            }
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2501", name = "full-admin", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows every action on every resource",
        help = "\"Action\": \"*\" with \"Resource\": \"*\" and no condition is full administrator access: whoever has "
                + "the policy can do anything in the account, including granting themselves more. Grant the actions "
                + "the workload needs. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html "
                + "(grant least privilege)")
public final class FullAdmin extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || !s.condition().isEmpty() || policy.kind() == PolicyKind.RESOURCE
                    || policy.kind() == PolicyKind.TRUST) {
                continue;
            }
            boolean allActions = PolicyText.actions(s).stream().anyMatch(a -> a.value().equals("*")
                    || a.value().equals("*:*"));
            boolean allResources = PolicyText.resources(s).stream().anyMatch(r -> r.value().equals("*"));
            if (allActions && allResources) {
                out.add(finding(s.location(), s.label() + " allows every action on every resource (full "
                        + "administrator access)"));
            }
        }
        return out;
    }
}

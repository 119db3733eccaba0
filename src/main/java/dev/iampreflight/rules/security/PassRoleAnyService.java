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
import dev.iampreflight.policy.Condition;

@RuleInfo(id = "IAM2503", name = "passrole-unrestricted", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "PassRole is allowed on every role without an iam:PassedToService condition",
        help = "iam:PassRole on \"*\" (or on every role) lets the holder hand any role of the account, an "
                + "administrator role included, to a service it controls (a Lambda function, an EC2 instance), a "
                + "classic privilege escalation. Name the roles, and limit the services with the iam:PassedToService "
                + "condition key. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html "
                + "and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService")
public final class PassRoleAnyService extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || policy.kind() == PolicyKind.RESOURCE || policy.kind() == PolicyKind.TRUST) {
                continue;
            }
            boolean passedToService = false;
            for (Condition c : s.condition().conditions()) {
                passedToService |= c.key().value().equalsIgnoreCase("iam:PassedToService");
            }
            boolean anyRole = PolicyText.resources(s).stream().anyMatch(r -> r.value().equals("*")
                    || r.value().matches("arn:[^:]+:iam::[^:]*:role/\\*"));
            if (passedToService || !anyRole) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.covers(a.value(), "iam:PassRole") && !a.value().equals("*")) {
                    out.add(finding(a.location(), "'" + a.value() + "' allows passing every role, to any service; "
                            + "name the roles and add an iam:PassedToService condition"));
                }
            }
        }
        return out;
    }
}

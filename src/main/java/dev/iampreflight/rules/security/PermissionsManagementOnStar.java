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
import dev.iampreflight.iamdata.ActionInfo;

@RuleInfo(id = "IAM2506", name = "privilege-escalation", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows an IAM permissions-management action on every resource",
        help = "IAM actions of the Permissions management access level (iam:AttachRolePolicy, iam:PutRolePolicy, "
                + "iam:CreatePolicyVersion, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey...) on \"*\" let the holder "
                + "grant itself, or any user or role, more permissions: a path to full administrator access. Scope "
                + "them to named resources, or use a permissions boundary. Access levels from the Service "
                + "Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html")
public final class PermissionsManagementOnStar extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || policy.kind() == PolicyKind.RESOURCE || policy.kind() == PolicyKind.TRUST
                    || PolicyText.resources(s).stream().noneMatch(r -> r.value().equals("*"))) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.hasWildcard(a.value())) {
                    continue;
                }
                kb.action(a.value()).filter(i -> i.service().equals("iam")
                                && i.accessLevel().contains("Permissions management"))
                        .ifPresent(i -> out.add(finding(a.location(), "'" + i.fullName() + "' on \"*\" can grant any "
                                + "principal more permissions (privilege escalation); scope it to named resources")));
            }
        }
        return out;
    }
}

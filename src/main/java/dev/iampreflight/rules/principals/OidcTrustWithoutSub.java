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
import dev.iampreflight.policy.Condition;

@RuleInfo(id = "IAM2406", name = "oidc-trust-without-subject", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A role trusts GitHub Actions OIDC tokens without a condition on the subject",
        help = "A trust policy that allows sts:AssumeRoleWithWebIdentity for the GitHub OIDC provider "
                + "(token.actions.githubusercontent.com) without a condition on "
                + "token.actions.githubusercontent.com:sub lets a workflow of any GitHub repository assume the role. "
                + "Add a StringEquals or StringLike condition on the sub key naming your repository (and the aud "
                + "key, sts.amazonaws.com). Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html "
                + "and https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services")
public final class OidcTrustWithoutSub extends LintRule {
    static final String GITHUB = "token.actions.githubusercontent.com";

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty()) {
                continue;
            }
            boolean github = s.principal().get().values(Principal.FEDERATED).stream()
                    .anyMatch(v -> v.value().endsWith(GITHUB));
            boolean webIdentity = PolicyText.actions(s).stream().anyMatch(a -> PolicyText.covers(a.value(),
                    "sts:AssumeRoleWithWebIdentity"));
            boolean sub = false;
            for (Condition c : s.condition().conditions()) {
                sub |= c.key().value().equalsIgnoreCase(GITHUB + ":sub")
                        && !c.operator().value().toLowerCase(Locale.ROOT).contains("not");
            }
            if (github && webIdentity && !sub) {
                out.add(finding(s.principal().get().location(), s.label() + " trusts GitHub Actions tokens without "
                        + "a condition on " + GITHUB + ":sub, so a workflow of any repository can assume the role"));
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RuleInfo(id = "IAM2411", name = "federated-action-mismatch", severity = Severity.WARNING,
        category = Category.PRINCIPALS,
        summary = "A trust statement's principals cannot call the assume-role action it allows",
        help = "A SAML identity provider's users assume a role with sts:AssumeRoleWithSAML, an OIDC or web identity "
                + "provider's with sts:AssumeRoleWithWebIdentity, and AWS principals and services with "
                + "sts:AssumeRole. A trust statement that names only SAML providers but does not allow "
                + "AssumeRoleWithSAML (or only web identity providers without AssumeRoleWithWebIdentity, or only "
                + "AWS and service principals with nothing but the federated actions) lets no one assume the role. "
                + "Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html")
public final class FederatedActionMismatch extends LintRule {
    static final String SAML = "sts:assumerolewithsaml";
    static final String WEB = "sts:assumerolewithwebidentity";

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.actions().negated() || s.principal().isEmpty()
                    || s.principal().get().negated() || s.principal().get().anyone()) {
                continue;
            }
            List<String> actions = new ArrayList<>();
            boolean open = false;
            for (LocatedString a : s.actions().values()) {
                open |= PolicyText.unknown(a.value()) || PolicyText.hasWildcard(a.value());
                actions.add(a.value().toLowerCase(Locale.ROOT));
            }
            Principal p = s.principal().get();
            List<LocatedString> all = new ArrayList<>();
            p.byType().values().forEach(all::addAll);
            if (open || all.isEmpty() || all.stream().anyMatch(v -> PolicyText.unknown(v.value())
                    || PolicyText.hasVariable(v.value()))) {
                continue;
            }
            Set<String> types = p.byType().keySet();
            String problem = null;
            if (types.equals(Set.of(Principal.FEDERATED))) {
                List<LocatedString> fed = p.values(Principal.FEDERATED);
                if (fed.stream().allMatch(v -> FederatedPrincipalFormat.saml(v.value())) && !actions.contains(SAML)) {
                    problem = "names only SAML providers but does not allow sts:AssumeRoleWithSAML";
                } else if (fed.stream().allMatch(v -> FederatedPrincipalFormat.web(v.value()))
                        && !actions.contains(WEB)) {
                    problem = "names only web identity (OIDC) providers but does not allow "
                            + "sts:AssumeRoleWithWebIdentity";
                }
            } else if (!types.contains(Principal.FEDERATED)
                    && actions.stream().allMatch(a -> a.equals(SAML) || a.equals(WEB))) {
                problem = "allows only federated assume-role actions to AWS or service principals, which call "
                        + "sts:AssumeRole";
            }
            if (problem != null) {
                out.add(finding(s.actions().location(), s.label() + " " + problem + ", so no one it names can "
                        + "assume the role"));
            }
        }
        return out;
    }
}

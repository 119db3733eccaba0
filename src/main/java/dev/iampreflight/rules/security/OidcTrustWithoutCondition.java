package dev.iampreflight.rules.security;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
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
import java.util.Optional;
import java.util.Set;

@RuleInfo(id = "IAM2513", name = "oidc-trust-without-condition", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A role trusts a web identity provider without a condition on its tokens",
        help = "A trust policy that allows sts:AssumeRoleWithWebIdentity to an OIDC provider (an EKS cluster, "
                + "GitLab, Terraform Cloud...) or to Cognito, Google, Facebook or Login with Amazon, with no "
                + "condition on a key of that provider (HOST:sub, HOST:aud, cognito-identity.amazonaws.com:aud), "
                + "lets every identity the provider issues tokens to assume the role: any Kubernetes service "
                + "account of the cluster, any project, any app. GitHub Actions is IAM2406, and Amazon Cognito in a "
                + "trust policy IAM2413 (which also asks for the identity pool). Access Analyzer "
                + "reports it as a security warning (Missing condition key for oidc principal). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html")
public final class OidcTrustWithoutCondition extends LintRule {
    private static final String COGNITO = "cognito-identity.amazonaws.com";
    static final Set<String> PROVIDERS = Set.of(COGNITO, "accounts.google.com",
            "graph.facebook.com", "www.amazon.com");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty() || s.principal().get().negated()
                    || PolicyText.actions(s).stream().noneMatch(a -> PolicyText.covers(a.value(),
                    "sts:AssumeRoleWithWebIdentity"))
                    || s.condition().conditions().stream().anyMatch(c -> PolicyText.unknown(c.key().value()))) {
                continue;
            }
            for (LocatedString v : s.principal().get().values(Principal.FEDERATED)) {
                String host = host(v.value());
                // Each provider is reported by one rule: GitHub Actions by IAM2406, Cognito in a trust policy by
                // IAM2413, which asks for its :aud even when another Cognito key is conditioned.
                if (host.isEmpty() || host.endsWith("token.actions.githubusercontent.com")
                        || policy.kind() == PolicyKind.TRUST && host.equalsIgnoreCase(COGNITO)) {
                    continue;
                }
                boolean conditioned = s.condition().conditions().stream().anyMatch(c -> c.key().value()
                        .toLowerCase(Locale.ROOT).startsWith(host.toLowerCase(Locale.ROOT) + ":"));
                if (!conditioned) {
                    out.add(finding(v.location(), s.label() + " trusts tokens of " + host + " with no condition on "
                            + host + ":sub or :aud, so every identity it issues tokens to can assume the role"));
                }
            }
        }
        return out;
    }

    /** The provider's host (and path) as its condition keys are prefixed, or empty when not an OIDC provider. */
    static String host(String federated) {
        if (PolicyText.unknown(federated) || PolicyText.hasVariable(federated)) {
            return "";
        }
        int at = federated.indexOf(":oidc-provider/");
        if (federated.startsWith("arn:") && at > 0) {
            return federated.substring(at + ":oidc-provider/".length());
        }
        return PROVIDERS.contains(federated.toLowerCase(Locale.ROOT)) ? federated : "";
    }
}

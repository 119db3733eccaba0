package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@RuleInfo(id = "IAM2409", name = "federated-principal-format", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A Federated principal is neither an identity provider ARN nor a known web identity provider",
        help = "A Federated principal is the ARN of an IAM identity provider of the account "
                + "(arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com, "
                + "arn:aws:iam::123456789012:saml-provider/Okta) or one of the web identity providers IAM knows by "
                + "name: cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com. An "
                + "OIDC provider's URL without the ARN, or any other value, is not a principal (Access Analyzer: "
                + "\"Error - Invalid principal format\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class FederatedPrincipalFormat extends LintRule {
    static final Set<String> WEB_PROVIDERS = Set.of("cognito-identity.amazonaws.com", "www.amazon.com",
            "graph.facebook.com", "accounts.google.com");
    static final Pattern PROVIDER_ARN = Pattern.compile(
            "arn:[a-z-]+:iam::\\d{12}:(saml-provider/[\\w+=,.@-]+|oidc-provider/[^\\s]+)");

    static boolean saml(String v) {
        return v.matches("arn:[^:]+:iam::[^:]*:saml-provider/.+");
    }

    static boolean web(String v) {
        return WEB_PROVIDERS.contains(v) || v.matches("arn:[^:]+:iam::[^:]*:oidc-provider/.+");
    }

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.FEDERATED)).orElse(List.of())) {
                String t = v.value();
                if (PolicyText.unknown(t) || PolicyText.hasVariable(t) || PolicyText.hasWildcard(t)
                        || PolicyText.emptyInput(v) || WEB_PROVIDERS.contains(t) || PROVIDER_ARN.matcher(t).matches()) {
                    continue;
                }
                boolean url = !t.startsWith("arn:") && t.contains(".");
                out.add(finding(v.location(), "Federated principal '" + t + "' is not an identity provider ARN "
                        + (url ? "(arn:aws:iam::ACCOUNT:oidc-provider/" + t.replaceFirst("^https://", "") + ")"
                        : "(arn:aws:iam::ACCOUNT:oidc-provider/URL or saml-provider/NAME)") + " nor one of "
                        + "cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com"));
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2413", name = "cognito-trust-without-audience", severity = Severity.WARNING,
        category = Category.PRINCIPALS,
        summary = "A role trusts Amazon Cognito identities without a condition on the identity pool",
        help = "With Principal {\"Federated\": \"cognito-identity.amazonaws.com\"} and no condition on "
                + "cognito-identity.amazonaws.com:aud, identities of any identity pool, in any account, can assume "
                + "the role. Add \"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"<identity pool id>\"} "
                + "(and usually a ForAnyValue:StringLike condition on cognito-identity.amazonaws.com:amr). "
                + "Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html")
public final class CognitoTrustWithoutAud extends LintRule {
    static final String COGNITO = "cognito-identity.amazonaws.com";

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty() || s.principal().get().negated()) {
                continue;
            }
            Optional<LocatedString> cognito = s.principal().get().values(Principal.FEDERATED).stream()
                    .filter(v -> v.value().equals(COGNITO)).findFirst();
            boolean aud = false;
            for (Condition c : s.condition().conditions()) {
                aud |= c.key().value().equalsIgnoreCase(COGNITO + ":aud");
            }
            if (cognito.isPresent() && !aud) {
                out.add(finding(cognito.get().location(), s.label() + " trusts Amazon Cognito identities with no "
                        + "condition on cognito-identity.amazonaws.com:aud, so identities of any identity pool can "
                        + "assume the role; add a StringEquals condition naming your identity pool"));
            }
        }
        return out;
    }
}

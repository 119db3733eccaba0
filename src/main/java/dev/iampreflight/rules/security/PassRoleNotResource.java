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

@RuleInfo(id = "IAM2510", name = "passrole-with-notresource", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "PassRole is allowed with NotResource",
        help = "Allow iam:PassRole with NotResource lets the holder pass every role of the account except the "
                + "ones listed, administrator roles and roles created later included, to any service it controls: "
                + "a privilege escalation. Name the roles in Resource and add an iam:PassedToService condition. "
                + "Access Analyzer reports it as a security warning (Pass role with NotResource). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html")
public final class PassRoleNotResource extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.resources().filter(r -> r.negated()).isEmpty()) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.covers(a.value(), "iam:PassRole")) {
                    out.add(finding(a.location(), "'" + a.value() + "' with NotResource allows passing every role "
                            + "except " + String.join(", ", s.resources().get().strings()) + "; name the roles in "
                            + "Resource instead"));
                    break;
                }
            }
        }
        return out;
    }
}

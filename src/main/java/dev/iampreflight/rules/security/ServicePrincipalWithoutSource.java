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

@RuleInfo(id = "IAM2514", name = "service-principal-without-source", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A resource policy allows a service principal without naming the source",
        help = "A service principal (sns.amazonaws.com, events.amazonaws.com) acts for every account that uses "
                + "the service. A resource policy that allows it with no aws:SourceArn, aws:SourceAccount, "
                + "aws:SourceOrgID or aws:SourceOrgPaths condition lets the service use the resource on behalf of "
                + "anyone's resources (the confused deputy problem). Add one of those conditions. Access Analyzer "
                + "reports it as a security warning (Restrict access to service principal). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html")
public final class ServicePrincipalWithoutSource extends LintRule {
    static final Set<String> SOURCE_KEYS = Set.of("aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid",
            "aws:sourceorgpaths", "aws:sourceowner");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.RESOURCE) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty() || s.principal().get().negated()) {
                continue;
            }
            Principal p = s.principal().get();
            List<LocatedString> services = p.values(Principal.SERVICE);
            if (services.isEmpty() || p.anyone() || !p.values(Principal.AWS).isEmpty()
                    || services.stream().anyMatch(v -> PolicyText.unknown(v.value()))
                    || s.condition().conditions().stream().anyMatch(c -> PolicyText.unknown(c.key().value())
                    || SOURCE_KEYS.contains(c.key().value().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            out.add(finding(services.get(0).location(), s.label() + " allows " + String.join(", ",
                    services.stream().map(LocatedString::value).toList()) + " without an aws:SourceArn or "
                    + "aws:SourceAccount condition, so the service can use it on behalf of any account"));
        }
        return out;
    }
}

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

@RuleInfo(id = "IAM2512", name = "public-despite-condition", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A resource policy allows anyone, with conditions that do not restrict who",
        help = "A statement that allows Principal \"*\" is public unless a condition narrows the caller "
                + "(aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce, "
                + "aws:SourceIp...). Conditions only on aws:SecureTransport, aws:CurrentTime, aws:EpochTime, "
                + "aws:UserAgent, aws:Referer, aws:RequestedRegion, aws:TokenIssueTime or the MFA keys leave it "
                + "open to anyone who meets them, which anyone can. Access Analyzer reports such a resource as "
                + "public. Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html")
public final class PublicWithWeakCondition extends LintRule {
    static final Set<String> WEAK = Set.of("aws:securetransport", "aws:currenttime", "aws:epochtime",
            "aws:useragent", "aws:referer", "aws:requestedregion", "aws:tokenissuetime", "aws:multifactorauthpresent",
            "aws:multifactorauthage");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.RESOURCE) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty() || s.principal().get().negated()
                    || s.condition().isEmpty()) {
                continue;
            }
            Principal p = s.principal().get();
            boolean anyone = p.anyone() || p.values(Principal.AWS).stream().anyMatch(v -> v.value().equals("*"));
            boolean weak = s.condition().conditions().stream()
                    .allMatch(c -> WEAK.contains(c.key().value().toLowerCase(Locale.ROOT)));
            if (anyone && weak) {
                out.add(finding(p.location(), s.label() + " allows anyone (Principal \"*\"): its conditions ("
                        + String.join(", ", s.condition().conditions().stream().map(c -> c.key().value()).distinct()
                        .toList()) + ") do not restrict who the caller is"));
            }
        }
        return out;
    }
}

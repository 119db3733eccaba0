package dev.iampreflight.rules.conditions;

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

@RuleInfo(id = "IAM2325", name = "invalid-vpce-format", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "An aws:SourceVpce condition value is not a VPC endpoint id",
        help = "aws:SourceVpce holds the id of the VPC endpoint a request came through: vpce- followed by 8 or "
                + "17 letters and digits. A value of another form (a VPC id, an ARN, a name) equals no request's "
                + "endpoint id, so the condition never matches (negated, always). Access Analyzer reports it as "
                + "an error (Invalid vpce format). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-sourcevpce")
public final class VpceFormat extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.key().value().equalsIgnoreCase("aws:SourceVpce")
                        || Operators.family(c.operator().value()).filter(f -> f == Operators.Family.STRING).isEmpty()) {
                    continue;
                }
                boolean like = c.operator().value().toLowerCase(Locale.ROOT).contains("like");
                for (LocatedString v : c.values()) {
                    String t = v.value();
                    if (PolicyText.unknown(t) || PolicyText.hasVariable(t) || like && PolicyText.hasWildcard(t)
                            || t.matches("vpce-[0-9a-zA-Z]{8}([0-9a-zA-Z]{9})?") || PolicyText.emptyInput(v)) {
                        continue;
                    }
                    out.add(finding(v.location(), "'" + t + "' is not a VPC endpoint id (vpce- and 8 or 17 letters and digits), so no request's aws:SourceVpce equals it"));
                }
            }
        }
        return out;
    }
}

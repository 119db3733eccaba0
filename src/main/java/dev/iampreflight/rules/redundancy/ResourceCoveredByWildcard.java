package dev.iampreflight.rules.redundancy;

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

@RuleInfo(id = "IAM2607", name = "resource-covered-by-wildcard", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "A resource is already matched by a wildcard in the same statement",
        help = "With arn:aws:s3:::b/* in the statement, arn:aws:s3:::b/reports/x adds nothing; remove it (or "
                + "the wildcard, if the narrower list is what was meant). Access Analyzer suggests the same "
                + "(Redundant resource). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html")
public final class ResourceCoveredByWildcard extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> all = s.resources().map(r -> r.values()).orElse(List.of());
            for (LocatedString r : all) {
                if (PolicyText.unknown(r.value()) || r.value().contains("${")) {
                    continue;
                }
                for (LocatedString w : all) {
                    if (w != r && !w.value().equals(r.value()) && PolicyText.hasWildcard(w.value())
                            && w.value().indexOf('?') < 0 && !w.value().contains("${")
                            && PolicyText.plainMatch(w.value(), r.value())) {
                        out.add(finding(r.location(), "'" + r.value() + "' is already matched by '" + w.value() + "'"));
                        break;
                    }
                }
            }
        }
        return out;
    }
}

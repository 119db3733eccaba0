package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2002", name = "legacy-version", severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "A policy uses the legacy 2008-10-17 language version",
        help = "Version 2008-10-17 is an earlier version of the policy language; newer features such as policy "
                + "variables do not work with it. Use 2012-10-17. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html")
public final class LegacyVersion extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return policy.document().version().filter(v -> PolicyDocument.VERSION_2008.equals(v.value()))
                .map(v -> List.of(finding(v.location(), "Version '2008-10-17' is the legacy policy language; use '"
                        + PolicyDocument.VERSION_2012 + "'")))
                .orElse(List.of());
    }
}

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

@RuleInfo(id = "IAM2001", name = "version-missing", severity = Severity.WARNING, category = Category.GRAMMAR,
        summary = "A policy has no Version element",
        help = "Without Version, IAM reads the policy under the legacy 2008-10-17 language, where policy variables "
                + "such as ${aws:username} are literal text, not substituted. Add \"Version\": \"2012-10-17\". "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html")
public final class VersionMissing extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        PolicyDocument d = policy.document();
        if (d.version().isPresent()) {
            return List.of();
        }
        return List.of(finding(d.location(), "the policy has no Version; add \"Version\": \"2012-10-17\" (without "
                + "it IAM uses the 2008-10-17 language, in which policy variables are not substituted)"));
    }
}

package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2014", name = "empty-condition-object", severity = Severity.NOTE, category = Category.GRAMMAR,
        summary = "A statement's Condition element holds no condition",
        help = "\"Condition\": {} (or operators that map to empty objects) adds no condition: the statement applies "
                + "unconditionally, which may not be what the author meant. Write the conditions or remove the "
                + "element (Access Analyzer: \"Suggestion - Empty object condition\"). "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class EmptyConditionObject extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            // A statement without Condition has the EMPTY block, at an unknown location.
            if (s.condition().isEmpty() && !s.condition().location().equals(SourceLocation.unknown())) {
                out.add(finding(s.condition().location(), "the Condition of " + s.label() + " holds no condition, "
                        + "so the statement applies unconditionally; write the conditions or remove the element"));
            }
        }
        return out;
    }
}

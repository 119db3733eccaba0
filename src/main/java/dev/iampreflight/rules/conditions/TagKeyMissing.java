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

@RuleInfo(id = "IAM2327", name = "tag-key-missing", severity = Severity.ERROR, category = Category.CONDITIONS,
        summary = "A tag condition key names no tag",
        help = "Tag keys are written with the tag's name after the slash: aws:ResourceTag/team, "
                + "aws:RequestTag/team, aws:PrincipalTag/team, s3:ExistingObjectTag/team. With nothing after the "
                + "slash the key names no tag, and no request carries it. Access Analyzer reports it as an error "
                + "(Missing tag key in condition). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#conditio"
                + "n-keys-resourcetag")
public final class TagKeyMissing extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String key = c.key().value();
                if (key.toLowerCase(Locale.ROOT).matches("[a-z0-9.-]+:[a-z]*tag/\\s*")) {
                    out.add(finding(c.key().location(), "'" + key + "' names no tag; write the tag's name after the "
                            + "slash, e.g. " + key.strip() + "team"));
                }
            }
        }
        return out;
    }
}

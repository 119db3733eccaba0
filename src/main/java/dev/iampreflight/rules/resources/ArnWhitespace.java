package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
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

@RuleInfo(id = "IAM2211", name = "resource-whitespace", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "A Resource value has white space around it or in its ARN fields",
        help = "ARNs are matched character by character, so a space before or after an ARN (often from a copy and "
                + "paste or a line break in a template) makes it match nothing. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html")
public final class ArnWhitespace extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString r : s.resources().map(v -> v.values()).orElse(List.of())) {
                String v = r.value();
                String[] fields = v.split(":", 6);
                String head = fields.length == 6 ? String.join(":", List.of(fields).subList(0, 5)) : v;
                // An S3 key may hold spaces; the fields before the resource part, and either end, never do.
                if (!PolicyText.unknown(v) && (!v.equals(v.strip())
                        || head.chars().anyMatch(Character::isWhitespace))) {
                    out.add(finding(r.location(), "resource '" + v + "' has white space around it or in its "
                            + "partition, service, region or account; remove it"));
                }
            }
        }
        return out;
    }
}

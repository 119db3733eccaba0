package dev.iampreflight.rules.redundancy;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
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
import dev.iampreflight.policy.Condition;

@RuleInfo(id = "IAM2605", name = "policy-size", severity = Severity.ERROR, category = Category.REDUNDANCY,
        summary = "A policy is larger than IAM's size quota for its kind",
        help = "IAM counts policy size in characters without white space: a managed policy may have 6,144, the "
                + "inline policies of a role 10,240 together, a role trust policy 2,048 by default (4,096 at most on "
                + "request). A larger policy is rejected. The size is counted on the policy as read (values that "
                + "are only known at deploy time count as written), and only when its kind is known. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html")
public final class PolicySize extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.limit().isEmpty()) {
            return List.of();
        }
        int size = size(policy);
        LintedPolicy.SizeLimit limit = policy.limit().get();
        if (size <= limit.characters()) {
            return List.of();
        }
        return List.of(finding(policy.document().location(), "the policy has about " + size + " characters without "
                + "white space; " + limit.what() + " may have " + limit.characters() + "; split it or use wildcards"));
    }

    /** The characters of the policy's compact JSON, not counting white space inside values. */
    static int size(LintedPolicy p) {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (Statement s : p.document().statements()) {
            sb.append("{\"Effect\":\"Allow\",");
            s.sid().ifPresent(v -> sb.append("\"Sid\":\"").append(v.value()).append("\","));
            list(sb, "Action", s.actions().strings());
            s.resources().ifPresent(r -> list(sb, "Resource", r.strings()));
            s.principal().ifPresent(pr -> pr.byType().forEach((t, v) -> list(sb, "Principal" + t,
                    v.stream().map(LocatedString::value).toList())));
            for (Condition c : s.condition().conditions()) {
                list(sb, c.operator().value() + c.key().value(), c.valueStrings());
            }
            sb.append("},");
        }
        sb.append("]}");
        return (int) sb.chars().filter(ch -> !Character.isWhitespace(ch)).count();
    }

    private static void list(StringBuilder sb, String key, List<String> values) {
        sb.append('"').append(key).append("\":[");
        for (String v : values) {
            sb.append('"').append(v).append("\",");
        }
        sb.append("],");
    }
}

package dev.iampreflight.rules.principals;

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

@RuleInfo(id = "IAM2407", name = "canonical-user-format", severity = Severity.ERROR,
        category = Category.PRINCIPALS,
        summary = "A CanonicalUser principal is not a 64-character hexadecimal id",
        help = "An S3 canonical user id is 64 hexadecimal characters; any other value is rejected. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html "
                + "and https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html")
public final class CanonicalUserFormat extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : s.principal().map(p -> p.values(Principal.CANONICAL_USER)).orElse(List.of())) {
                if (!PolicyText.unknown(v.value()) && !v.value().matches("[0-9a-fA-F]{64}")) {
                    out.add(finding(v.location(), "CanonicalUser '" + v.value() + "' is not a 64-character "
                            + "hexadecimal canonical user id"));
                }
            }
        }
        return out;
    }
}

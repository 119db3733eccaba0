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
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Condition;

@RuleInfo(id = "IAM2008", name = "unsupported-character", severity = Severity.ERROR, category = Category.GRAMMAR,
        summary = "A policy value has a character IAM does not accept",
        help = "IAM policy documents can contain only tab, line feed, carriage return and the characters from "
                + "U+0020 to U+00FF; IAM rejects any other, such as a Unicode look-alike of a letter, a non-breaking "
                + "hyphen or a zero-width space pasted from a web page. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (IAM name "
                + "requirements)")
public final class NonLatin1Character extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() != PolicyKind.IDENTITY && policy.kind() != PolicyKind.TRUST) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> values = new ArrayList<>(s.actions().values());
            s.resources().ifPresent(r -> values.addAll(r.values()));
            s.sid().ifPresent(values::add);
            for (Condition c : s.condition().conditions()) {
                values.add(c.key());
                values.addAll(c.values());
            }
            for (LocatedString v : values) {
                for (int i = 0; i < v.value().length(); i++) {
                    char ch = v.value().charAt(i);
                    if (ch > 0xFF || ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                        out.add(finding(v.location(), "'" + v.value() + "' has the character U+"
                                + String.format("%04X", (int) ch) + " at position " + (i + 1) + "; IAM accepts only "
                                + "tab, line feed, carriage return and U+0020 to U+00FF"));
                        break;
                    }
                }
            }
        }
        return out;
    }
}

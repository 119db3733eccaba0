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

@RuleInfo(id = "IAM2322", name = "null-with-set-qualifier", severity = Severity.WARNING, category = Category.CONDITIONS,
        summary = "The Null operator is used with ForAnyValue or ForAllValues",
        help = "Null tests whether a key is present in the request at all; the set qualifiers ForAnyValue: and "
                + "ForAllValues: compare each value of a multivalued key and do not fit it. Write plain Null. "
                + "Access Analyzer reports it (Null with qualifier). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators"
                + ".html#Conditions_Null")
public final class NullWithQualifier extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!PolicyText.setPrefix(c).isEmpty()
                        && Operators.family(c.operator().value()).filter(f -> f == Operators.Family.NULL).isPresent()) {
                    out.add(finding(c.operator().location(), "'" + c.operator().value() + "': Null tests whether '"
                            + c.key().value() + "' is present; write Null without a set qualifier"));
                }
            }
        }
        return out;
    }
}

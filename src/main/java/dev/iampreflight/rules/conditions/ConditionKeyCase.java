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

@RuleInfo(id = "IAM2319", name = "condition-key-case", severity = Severity.NOTE, category = Category.CONDITIONS,
        summary = "A condition key is written in a different case from its documented name",
        help = "Condition key names are not case-sensitive, so aws:sourceip works as aws:SourceIp; writing the "
                + "documented case keeps policies searchable and consistent (the values of keys such as "
                + "aws:PrincipalTag/ tag names may be case-sensitive, the key names are not). Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html")
public final class ConditionKeyCase extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                String key = c.key().value();
                // "AWS:SourceArn" is how Lambda itself writes the keys of the statements it adds for a permission
                // (aws_lambda_permission, AWS::Lambda::Permission), which the readers render the same way.
                if (PolicyText.unknown(key) || key.indexOf('/') >= 0 || key.startsWith("AWS:")) {
                    continue;
                }
                kb.conditionKey(key).filter(k -> !k.name().equals(key) && k.name().indexOf('$') < 0
                                && k.name().indexOf('/') < 0)
                        .ifPresent(k -> out.add(finding(c.key().location(), "'" + key + "' is documented as '"
                                + k.name() + "'")));
            }
        }
        return out;
    }
}

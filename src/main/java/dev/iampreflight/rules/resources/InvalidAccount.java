package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2214", name = "invalid-arn-account", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An ARN's account field is not a 12-digit account id",
        help = "The account field of an ARN holds the 12-digit id of the account that owns the resource (aws for "
                + "some resources AWS owns, such as managed policies). An account alias, a name, an id with a digit "
                + "missing or a placeholder left in (ACCOUNT_ID) matches no resource (Access Analyzer: \"Error - "
                + "Invalid ARN account\"). Write the id, or * for any account. Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class InvalidAccount extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                String account = a.account();
                if (account.isEmpty() || !Arns.literal(account) || !Arns.literal(a.service())
                        || account.matches("\\d{12}") || account.equals("aws")) {
                    continue;
                }
                List<Arns.Format> formats = Arns.formatsFor(kb, a);
                if (Regions.variableIn(formats, 4)) {
                    out.add(finding(a.value().location(), "'" + a.value().value() + "' has account '" + account
                            + "', which is not a 12-digit account id, so it matches nothing; write the id or *"));
                }
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.security;

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

@RuleInfo(id = "IAM2509", name = "data-read-on-star", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows reading objects, parameters or secrets on every resource",
        help = "s3:GetObject, ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, "
                + "secretsmanager:GetSecretValue and kms:Decrypt on Resource \"*\" read every object, parameter and "
                + "secret of the account (and of other accounts whose resource policies allow it), far beyond "
                + "what one function needs; a leaked credential then leaks them all. Name the buckets, parameter "
                + "paths, secrets and keys. Statements that allow every action (IAM2501) or a whole service "
                + "(IAM2502) are reported by those rules instead. Sources: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-re"
                + "sources-contextkeys.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege")
public final class DataExfiltration extends LintRule {
    static final List<String> ACTIONS = List.of("s3:GetObject", "ssm:GetParameter", "ssm:GetParameters",
            "ssm:GetParametersByPath", "secretsmanager:GetSecretValue", "kms:Decrypt");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return SensitiveOnStar.check(this, policy, kb, ACTIONS, "reads every object, parameter or secret of its "
                + "kind; name the resources");
    }

}

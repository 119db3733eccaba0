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

@RuleInfo(id = "IAM2508", name = "credentials-exposure", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A statement allows an action that returns or sets credentials on every resource",
        help = "Some actions hand out credentials: iam:CreateAccessKey returns a user's secret key, "
                + "iam:CreateLoginProfile and iam:UpdateLoginProfile set a console password, "
                + "iam:CreateServiceSpecificCredential and iam:ResetServiceSpecificCredential return a password, "
                + "sts:AssumeRole and sts:GetFederationToken return temporary credentials, "
                + "redshift:GetClusterCredentials a database password, lightsail:GetInstanceAccessDetails and "
                + "lightsail:GetRelationalDatabaseMasterUserPassword keys and passwords. On Resource \"*\" they "
                + "reach every user, role or cluster of the account, administrators included. Name the resources. "
                + "Actions that accept only \"*\" are not reported. Sources: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-re"
                + "sources-contextkeys.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html")
public final class CredentialsExposure extends LintRule {
    static final List<String> ACTIONS = List.of("iam:CreateAccessKey", "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile", "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential",
            "sts:AssumeRole", "sts:GetFederationToken", "redshift:GetClusterCredentials",
            "lightsail:GetInstanceAccessDetails", "lightsail:GetRelationalDatabaseMasterUserPassword");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return SensitiveOnStar.check(this, policy, kb, ACTIONS, "hands out credentials for every resource of its "
                + "kind (users, roles, clusters); name the resources");
    }

}

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

@RuleInfo(id = "IAM2511", name = "privilege-escalation-combination", severity = Severity.WARNING, category = Category.SECURITY,
        summary = "A policy allows a set of actions that together escalate privileges",
        help = "iam:PassRole on every role together with an action that starts compute with a role "
                + "(lambda:CreateFunction with lambda:InvokeFunction or lambda:CreateEventSourceMapping, "
                + "ec2:RunInstances, cloudformation:CreateStack, glue:CreateDevEndpoint, ecs:RunTask with "
                + "ecs:RegisterTaskDefinition, sagemaker:CreateNotebookInstance) lets the holder run its own code "
                + "as any role of the account, an administrator role included. Each action is counted when an "
                + "Allow statement without condition grants it on Resource \"*\". Name the roles PassRole may pass "
                + "and limit iam:PassedToService. Source: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html")
public final class PrivilegeEscalationSet extends LintRule {
    static final List<List<String>> SETS = List.of(
            List.of("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
            List.of("iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
            List.of("iam:PassRole", "ec2:RunInstances"),
            List.of("iam:PassRole", "cloudformation:CreateStack"),
            List.of("iam:PassRole", "glue:CreateDevEndpoint"),
            List.of("iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"),
            List.of("iam:PassRole", "sagemaker:CreateNotebookInstance"));

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        if (policy.kind() == PolicyKind.RESOURCE || policy.kind() == PolicyKind.TRUST) {
            return List.of();
        }
        for (List<String> set : SETS) {
            List<LocatedString> where = new ArrayList<>();
            for (String action : set) {
                grant(policy, action).ifPresent(where::add);
            }
            if (where.size() == set.size() && where.stream().noneMatch(w -> w.value().equals("*"))) {
                return List.of(finding(where.get(0).location(), "the policy allows " + String.join(" + ", set)
                        + " on \"*\": together they run code as any role of the account; name the roles "
                        + "iam:PassRole may pass"));
            }
        }
        return List.of();
    }

    /** The Action value of an unconditioned Allow statement on Resource "*" that grants {@code action}. */
    private static Optional<LocatedString> grant(LintedPolicy policy, String action) {
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || !s.condition().isEmpty()
                    || PolicyText.resources(s).stream().noneMatch(r -> r.value().equals("*"))) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.covers(a.value(), action)) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}

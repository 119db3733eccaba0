package dev.iampreflight.rules.redundancy;

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

@RuleInfo(id = "IAM2606", name = "statement-covered-by-another", severity = Severity.NOTE, category = Category.REDUNDANCY,
        summary = "An Allow statement grants nothing another statement of the policy does not already grant",
        help = "When every action of an Allow statement is matched by an action of another Allow statement, "
                + "and every resource by one of its resources, and neither has a condition (nor a different "
                + "principal), the first statement adds nothing; remove it, or narrow the broader one if that was "
                + "meant. Identical statements are IAM2604. Access Analyzer suggests the same (Redundant "
                + "statement). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html")
public final class StatementCovered extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        List<Statement> all = policy.document().statements();
        for (Statement b : all) {
            if (!plain(b)) {
                continue;
            }
            for (Statement a : all) {
                if (a != b && plain(a) && samePrincipal(a, b) && covers(a, b) && !covers(b, a)) {
                    out.add(finding(b.location(), b.label() + " grants nothing more than " + a.label() + " (line "
                            + a.location().line() + ") already does"));
                    break;
                }
            }
        }
        return out;
    }

    /** An Allow with Action and Resource (not the Not forms), no condition, no value unknown offline. */
    private static boolean plain(Statement s) {
        if (s.effect() != Effect.ALLOW || !s.condition().isEmpty() || s.actions().negated()
                || s.resources().isEmpty() || s.resources().get().negated() || s.actions().values().isEmpty()
                || s.resources().get().values().isEmpty()) {
            return false;
        }
        return s.actions().strings().stream().noneMatch(PolicyText::unknown)
                && s.resources().get().strings().stream().noneMatch(v -> PolicyText.unknown(v) || v.contains("${"));
    }

    private static boolean samePrincipal(Statement a, Statement b) {
        return a.principal().isEmpty() && b.principal().isEmpty();
    }

    /** Whether every action and resource of {@code b} is matched by one of {@code a}. */
    private static boolean covers(Statement a, Statement b) {
        for (String act : b.actions().strings()) {
            boolean hit = false;
            for (String p : a.actions().strings()) {
                hit |= p.equalsIgnoreCase(act) || p.indexOf('?') < 0 && PolicyText.covers(p, act);
            }
            if (!hit) {
                return false;
            }
        }
        for (String r : b.resources().get().strings()) {
            boolean hit = false;
            for (String p : a.resources().get().strings()) {
                hit |= p.equals(r) || p.indexOf('?') < 0 && PolicyText.plainMatch(p, r);
            }
            if (!hit) {
                return false;
            }
        }
        return true;
    }
}

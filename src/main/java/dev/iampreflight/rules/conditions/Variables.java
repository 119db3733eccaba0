package dev.iampreflight.rules.conditions;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The policy variables of a value ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}}, {@code ${*}}),
 * read as https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html writes them, and the
 * values of a statement where IAM substitutes them (Resource, NotResource and Condition values).
 */
final class Variables {

    /**
     * One {@code ${...}} of a value: {@code inner} is the text between the braces, {@code closed} false when no
     * closing brace follows.
     */
    record Variable(String inner, boolean closed) {
        /** The name part: before the comma that starts a default value. */
        String name() {
            int comma = inner.indexOf(',');
            return comma < 0 ? inner : inner.substring(0, comma);
        }

        /** The default value part, after the comma, trimmed; empty when there is none. */
        java.util.Optional<String> defaultValue() {
            int comma = inner.indexOf(',');
            return comma < 0 ? java.util.Optional.empty() : java.util.Optional.of(inner.substring(comma + 1).trim());
        }
    }

    private Variables() {
    }

    /**
     * The findings of one variable-syntax rule: in a policy whose language substitutes variables, for each string IAM
     * substitutes in, the first variable {@code problem} says something about (at most one finding per string).
     */
    static List<Finding> firstProblems(LintedPolicy policy, BiFunction<SourceLocation, String, Finding> finding,
                                       BiFunction<LocatedString, Variable, Optional<String>> problem) {
        List<Finding> out = new ArrayList<>();
        if (!policy.document().substitutesVariables()) {
            return out;
        }
        for (Statement s : policy.document().statements()) {
            for (LocatedString v : substituted(s)) {
                for (Variable x : of(v.value())) {
                    Optional<String> message = problem.apply(v, x);
                    if (message.isPresent()) {
                        out.add(finding.apply(v.location(), message.get()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    static List<Variable> of(String value) {
        List<Variable> out = new ArrayList<>();
        if (PolicyText.unknown(value)) {
            return out;
        }
        int at = value.indexOf("${");
        while (at >= 0) {
            int close = value.indexOf('}', at + 2);
            if (close < 0) {
                out.add(new Variable(value.substring(at + 2), false));
                break;
            }
            out.add(new Variable(value.substring(at + 2, close), true));
            at = value.indexOf("${", close + 1);
        }
        return out;
    }

    /** The special variables that stand for a character: ${*}, ${?}, ${$}. */
    static boolean special(Variable v) {
        return v.inner().equals("*") || v.inner().equals("?") || v.inner().equals("$");
    }

    /** The values of a statement in which IAM substitutes variables: Resource/NotResource and Condition values. */
    static List<LocatedString> substituted(Statement s) {
        List<LocatedString> values = new ArrayList<>(s.resources().map(r -> r.values()).orElse(List.of()));
        for (Condition c : s.condition().conditions()) {
            values.addAll(c.values());
        }
        return values;
    }
}

package dev.iampreflight.rules.grammar;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The conditions that compare a key with an empty array of values, by what an empty list means for their operator:
 * the four empty-values rules each report one of these kinds.
 */
final class EmptyValues {

    /** How an operator treats an empty list. */
    enum Kind { PLAIN, IF_EXISTS, FOR_ALL_VALUES, FOR_ANY_VALUE }

    private EmptyValues() {
    }

    static Kind kindOf(Condition c) {
        String prefix = PolicyText.setPrefix(c);
        if (prefix.equals("forallvalues")) {
            return Kind.FOR_ALL_VALUES;
        }
        if (prefix.equals("foranyvalue")) {
            return Kind.FOR_ANY_VALUE;
        }
        return prefix.isEmpty() && c.operator().value().endsWith("IfExists") ? Kind.IF_EXISTS : Kind.PLAIN;
    }

    /**
     * One finding per condition of {@code kind} with an empty array of values, at its key, saying
     * {@code consequence} after what it is.
     */
    static List<Finding> findings(LintedPolicy policy, BiFunction<SourceLocation, String, Finding> finding, Kind kind,
                                  String consequence) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (c.values().isEmpty() && kindOf(c) == kind) {
                    out.add(finding.apply(c.key().location(), "'" + c.operator().value() + "' on '"
                            + c.key().value() + "' has an empty array of values; " + consequence));
                }
            }
        }
        return out;
    }
}

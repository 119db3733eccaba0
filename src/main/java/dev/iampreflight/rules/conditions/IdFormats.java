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
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Values of a string condition on a key that holds resource ids of one shape ({@code aws:SourceVpc} holds
 * {@code vpc-...}): a known value of another shape is never equal to the key (wildcards of a Like operator, unknown
 * values and policy variables aside).
 */
final class IdFormats {

    private IdFormats() {
    }

    /** One finding per value of a string condition on {@code key} that {@code shape} does not match. */
    static List<Finding> misshapen(LintedPolicy policy, BiFunction<SourceLocation, String, Finding> finding,
                                   String key, Pattern shape, String what) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.key().value().equalsIgnoreCase(key)
                        || Operators.family(c.operator().value()).filter(f -> f == Operators.Family.STRING).isEmpty()) {
                    continue;
                }
                boolean like = c.operator().value().toLowerCase(Locale.ROOT).contains("like");
                for (LocatedString v : c.values()) {
                    String t = v.value();
                    if (PolicyText.unknown(t) || PolicyText.hasVariable(t) || like && PolicyText.hasWildcard(t)
                            || shape.matcher(t).matches() || PolicyText.emptyInput(v)) {
                        continue;
                    }
                    out.add(finding.apply(v.location(), "'" + t + "' is not " + what + ", so no request's " + key
                            + " equals it"));
                }
            }
        }
        return out;
    }
}

package dev.iampreflight.rules.conditions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition operators of the IAM policy language and the type of value each compares, from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html.
 */
final class Operators {

    enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    static final Map<String, Family> BASE = Map.ofEntries(
            Map.entry("stringequals", Family.STRING), Map.entry("stringnotequals", Family.STRING),
            Map.entry("stringequalsignorecase", Family.STRING), Map.entry("stringnotequalsignorecase", Family.STRING),
            Map.entry("stringlike", Family.STRING), Map.entry("stringnotlike", Family.STRING),
            Map.entry("numericequals", Family.NUMERIC), Map.entry("numericnotequals", Family.NUMERIC),
            Map.entry("numericlessthan", Family.NUMERIC), Map.entry("numericlessthanequals", Family.NUMERIC),
            Map.entry("numericgreaterthan", Family.NUMERIC), Map.entry("numericgreaterthanequals", Family.NUMERIC),
            Map.entry("dateequals", Family.DATE), Map.entry("datenotequals", Family.DATE),
            Map.entry("datelessthan", Family.DATE), Map.entry("datelessthanequals", Family.DATE),
            Map.entry("dategreaterthan", Family.DATE), Map.entry("dategreaterthanequals", Family.DATE),
            Map.entry("bool", Family.BOOL), Map.entry("binaryequals", Family.BINARY),
            Map.entry("ipaddress", Family.IP), Map.entry("notipaddress", Family.IP),
            Map.entry("arnequals", Family.ARN), Map.entry("arnlike", Family.ARN),
            Map.entry("arnnotequals", Family.ARN), Map.entry("arnnotlike", Family.ARN),
            Map.entry("null", Family.NULL));

    private Operators() {
    }

    /** The family of an operator as written (with a set prefix and IfExists), when it is a valid operator. */
    static Optional<Family> family(String operator) {
        String op = operator;
        int colon = op.indexOf(':');
        if (colon >= 0) {
            String prefix = op.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!prefix.equals("foranyvalue") && !prefix.equals("forallvalues")) {
                return Optional.empty();
            }
            op = op.substring(colon + 1);
        }
        String lower = op.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ifexists")) {
            lower = lower.substring(0, lower.length() - "ifexists".length());
            if (lower.equals("null")) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(BASE.get(lower));
    }
}

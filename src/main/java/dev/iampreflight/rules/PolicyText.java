package dev.iampreflight.rules;

import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.policy.Wildcards;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small readings of policy values that several rules share. */
public final class PolicyText {

    private PolicyText() {
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("<[A-Za-z][^<>]*>");

    /**
     * True when a reader could not know part of the value ({@code {?}}), or the value holds a placeholder for the
     * reader of a template to fill in ({@code arn:aws:iam::<ACCOUNT ID>:root}): rules say nothing about it.
     */
    public static boolean unknown(String value) {
        return value.contains(SymbolicValue.UNKNOWN) || value.indexOf('<') >= 0 && PLACEHOLDER.matcher(value).find();
    }

    /**
     * True for an empty value outside a JSON policy file: in a template or configuration it is usually an input left
     * empty until deploy time (a variable's default), not what will be deployed.
     */
    public static boolean emptyInput(dev.iampreflight.policy.LocatedString v) {
        return v.value().isEmpty() && !v.location().file().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** True when the value holds a policy variable such as {@code ${aws:username}}. */
    public static boolean hasVariable(String value) {
        return value.contains("${");
    }

    /** The six fields of an ARN ({@code arn:partition:service:region:account:resource}), when it has them. */
    public static Optional<String[]> arn(String value) {
        if (!value.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] p = value.split(":", 6);
        return p.length == 6 ? Optional.of(p) : Optional.empty();
    }

    /**
     * An Allow statement open to anyone with no condition: {@code Principal "*"} or {@code {"AWS": "*"}}, not negated.
     * Its principal, else empty.
     */
    public static Optional<dev.iampreflight.policy.Principal> openToAnyone(Statement s) {
        if (s.effect() != dev.iampreflight.policy.Effect.ALLOW || s.principal().isEmpty()
                || s.principal().get().negated() || !s.condition().isEmpty()) {
            return Optional.empty();
        }
        dev.iampreflight.policy.Principal p = s.principal().get();
        boolean anyone = p.anyone() || p.values(dev.iampreflight.policy.Principal.AWS).stream()
                .anyMatch(v -> v.value().equals("*"));
        return anyone ? Optional.of(p) : Optional.empty();
    }

    /** The statement's Action values when it uses Action (not NotAction). */
    public static List<LocatedString> actions(Statement s) {
        return s.actions().negated() ? List.of() : s.actions().values();
    }

    /** The statement's Resource values when it uses Resource (not NotResource, not absent). */
    public static List<LocatedString> resources(Statement s) {
        return s.resources().filter(r -> !r.negated()).map(r -> r.values()).orElse(List.of());
    }

    /** The operator without its {@code ForAnyValue:}/{@code ForAllValues:} prefix and {@code IfExists} suffix. */
    public static String baseOperator(String operator) {
        String op = operator;
        int colon = op.indexOf(':');
        if (colon >= 0) {
            op = op.substring(colon + 1);
        }
        if (op.endsWith("IfExists")) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        return op;
    }

    /** The set operator prefix, lower-case ({@code foranyvalue}, {@code forallvalues}), or empty. */
    public static String setPrefix(Condition c) {
        String op = c.operator().value();
        int colon = op.indexOf(':');
        return colon < 0 ? "" : op.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /**
     * True when the action pattern (or {@code *}) covers the action {@code full}, case-insensitively, read by the
     * engine's matcher. A pattern with a part not known offline ({@link #unknown}) covers nothing: rules say nothing
     * about it.
     */
    public static boolean covers(String pattern, String full) {
        return !unknown(pattern) && Wildcards.matches(pattern, Wildcards.Syntax.POLICY, Wildcards.Mode.ACTION, full);
    }

    /**
     * True when the {@code *}/{@code ?} pattern matches {@code value} as a whole, case-sensitively, with {@code *}
     * crossing any character (the plain reading, not the ARN-aware one); an {@link #unknown} pattern matches nothing.
     */
    public static boolean plainMatch(String pattern, String value) {
        return !unknown(pattern) && Wildcards.matches(pattern, Wildcards.Syntax.POLICY, Wildcards.Mode.PLAIN, value);
    }
}

package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;

import java.util.Objects;

/**
 * A value from a deploy file that may be only partly known: a literal string, or a pattern in which every segment
 * that cannot be resolved statically (an account id, a generated name, an ImportValue, a Terraform computed attribute)
 * is written {@value #UNKNOWN}. The engine treats {@code {?}} in policies as {@code *} and in requests as "unknown".
 */
public record SymbolicValue(String value, SourceLocation location) {

    /** The marker of an unknown segment. */
    public static final String UNKNOWN = "{?}";

    public SymbolicValue {
        Objects.requireNonNull(value, "value");
        if (location == null) {
            location = SourceLocation.unknown();
        }
    }

    public static SymbolicValue unknown(SourceLocation location) {
        return new SymbolicValue(UNKNOWN, location);
    }

    /** True when no part of the value is unknown. */
    public boolean isLiteral() {
        return !value.contains(UNKNOWN);
    }

    /** True when nothing at all is known. */
    public boolean isUnknown() {
        return UNKNOWN.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

/** A string value from a policy with the place it was written. */
public record LocatedString(String value, SourceLocation location) {

    public static LocatedString synthetic(String value) {
        return new LocatedString(value, SourceLocation.unknown());
    }

    @Override
    public String toString() {
        return value;
    }
}

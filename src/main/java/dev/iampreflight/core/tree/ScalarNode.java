package dev.iampreflight.core.tree;

import dev.iampreflight.core.SourceLocation;

import java.util.Optional;

/**
 * A string, number, boolean or null. {@code text} is the value as written for strings and numbers, "true"/"false"
 * for booleans and "null" for null, because IAM compares condition values as text.
 */
public record ScalarNode(Kind kind, String text, SourceLocation location, Optional<String> tag) implements Node {

    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public static ScalarNode string(String text, SourceLocation location) {
        return new ScalarNode(Kind.STRING, text, location, Optional.empty());
    }

    public boolean isString() {
        return kind == Kind.STRING;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

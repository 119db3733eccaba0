package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.Optional;

/**
 * One statement. {@code actions} is Action or NotAction; {@code resources} is Resource or NotResource and is absent
 * in trust policies; {@code principal} is Principal or NotPrincipal and is absent in identity policies.
 * {@code index} is the statement's 0-based position in its document.
 */
public record Statement(int index, Optional<LocatedString> sid, Effect effect, ValueList actions,
                        Optional<ValueList> resources, Optional<Principal> principal, ConditionBlock condition,
                        SourceLocation location) {

    /** "Sid 'X'" when it has one, else "statement #n" (1-based), for messages. */
    public String label() {
        return sid.map(s -> "statement '" + s.value() + "'").orElse("statement #" + (index + 1));
    }
}
